package org.salientsi.validation.report;

/** Small helpers for the HTML pages: escaping and the shared style. */
public final class Html {

    /** The pages' style sheet. */
    public static final String STYLE = "body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}"
            + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:4px 8px;"
            + "text-align:right}th{background:#eee}td:first-child,th:first-child{text-align:left}"
            + "img{max-width:100%;margin:4px}.note{color:#555}";

    private Html() {
    }

    /**
     * @param text any text
     * @return it with {@code & < > " '} escaped
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * @param title the page title
     * @return the page's opening, up to and including the {@code <h1>}
     */
    public static String open(String title) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title><style>" + STYLE + "</style></head><body>\n<h1>" + escape(title) + "</h1>\n";
    }

    /** @return the page's closing */
    public static String close() {
        return "</body></html>\n";
    }
}
