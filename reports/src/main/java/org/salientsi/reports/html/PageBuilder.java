package org.salientsi.reports.html;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A page made of headings, paragraphs, tables and pictures, in the frame of {@link Page}; every text given is
 * plain and escaped here. Not thread-safe.
 */
public final class PageBuilder {

    /** A table cell given as {@code img:SRC} is drawn as the picture at {@code SRC}. */
    public static final String IMG_CELL = "img:";

    private final StringBuilder body = new StringBuilder();
    private final String title;

    /**
     * @param title the page title
     */
    public PageBuilder(String title) {
        this.title = title;
    }

    /** @param text heading @return this page */
    public PageBuilder h2(String text) {
        body.append("<h2>").append(Html.escape(text)).append("</h2>\n");
        return this;
    }

    /** @param text heading @return this page */
    public PageBuilder h3(String text) {
        body.append("<h3>").append(Html.escape(text)).append("</h3>\n");
        return this;
    }

    /** @param text paragraph @return this page */
    public PageBuilder p(String text) {
        body.append("<p>").append(Html.escape(text)).append("</p>\n");
        return this;
    }

    /** @param src image path or data URI @param alt text @return this page */
    public PageBuilder img(String src, String alt) {
        body.append(Html.img(src, alt)).append('\n');
        return this;
    }

    /**
     * @param header column headings
     * @param rows cells (already formatted; an {@code <img>} cell is given as {@code img:SRC})
     * @return this page
     */
    public PageBuilder table(List<String> header, List<List<String>> rows) {
        body.append("<table><tr>");
        for (String h : header) {
            body.append("<th>").append(Html.escape(h)).append("</th>");
        }
        body.append("</tr>\n");
        for (List<String> r : rows) {
            body.append("<tr>");
            for (String c : r) {
                body.append("<td>");
                if (c.startsWith(IMG_CELL)) {
                    body.append(Html.img(c.substring(IMG_CELL.length()), ""));
                } else {
                    body.append(Html.escape(c));
                }
                body.append("</td>");
            }
            body.append("</tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    /** @return the whole page */
    public String render() {
        return Page.open(title) + body + Page.close();
    }

    /**
     * @param file destination (UTF-8)
     * @throws IOException on write failure
     */
    public void write(Path file) throws IOException {
        Files.writeString(file, render(), StandardCharsets.UTF_8);
    }
}
