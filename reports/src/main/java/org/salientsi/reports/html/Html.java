package org.salientsi.reports.html;

/**
 * Escaping for HTML, the one function every report page uses for text and attribute values alike: it escapes
 * {@code & < > " '}, so its output is safe between tags and inside a quoted attribute.
 */
public final class Html {

    private Html() {
    }

    /**
     * @param text any text, or {@code null}
     * @return it with {@code & < > " '} replaced by entities; the empty string for {@code null}
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length() + 16);
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
     * @param src the picture's address (a relative path or a {@code data:} URI), escaped here
     * @param alt its text alternative, escaped here
     * @return an {@code img} element
     */
    public static String img(String src, String alt) {
        return "<img src=\"" + escape(src) + "\" alt=\"" + escape(alt) + "\">";
    }
}
