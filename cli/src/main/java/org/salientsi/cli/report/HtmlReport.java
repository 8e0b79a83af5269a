package org.salientsi.cli.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.salientsi.api.result.SelectiveResult;

/** A self-contained HTML page: one row per tested image with its pictures, p-values and provenance. */
public final class HtmlReport {

    /** One row. */
    public record Row(String label, String imagePng, String mapPng, SelectiveResult result) {
    }

    private final String title;
    private final List<String> notes = new ArrayList<>();
    private final List<Row> rows = new ArrayList<>();

    /**
     * @param title page title
     */
    public HtmlReport(String title) {
        this.title = title;
    }

    /**
     * @param text a paragraph under the title
     * @return this report
     */
    public HtmlReport note(String text) {
        notes.add(text);
        return this;
    }

    /**
     * @param row a tested image
     * @return this report
     */
    public HtmlReport add(Row row) {
        rows.add(row);
        return this;
    }

    /**
     * @param file destination
     * @throws IOException on write failure
     */
    public void write(Path file) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title>\n<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
                        + "td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#eee}"
                        + "img{image-rendering:pixelated}.small{font-size:80%;color:#555;text-align:left}"
                        + "</style></head><body>\n<h1>").append(esc(title)).append("</h1>\n");
        for (String n : notes) {
            sb.append("<p>").append(esc(n)).append("</p>\n");
        }
        sb.append("<table><tr><th>image</th><th>input, region outlined</th><th>saliency map</th><th>region</th>"
                + "<th>T</th><th>selective p</th><th>OC p</th><th>naive p</th><th>95% CI</th><th>pieces</th>"
                + "<th>seconds</th></tr>\n");
        for (Row r : rows) {
            SelectiveResult s = r.result();
            Double[] ci = s.ci();
            sb.append("<tr><td>").append(esc(r.label())).append("</td><td><img src=\"").append(r.imagePng())
                    .append("\"></td><td><img src=\"").append(r.mapPng()).append("\"></td><td>")
                    .append(s.regionSize()).append("</td><td>").append(fmt(s.statistic())).append("</td><td><b>")
                    .append(fmt(s.selectiveP())).append("</b></td><td>").append(fmt(s.ocP())).append("</td><td>")
                    .append(fmt(s.naiveP())).append("</td><td>[").append(ci[0] == null ? "-inf" : fmt(ci[0]))
                    .append(", ").append(ci[1] == null ? "+inf" : fmt(ci[1])).append("]</td><td>")
                    .append(s.pieces()).append("</td><td>").append(String.format(Locale.ROOT, "%.3f", s.seconds()))
                    .append("</td></tr>\n");
        }
        sb.append("</table>\n");
        if (!rows.isEmpty()) {
            var p = rows.get(0).result().provenance();
            sb.append("<p class=\"small\">provenance: model sha256 ").append(esc(String.valueOf(p.modelSha256())))
                    .append(", backend ").append(esc(String.valueOf(p.backend()))).append(", method ")
                    .append(esc(String.valueOf(p.method()))).append(", selector ").append(esc(String.valueOf(
                            p.selector()))).append(", statistic ").append(esc(String.valueOf(p.statistic())))
                    .append(", options ").append(esc(p.options().toString())).append(", SalientSI ")
                    .append(esc(p.version())).append("</p>\n");
        }
        sb.append("</body></html>\n");
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
