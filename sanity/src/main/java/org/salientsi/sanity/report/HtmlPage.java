package org.salientsi.sanity.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** A minimal HTML page builder: headings, paragraphs, tables and images. Not thread-safe. */
public final class HtmlPage {

    private final StringBuilder body = new StringBuilder();
    private final String title;

    /**
     * @param title the page title
     */
    public HtmlPage(String title) {
        this.title = title;
        body.append("<h1>").append(esc(title)).append("</h1>\n");
    }

    /** @param text heading @return this page */
    public HtmlPage h2(String text) {
        body.append("<h2>").append(esc(text)).append("</h2>\n");
        return this;
    }

    /** @param text heading @return this page */
    public HtmlPage h3(String text) {
        body.append("<h3>").append(esc(text)).append("</h3>\n");
        return this;
    }

    /** @param text paragraph @return this page */
    public HtmlPage p(String text) {
        body.append("<p>").append(esc(text)).append("</p>\n");
        return this;
    }

    /** @param src image path or data URI @param alt text @return this page */
    public HtmlPage img(String src, String alt) {
        body.append("<img src=\"").append(esc(src)).append("\" alt=\"").append(esc(alt)).append("\">\n");
        return this;
    }

    /**
     * @param header column headings
     * @param rows cells (already formatted; an {@code <img>} cell is given as {@code img:SRC})
     * @return this page
     */
    public HtmlPage table(List<String> header, List<List<String>> rows) {
        body.append("<table><tr>");
        for (String h : header) {
            body.append("<th>").append(esc(h)).append("</th>");
        }
        body.append("</tr>\n");
        for (List<String> r : rows) {
            body.append("<tr>");
            for (String c : r) {
                body.append("<td>");
                if (c.startsWith("img:")) {
                    body.append("<img src=\"").append(esc(c.substring(4))).append("\">");
                } else {
                    body.append(esc(c));
                }
                body.append("</td>");
            }
            body.append("</tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    /**
     * @param file destination
     * @throws IOException on write failure
     */
    public void write(Path file) throws IOException {
        String html = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title>\n"
                + "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin:1em 0}"
                + "td,th{border:1px solid #ccc;padding:3px 7px;text-align:right}th{background:#eee}"
                + "td:first-child{text-align:left}img{image-rendering:pixelated;margin:2px}</style></head><body>\n"
                + body + "</body></html>\n";
        Files.writeString(file, html, StandardCharsets.UTF_8);
    }

    /**
     * @param v a number
     * @return it with 3 decimals, or "-" if undefined
     */
    public static String f3(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    /**
     * @param v a number
     * @param lo interval start
     * @param hi interval end
     * @return {@code v [lo, hi]}
     */
    public static String ci(double v, double lo, double hi) {
        return f3(v) + (Double.isNaN(lo) ? "" : " [" + f3(lo) + ", " + f3(hi) + "]");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
