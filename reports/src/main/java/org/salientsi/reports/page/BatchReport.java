package org.salientsi.reports.page;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.result.ComponentTests;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.Region;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.reports.html.Html;
import org.salientsi.reports.html.Numbers;
import org.salientsi.reports.html.Page;
import org.salientsi.reports.picture.MapPictures;
import org.salientsi.reports.picture.Pictures;
import org.salientsi.reports.picture.SignMode;
import org.salientsi.reports.plot.Plots;

/**
 * The self-contained HTML page of many tests ({@code salientsi batch --report DIR}, {@code salientsi
 * demo}): a summary with the Benjamini-Hochberg decisions at a false discovery rate q (by default 0.05), the
 * histogram of the selective p-values and their QQ plot against U(0, 1) with the OC and naive ones; then one row per
 * image with the input and its region, the map over it, the z-line, the statistic, the selective p-value with its
 * Benjamini-Hochberg adjustment and decision beside it, the OC and naive p-values; a click on a column's header sorts
 * the rows by it. Images without a p-value are rows that say so (nothing salient to test, with the map that
 * explains it) or give their error. In a folder ({@link #writeFolder}) each image also gets its own
 * {@link TestReport} page, linked from its row.
 */
public final class BatchReport {

    private static final int THUMB = 96;
    private static final int HISTOGRAM_BINS = 10;
    private static final String SORT_SCRIPT = "<script>\n"
            + "document.querySelectorAll('th.sort').forEach(function(th){th.addEventListener('click',function(){\n"
            + " var table=th.closest('table'),col=th.cellIndex,asc=th.dataset.dir!=='asc';"
            + "th.dataset.dir=asc?'asc':'desc';\n"
            + " var rows=Array.prototype.slice.call(table.tBodies[0].rows);\n"
            + " rows.sort(function(a,b){var x=a.cells[col].dataset.v,y=b.cells[col].dataset.v;\n"
            + "  if(th.dataset.type==='text'){return asc?x.localeCompare(y):y.localeCompare(x);}\n"
            + "  x=x===''?Infinity:parseFloat(x);y=y===''?Infinity:parseFloat(y);\n"
            + "  if(x===y)return 0;if(x===Infinity)return 1;if(y===Infinity)return -1;return asc?x-y:y-x;});\n"
            + " rows.forEach(function(r){table.tBodies[0].appendChild(r);});});});\n"
            + "</script>\n";

    private final String title;
    private final List<String> notes = new ArrayList<>();
    private boolean bh = true;
    private double alpha = TestReport.DEFAULT_ALPHA;

    /**
     * @param title the page's title
     */
    public BatchReport(String title) {
        this.title = title;
    }

    /**
     * @param text a paragraph under the title (plain text)
     * @return this report
     */
    public BatchReport note(String text) {
        notes.add(text);
        return this;
    }

    /**
     * @param show whether to show the Benjamini-Hochberg column and summary (default: yes)
     * @return this report
     */
    public BatchReport showBh(boolean show) {
        bh = show;
        return this;
    }

    /**
     * @param level the level of each image's verdict and the false discovery rate q of the Benjamini-Hochberg
     *     decisions, in (0, 1) (default {@link TestReport#DEFAULT_ALPHA})
     * @return this report
     * @throws org.salientsi.api.error.InvalidValueException if it is not in (0, 1)
     */
    public BatchReport alpha(double level) {
        Verdict.checkAlpha(level);
        alpha = level;
        return this;
    }

    /**
     * Writes one page with every row.
     *
     * @param file destination
     * @param entries the images, in the order to show
     * @throws IOException on write failure
     */
    public void writeFile(Path file, List<ReportEntry> entries) throws IOException {
        Files.writeString(file, render(entries, i -> null), StandardCharsets.UTF_8);
    }

    /**
     * Writes {@code DIR/index.html} (every row) and one page per image ({@code DIR/NNNN-NAME.html}).
     *
     * @param dir destination folder, created if missing
     * @param entries the images, in the order to show
     * @return the index page
     * @throws IOException on write failure
     */
    public Path writeFolder(Path dir, List<ReportEntry> entries) throws IOException {
        return writeFolder(dir, entries, null);
    }

    /**
     * Writes {@code DIR/index.html} (every row) and one page per image ({@code DIR/NNNN-NAME.html}), each image's
     * page with its components outlined and listed when it has them ({@code --components}).
     *
     * @param dir destination folder, created if missing
     * @param entries the images, in the order to show
     * @param components per entry, the tests of its region's connected components or {@code null}; or
     *     {@code null} for none
     * @return the index page
     * @throws IOException on write failure
     * @throws org.salientsi.api.error.InvalidValueException if the lists' sizes differ
     */
    public Path writeFolder(Path dir, List<ReportEntry> entries, List<ComponentTests> components)
            throws IOException {
        if (components != null && components.size() != entries.size()) {
            throw InvalidValueException.of("%d component lists for %d images", components.size(), entries.size());
        }
        Files.createDirectories(dir);
        List<String> pages = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String page = pageName(i, entries.get(i).label());
            pages.add(page);
            Files.writeString(dir.resolve(page), TestReport.render(entries.get(i), "index.html", alpha,
                    components == null ? null : components.get(i)), StandardCharsets.UTF_8);
        }
        Path index = dir.resolve("index.html");
        Files.writeString(index, render(entries, pages::get), StandardCharsets.UTF_8);
        return index;
    }

    /**
     * @param entries the images
     * @param links the page of the i-th image, or {@code null} for none
     * @return the page's HTML
     */
    public String render(List<ReportEntry> entries, IntFunction<String> links) {
        StringBuilder sb = new StringBuilder(Page.open(title));
        for (String n : notes) {
            sb.append("<p>").append(Html.escape(n)).append("</p>\n");
        }
        sb.append("<p id=\"summary\">").append(summary(entries)).append("</p>\n");
        sb.append(distribution(entries));
        sb.append("<h2>Images</h2>\n<p class=\"small\">Click a column's header to sort by it. The selective "
                + "p-value is valid for each image on its own")
                .append(bh ? "; across many images, the Benjamini-Hochberg decisions (over the images with a p-value) "
                        + "keep the expected share of false discoveries at most q = " + Numbers.plain(alpha) : "")
                .append(". The naive p-value ignores the selection and is not valid.</p>\n");
        sb.append("<table id=\"images\"><thead><tr>");
        header(sb, "#", "num");
        header(sb, "image", "text");
        sb.append("<th>input, region outlined</th><th>saliency map over the input</th><th>truncation set on the "
                + "z-line: Z blue, OC piece orange, T red</th>");
        header(sb, "region", "num");
        header(sb, "T", "num");
        header(sb, "selective p", "num");
        if (bh) {
            header(sb, "BH-adjusted p", "num");
            header(sb, "BH at q = " + Numbers.plain(alpha), "text");
        }
        header(sb, "OC p", "num");
        header(sb, "naive p", "num");
        sb.append("<th>CI</th>");
        header(sb, "pieces", "num");
        header(sb, "seconds", "num");
        sb.append("</tr></thead>\n<tbody>\n");
        for (int i = 0; i < entries.size(); i++) {
            row(sb, i, entries.get(i), links.apply(i));
        }
        sb.append("</tbody></table>\n");
        Provenance p = entries.stream().filter(ReportEntry::ok).map(e -> e.result().provenance()).findFirst()
                .orElse(null);
        if (p != null) {
            sb.append("<h2>Provenance</h2>\n<p class=\"small\">Of the first tested image; per-image options "
                    + "(such as its reference) are on each image's page.</p>\n").append(ResultHtml.provenance(p));
        }
        sb.append(SORT_SCRIPT);
        return sb.append(Page.close()).toString();
    }

    private String summary(List<ReportEntry> entries) {
        long withP = entries.stream().filter(ReportEntry::hasP).count();
        long nothing = entries.stream().filter(e -> e.ok() && !e.hasP()).count();
        long failed = entries.size() - withP - nothing;
        StringBuilder sb = new StringBuilder().append(entries.size())
                .append(entries.size() == 1 ? " image: " : " images: ")
                .append(withP).append(" tested, ");
        if (nothing > 0) {
            sb.append(nothing).append(" with nothing salient to test, ");
        }
        sb.append(failed).append(" failed");
        if (withP > 0) {
            String a = Numbers.plain(alpha);
            long sel = entries.stream().filter(e -> e.hasP() && e.result().selectiveP() <= alpha).count();
            sb.append("; selective p &le; ").append(a).append(": ").append(sel);
            if (bh) {
                long adj = entries.stream().filter(e -> e.hasP() && e.bhP() != null && e.bhP() <= alpha).count();
                sb.append("; Benjamini-Hochberg discoveries at false discovery rate q = ").append(a).append(": ")
                        .append("<b>").append(adj).append("</b> of ").append(withP);
            }
        }
        return sb.append('.').toString();
    }

    /** The histogram and QQ plot of the p-values across the batch, or nothing without p-values. */
    private String distribution(List<ReportEntry> entries) {
        List<SelectiveResult> tested = entries.stream().filter(ReportEntry::hasP).map(ReportEntry::result).toList();
        if (tested.isEmpty()) {
            return "";
        }
        double[] sel = tested.stream().mapToDouble(SelectiveResult::selectiveP).sorted().toArray();
        long[] counts = new long[HISTOGRAM_BINS];
        for (double p : sel) {
            counts[Math.min(HISTOGRAM_BINS - 1, (int) (p * HISTOGRAM_BINS))]++;
        }
        Map<String, double[]> qq = new LinkedHashMap<>();
        qq.put("selective", sel);
        qq.put("over-conditioned (OC)", tested.stream().mapToDouble(SelectiveResult::ocP).sorted().toArray());
        qq.put("naive (not valid)", tested.stream().mapToDouble(SelectiveResult::naiveP).sorted().toArray());
        StringBuilder sb = new StringBuilder("<h2>p-values across the batch</h2>\n<div class=\"plots\">\n");
        try {
            sb.append(ResultHtml.figure("plot-histogram", Plots.histogram("Selective p-values (" + sel.length
                    + " images)", counts, sel.length), "histogram of the selective p-values", "Histogram of the "
                    + "selective p-values in " + HISTOGRAM_BINS + " bins, with the count a uniform distribution "
                    + "expects (black): on null images they are uniform; signal piles them up near 0.", ""));
            sb.append(ResultHtml.figure("plot-qq", Plots.qq("p-values against U(0, 1)", qq),
                    "QQ plot of the p-values against the uniform distribution", "QQ plot against U(0, 1): the i-th "
                    + "smallest of n p-values at (i - 0.5) / n. Valid p-values of null images follow the diagonal; "
                    + "the naive ones fall below it.", ""));
        } catch (RuntimeException | LinkageError e) {
            sb.append("<p class=\"warn\">(the plots could not be drawn: ").append(Html.escape(e.toString()))
                    .append(")</p>\n");
        }
        return sb.append("</div>\n").toString();
    }

    private static void header(StringBuilder sb, String label, String type) {
        sb.append("<th class=\"sort\" data-type=\"").append(type).append("\">").append(Html.escape(label))
                .append("</th>");
    }

    private void row(StringBuilder sb, int i, ReportEntry e, String link) {
        sb.append("<tr><td data-v=\"").append(i + 1).append("\">").append(i + 1).append("</td>");
        String label = Html.escape(e.label());
        sb.append("<td class=\"l\" data-v=\"").append(label).append("\">")
                .append(link == null ? label : "<a href=\"" + Html.escape(link) + "\">" + label + "</a>")
                .append("</td>");
        Image x = e.image();
        if (!e.hasP()) {
            sb.append("<td>");
            if (x != null) {
                sb.append(thumbnail(x, null, "input"));
            }
            sb.append("</td><td>").append(mapThumbnail(e, null)).append("</td>");
            if (e.ok()) {
                sb.append("<td class=\"l none\">nothing salient to test: ")
                        .append(Html.escape(Outcomes.why(e.result())))
                        .append("</td>");
            } else {
                sb.append("<td class=\"l err\">").append(Html.escape(e.error())).append("</td>");
            }
            // empty cells with empty sort keys, so that rows without a p-value sort last in every numeric column
            int numeric = bh ? 7 : 5;
            for (int k = 0; k < numeric; k++) {
                sb.append("<td data-v=\"\"></td>");
            }
            sb.append("<td></td><td data-v=\"\"></td><td data-v=\"\"></td></tr>\n");
            return;
        }
        SelectiveResult r = e.result();
        sb.append("<td>");
        if (x != null) {
            sb.append(thumbnail(x, r.region(), "input with region"));
        }
        sb.append("</td><td>").append(mapThumbnail(e, r.region())).append("</td><td>")
                .append(TestReport.zline(r, 220, 76, true)).append("</td>");
        cell(sb, r.regionSize(), Integer.toString(r.regionSize()));
        cell(sb, r.statistic(), Numbers.g4(r.statistic()));
        cell(sb, r.selectiveP(), "<b>" + Numbers.g4(r.selectiveP()) + "</b>"
                + (r.stoppedEarly() ? " <span class=\"small\">[" + Numbers.g4(r.pBounds().lower()) + ", "
                + Numbers.g4(r.pBounds().upper()) + "]</span>" : ""));
        if (bh) {
            if (e.bhP() == null) {
                sb.append("<td data-v=\"\"></td><td data-v=\"\"></td>");
            } else {
                cell(sb, e.bhP(), Numbers.g4(e.bhP()));
                boolean discovery = e.bhP() <= alpha;
                sb.append("<td class=\"l").append(discovery ? " sel" : "").append("\" data-v=\"")
                        .append(discovery ? "discovery" : "-").append("\">")
                        .append(discovery ? "discovery" : "-").append("</td>");
            }
        }
        cell(sb, r.ocP() == null ? Double.NaN : r.ocP(), Numbers.g4(r.ocP()));
        cell(sb, r.naiveP(), Numbers.g4(r.naiveP()));
        sb.append("<td>").append(ResultHtml.ci(r)).append("</td>");
        cell(sb, r.pieces(), Long.toString(r.pieces()));
        cell(sb, r.seconds(), String.format(Locale.ROOT, "%.3f", r.seconds()));
        sb.append("</tr>\n");
    }

    private static String thumbnail(Image x, Region region, String alt) {
        int scale = Pictures.scaleFor(x.shape().height(), x.shape().width(), THUMB);
        double[] range = MapPictures.commonRange(x);
        return ResultHtml.img(MapPictures.grey(x, range[0], range[1], region, scale), alt);
    }

    /** The map blended over the image with the region's contour (the map alone if it does not fit the image). */
    static String mapThumbnail(ReportEntry e, Region region) {
        return mapThumbnail(e, region, THUMB);
    }

    /** As {@link #mapThumbnail(ReportEntry, Region)}, about {@code side} screen pixels a side. */
    static String mapThumbnail(ReportEntry e, Region region, int side) {
        SaliencyMap map = e.map();
        if (map == null) {
            return "";
        }
        int scale = Pictures.scaleFor(map.height(), map.width(), side);
        Image x = e.image();
        boolean fits = x != null && x.shape().height() == map.height() && x.shape().width() == map.width();
        return ResultHtml.img(fits ? MapPictures.overlay(x, map.values(), SignMode.ALL, region, scale)
                : MapPictures.heat(map.values(), map.height(), map.width(), SignMode.ALL, region, scale),
                "saliency map over the input");
    }

    private static void cell(StringBuilder sb, double sortKey, String html) {
        sb.append("<td data-v=\"").append(String.format(Locale.ROOT, "%.17g", sortKey)).append("\">").append(html)
                .append("</td>");
    }

    /**
     * @param index the image's position
     * @param label its name
     * @return the file name of its page
     */
    static String pageName(int index, String label) {
        String safe = label == null ? "image" : label.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.length() > 80) {
            safe = safe.substring(0, 80);
        }
        return String.format(Locale.ROOT, "%04d-%s.html", index + 1, safe);
    }
}
