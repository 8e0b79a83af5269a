package org.salientsi.reports.page;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.salientsi.api.image.Image;
import org.salientsi.api.interval.IntervalSet;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.result.StopReason;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.reports.html.Html;
import org.salientsi.reports.html.Numbers;
import org.salientsi.reports.html.Page;
import org.salientsi.reports.picture.Pictures;
import org.salientsi.reports.plot.ZLinePlot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The self-contained HTML page of one test ({@code salientsi test --report out.html}, and each image
 * of a batch report): the input image with the selected region outlined, the saliency map as a heat
 * map, the truncation set drawn on the z-line with {@code T} and the search range marked
 * ({@link ZLinePlot}), the three p-values with the bounds of the selective one, the confidence
 * interval, and the provenance. Pictures are PNGs embedded as {@code data:} URIs, so the page is one
 * file.
 */
public final class TestReport {

    private static final Logger LOG = LoggerFactory.getLogger(TestReport.class);
    private static final int PICTURE = 256;
    private static final int SHOWN_INTERVALS = 40;

    private TestReport() {
    }

    /**
     * @param file destination
     * @param entry the tested image
     * @throws IOException on write failure
     */
    public static void write(Path file, ReportEntry entry) throws IOException {
        Files.writeString(file, render(entry, null), StandardCharsets.UTF_8);
    }

    /**
     * @param entry the tested (or failed) image
     * @param backLink a relative link to the batch page, or {@code null}
     * @return the page's HTML
     */
    public static String render(ReportEntry entry, String backLink) {
        StringBuilder sb = new StringBuilder(Page.open("SalientSI test: " + entry.label()));
        if (backLink != null) {
            sb.append("<p><a href=\"").append(Html.escape(backLink))
                    .append("\">&larr; all images of the batch</a></p>\n");
        }
        if (!entry.ok()) {
            sb.append("<p class=\"err\">No p-value: ").append(Html.escape(entry.error())).append("</p>\n");
            if (entry.image() != null) {
                Image x = entry.image();
                sb.append("<figure>").append(ResultHtml.img(Pictures.image(x, null, scale(x)), "input"))
                        .append("<figcaption>input ").append(Html.escape(x.name())).append(" (")
                        .append(x.shape()).append(")</figcaption></figure>\n");
            }
            return sb.append(Page.close()).toString();
        }
        SelectiveResult r = entry.result();
        sb.append("<p>").append(verdict(r)).append("</p>\n");
        sb.append(figures(entry));
        sb.append("<h2>p-values</h2>\n").append(pTable(r, entry.bhP()));
        sb.append("<h2>Test</h2>\n").append(details(r));
        sb.append("<h2>Truncation set</h2>\n").append(intervals(r.intervals()));
        sb.append("<h2>Provenance</h2>\n").append(ResultHtml.provenance(r.provenance()));
        return sb.append(Page.close()).toString();
    }

    private static String verdict(SelectiveResult r) {
        String how = r.stopReason() == StopReason.EXHAUSTIVE ? "exact, over " + r.pieces() + " linear pieces"
                : "stopped early (" + r.stopReason().label() + "): between " + Numbers.g4(r.pBounds().lower()) + " and "
                        + Numbers.g4(r.pBounds().upper());
        return "Selective p-value <b>" + Numbers.g4(r.selectiveP()) + "</b> (" + Html.escape(how) + ", "
                + Html.escape(r.alternative().label()) + "). It is valid given that the saliency map selected this "
                + "region; the naive p-value (" + Numbers.g4(r.naiveP()) + ") ignores the selection and is not.";
    }

    /** The three pictures of a tested image, with captions: input with region, heat map, z-line. */
    private static String figures(ReportEntry entry) {
        SelectiveResult r = entry.result();
        StringBuilder sb = new StringBuilder();
        Image x = entry.image();
        if (x != null) {
            int pixels = r.region().height() * r.region().width();
            sb.append("<figure class=\"pic\">").append(ResultHtml.img(Pictures.image(x, r.region(), scale(x)),
                    "input with region"))
                    .append("<figcaption>input ").append(Html.escape(x.name())).append(" (").append(x.shape())
                    .append("); the selected region (").append(r.regionSize()).append(" of ").append(pixels)
                    .append(" pixels) outlined in red</figcaption></figure>");
        }
        SaliencyMap map = entry.map();
        if (map != null) {
            int scale = Pictures.scaleFor(map.height(), map.width(), PICTURE);
            sb.append("<figure class=\"pic\">").append(ResultHtml.img(Pictures.heat(map.values(), map.height(),
                    map.width(), scale),
                    "saliency map")).append("<figcaption>").append(ResultHtml.mapCaption(map, r.provenance()))
                    .append("</figcaption></figure>");
        }
        sb.append("<figure>").append(zline(r, 640, 260, false))
                .append("<figcaption>The line Y(z) = a + c z through the data along the test direction: the set Z "
                        + "(blue) where the selection equals the observed one, the linear piece used by the OC p-value "
                        + "(orange), the observed T (red), and the search range (black ticks; null mass outside: ")
                .append(Numbers.g4(r.massOutside())).append(").</figcaption>");
        return sb.append("</figure>\n").toString();
    }

    /**
     * @param r a result
     * @param width picture width
     * @param height picture height
     * @param small whether to draw the thumbnail (no title or legend)
     * @return the {@code img} element, or a note if the JVM cannot draw
     */
    static String zline(SelectiveResult r, int width, int height, boolean small) {
        try {
            String uri = small ? ZLinePlot.thumbnailDataUri(r, width, height) : ZLinePlot.dataUri(r, width, height);
            return "<img src=\"" + uri + "\" alt=\"truncation set on the z-line\">";
        } catch (RuntimeException | LinkageError e) {
            // a JVM without fonts cannot draw text: the page still carries the numbers
            LOG.warn("cannot draw the z-line plot: {}", e.toString());
            return "<p class=\"warn\">(the z-line plot could not be drawn: " + Html.escape(e.toString()) + ")</p>";
        }
    }

    private static String pTable(SelectiveResult r, Double bhP) {
        StringBuilder sb = new StringBuilder("<table><tr><th class=\"l\">p-value</th><th>value</th>"
                + "<th>bounds</th><th class=\"l\">conditions on</th></tr>\n");
        double[] b = r.pBounds().toArray();
        sb.append("<tr class=\"sel\"><td class=\"l\">selective</td><td>").append(Numbers.g4(r.selectiveP()))
                .append("</td><td>[").append(Numbers.g4(b[0])).append(", ").append(Numbers.g4(b[1]))
                .append("]</td><td class=\"l\">the selected region (the set Z): valid</td></tr>\n");
        if (bhP != null) {
            sb.append("<tr><td class=\"l\">selective, BH-adjusted</td><td>").append(Numbers.g4(bhP))
                    .append("</td><td></td><td class=\"l\">Benjamini-Hochberg across the batch</td></tr>\n");
        }
        sb.append("<tr><td class=\"l\">over-conditioned (OC)</td><td>").append(Numbers.g4(r.ocP()))
                .append("</td><td></td><td class=\"l\">the linear piece containing T: valid, "
                        + "less powerful</td></tr>\n");
        sb.append("<tr><td class=\"l\">naive</td><td>").append(Numbers.g4(r.naiveP()))
                .append("</td><td></td><td class=\"l\">nothing: not valid, the data chose the region</td></tr>\n");
        return sb.append("</table>\n").toString();
    }

    private static String details(SelectiveResult r) {
        StringBuilder sb = new StringBuilder("<table>");
        row(sb, "statistic T (" + r.provenance().statistic() + ")", Numbers.g4(r.statistic()));
        row(sb, "sigma_T", Numbers.g4(r.sigmaT()));
        row(sb, "alternative", r.alternative().label());
        row(sb, "region", r.regionSize() + " of " + r.region().height() * r.region().width() + " pixels");
        row(sb, "target unit", Integer.toString(r.target()));
        if (r.ciLevel() > 0) {
            row(sb, String.format(Locale.ROOT, "%.0f%% selective CI for eta^T mu", 100 * r.ciLevel()),
                    ResultHtml.ci(r));
        }
        row(sb, "search range", "[" + Numbers.g4(r.searchRange().lo()) + ", " + Numbers.g4(r.searchRange().hi()) + "]");
        row(sb, "null mass outside the range", Numbers.g4(r.massOutside()));
        row(sb, "linear pieces visited", Long.toString(r.pieces()));
        row(sb, "stop reason", r.stopReason().label());
        row(sb, "seconds (search and p-values)", String.format(Locale.ROOT, "%.3f", r.seconds()));
        return sb.append("</table>\n").toString();
    }

    private static void row(StringBuilder sb, String key, String value) {
        ResultHtml.row(sb, key, value, false);
    }

    private static String intervals(IntervalSet set) {
        StringBuilder sb = new StringBuilder("<p class=\"small\">").append(set.size())
                .append(set.size() == 1 ? " interval" : " intervals").append(" (units of T): ");
        for (int i = 0; i < Math.min(set.size(), SHOWN_INTERVALS); i++) {
            sb.append(i == 0 ? "" : " &cup; ").append('[').append(Numbers.g4(set.lower(i))).append(", ")
                    .append(Numbers.g4(set.upper(i))).append(']');
        }
        if (set.size() > SHOWN_INTERVALS) {
            sb.append(" &cup; ... (").append(set.size() - SHOWN_INTERVALS).append(" more; all in the JSON)");
        }
        return sb.append("</p>\n").toString();
    }

    private static int scale(Image x) {
        return Pictures.scaleFor(x.shape().height(), x.shape().width(), PICTURE);
    }
}
