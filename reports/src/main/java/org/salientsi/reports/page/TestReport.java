package org.salientsi.reports.page;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.Region;
import org.salientsi.api.interval.IntervalSet;
import org.salientsi.api.result.ComponentTests;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.reports.html.Html;
import org.salientsi.reports.html.Numbers;
import org.salientsi.reports.html.Page;
import org.salientsi.reports.picture.MapPictures;
import org.salientsi.reports.picture.Pictures;
import org.salientsi.reports.picture.SignMode;
import org.salientsi.reports.plot.ZLinePlot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The self-contained HTML page of one test ({@code salientsi test --report out.html}, and each image of a batch
 * report), from the top: the verdict at a stated level alpha (on the p-value bounds when the search stopped early);
 * what was tested, as panels X, R and X - R (or X alone for an in-image statistic) with the selected region's contour;
 * the saliency map blended over the image and alone, on a diverging scale centred at 0 with its colour bar and unit,
 * and in the other sign modes (positive, negative, absolute); the truncation set on the z-line over the search range
 * and zoomed around T ({@link ZLinePlot}) with their legend; the three p-values with the bounds of the selective one;
 * the test's numbers and the provenance. A result without a p-value (the selector selected no pixel, or every pixel)
 * shows its map and says that there is nothing salient to test. Pictures are PNGs embedded as {@code data:} URIs,
 * so the page is one file. Element ids the tests and the browser check rely on: {@code verdict}, {@code panel-x},
 * {@code panel-r}, {@code panel-diff}, {@code panel-overlay}, {@code panel-map}, {@code panel-positive},
 * {@code panel-negative}, {@code panel-absolute}, {@code panel-zline}, {@code panel-zoom}, {@code legend-zline},
 * {@code p-values}; with per-component tests also {@code panel-components} and {@code components}
 * ({@link ComponentSection}).
 */
public final class TestReport {

    /** The level of the verdict unless another is given. */
    public static final double DEFAULT_ALPHA = 0.05;
    private static final Logger LOG = LoggerFactory.getLogger(TestReport.class);
    private static final int PANEL = 288;
    private static final int MAP = 384;
    private static final int SMALL = 256;
    private static final int SHOWN_INTERVALS = 40;

    private TestReport() {
    }

    /**
     * @param file destination
     * @param entry the tested image
     * @throws IOException on write failure
     */
    public static void write(Path file, ReportEntry entry) throws IOException {
        write(file, entry, DEFAULT_ALPHA);
    }

    /**
     * @param file destination
     * @param entry the tested image
     * @param alpha the level of the verdict, in (0, 1)
     * @throws IOException on write failure
     */
    public static void write(Path file, ReportEntry entry, double alpha) throws IOException {
        write(file, entry, alpha, null);
    }

    /**
     * @param file destination
     * @param entry the tested image
     * @param alpha the level of the verdicts, in (0, 1)
     * @param components the tests of the region's connected components ({@code --components}), or {@code null}
     * @throws IOException on write failure
     */
    public static void write(Path file, ReportEntry entry, double alpha, ComponentTests components)
            throws IOException {
        Files.writeString(file, render(entry, null, alpha, components), StandardCharsets.UTF_8);
    }

    /**
     * @param entry the tested (or failed) image
     * @param backLink a relative link to the batch page, or {@code null}
     * @return the page's HTML, with the verdict at {@link #DEFAULT_ALPHA}
     */
    public static String render(ReportEntry entry, String backLink) {
        return render(entry, backLink, DEFAULT_ALPHA);
    }

    /**
     * @param entry the tested (or failed) image
     * @param backLink a relative link to the batch page, or {@code null}
     * @param alpha the level of the verdict, in (0, 1)
     * @return the page's HTML
     * @throws org.salientsi.api.error.InvalidValueException if alpha is not in (0, 1)
     */
    public static String render(ReportEntry entry, String backLink, double alpha) {
        return render(entry, backLink, alpha, null);
    }

    /**
     * @param entry the tested (or failed) image
     * @param backLink a relative link to the batch page, or {@code null}
     * @param alpha the level of the verdicts, in (0, 1)
     * @param components the tests of the region's connected components, or {@code null}: then the page outlines
     *     each component with its p-value ({@code panel-components}) and lists them ({@code components})
     * @return the page's HTML
     * @throws org.salientsi.api.error.InvalidValueException if alpha is not in (0, 1)
     */
    public static String render(ReportEntry entry, String backLink, double alpha, ComponentTests components) {
        Verdict.checkAlpha(alpha);
        StringBuilder sb = new StringBuilder(Page.open("SalientSI test: " + entry.label()));
        if (backLink != null) {
            sb.append("<p><a href=\"").append(Html.escape(backLink))
                    .append("\">&larr; all images of the batch</a></p>\n");
        }
        if (!entry.ok()) {
            sb.append("<p class=\"err\">No p-value: ").append(Html.escape(entry.error())).append("</p>\n");
            if (entry.image() != null) {
                sb.append(panels(entry, null, null));
                sb.append(mapSection(entry, null, null));
            }
            return sb.append(Page.close()).toString();
        }
        SelectiveResult r = entry.result();
        if (!Outcomes.tested(r)) {
            sb.append("<div class=\"verdict none\" id=\"verdict\">Nothing salient to test: ")
                    .append(Html.escape(Outcomes.why(r))).append(". There is no region, so no p-value.</div>\n");
            sb.append("<h2>The map that selected nothing</h2>\n").append(mapSection(entry, null, r));
            sb.append("<h2>The image</h2>\n").append(panels(entry, null, r));
            sb.append("<h2>Provenance</h2>\n").append(ResultHtml.provenance(r.provenance()));
            return sb.append(Page.close()).toString();
        }
        sb.append(verdict(r, alpha));
        sb.append("<h2>What was tested</h2>\n").append(panels(entry, r.region(), r));
        if (components != null) {
            sb.append("<h2>Components</h2>\n").append(ComponentSection.render(entry.image(), components, alpha));
        }
        sb.append("<h2>Saliency map</h2>\n").append(mapSection(entry, r.region(), r));
        sb.append("<h2>Truncation set on the z-line</h2>\n").append(zlines(r));
        sb.append("<h2>p-values</h2>\n").append(pTable(r, entry.bhP(), alpha));
        sb.append("<h2>Test</h2>\n").append(details(r));
        sb.append("<h2>Truncation set</h2>\n").append(intervals(r.intervals()));
        sb.append("<h2>Provenance</h2>\n").append(ResultHtml.provenance(r.provenance()));
        return sb.append(Page.close()).toString();
    }

    /** The verdict at alpha and what the p-values mean, HTML. */
    static String verdict(SelectiveResult r, double alpha) {
        Verdict v = Verdict.of(r, alpha);
        String a = Numbers.plain(alpha);
        String p = r.stoppedEarly() ? "the selective p-value is between " + Numbers.g4(r.pBounds().lower()) + " and "
                + Numbers.g4(r.pBounds().upper()) + " (the search stopped early, " + r.stopReason().label() + ")"
                : "selective p = " + Numbers.g4(r.selectiveP());
        String text = switch (v) {
            case REJECT -> "<b>Significant at alpha = " + a + "</b>: " + p
                    + (r.stoppedEarly() ? ", at most " : " &le; ") + a + ". The region differs from " + against(r)
                    + " (H0: eta^T mu = 0 rejected).";
            case KEEP -> "<b>Not significant at alpha = " + a + "</b>: " + p
                    + (r.stoppedEarly() ? ", above " : " &gt; ") + a + ". No evidence that the region differs from "
                    + against(r) + ".";
            case UNDECIDED -> "<b>Undecided at alpha = " + a + "</b>: " + p + ", on both sides of " + a
                    + ". Run the search further (--termination exhaustive, or decision:" + a + ").";
            case NONE -> "Nothing salient to test.";
        };
        return "<div class=\"verdict " + v.cssClass() + "\" id=\"verdict\" data-alpha=\"" + a + "\">" + text
                + "</div>\n<p class=\"small\">The selective p-value (" + Html.escape(r.alternative().label())
                + ") is valid given that the saliency map selected this region. The naive p-value ("
                + Numbers.g4(r.naiveP()) + ") ignores the selection and is not valid; the over-conditioned one ("
                + Numbers.g4(r.ocP()) + ") is valid but weaker.</p>\n";
    }

    private static String against(SelectiveResult r) {
        return "contrast".equals(r.provenance().statistic()) ? "the rest of the image" : "the reference";
    }

    /** X (and R and X - R with a reference) with the region's contour. */
    private static String panels(ReportEntry entry, Region region, SelectiveResult r) {
        Image x = entry.image();
        if (x == null) {
            return "";
        }
        Image ref = entry.reference();
        if (ref != null && !ref.shape().equals(x.shape())) {
            ref = null;
        }
        double[] range = ref == null ? MapPictures.commonRange(x) : MapPictures.commonRange(x, ref);
        int scale = Pictures.scaleFor(x.shape().height(), x.shape().width(), PANEL);
        String contour = region == null ? "" : "; the selected region (" + region.size() + " of "
                + region.height() * region.width() + " pixels) outlined in green";
        StringBuilder sb = new StringBuilder();
        sb.append(ResultHtml.figure("panel-x", MapPictures.grey(x, range[0], range[1], region, scale), "X, the image",
                "X: the image " + Html.escape(x.name()) + " (" + x.shape() + ")" + contour + greyScale(range),
                ""));
        if (ref != null) {
            sb.append(ResultHtml.figure("panel-r", MapPictures.grey(ref, range[0], range[1], region, scale),
                    "R, the reference", "R: the reference " + Html.escape(ref.name()) + ", on X's grey scale", ""));
            double[] d = MapPictures.difference(x, ref);
            String tested = r == null || r.provenance() == null ? "" : "; T = " + Html.escape(
                    r.provenance().statistic()) + " over the region = " + Numbers.g4(r.statistic());
            sb.append(ResultHtml.heatFigure("panel-diff", d, x.shape().height(), x.shape().width(), SignMode.ALL,
                    region, "X - R, image units", PANEL, "X - R, what is tested",
                    "X - R: what the test compares" + tested));
        } else if (r != null && Outcomes.tested(r)) {
            sb.append("<p class=\"small\">No reference: T (" + Html.escape(r.provenance().statistic())
                    + ") compares the region with the rest of X; T = " + Numbers.g4(r.statistic()) + ".</p>\n");
        }
        return sb.toString();
    }

    private static String greyScale(double[] range) {
        return " (grey: black " + Numbers.g3(range[0]) + ", white " + Numbers.g3(range[1]) + ")";
    }

    /** The map over the image and alone (all values), then in the other sign modes. */
    private static String mapSection(ReportEntry entry, Region region, SelectiveResult r) {
        SaliencyMap map = entry.map();
        Image x = entry.image();
        if (map == null) {
            return "<p class=\"small\">(no saliency map)</p>\n";
        }
        String method = r == null || r.provenance() == null ? null : r.provenance().method();
        String what = "saliency map (" + Html.escape(method == null ? "method" : method) + ", target " + map.target()
                + (map.targetFromArgmax() ? ", the arg-max class" : "") + ")";
        String contour = region == null ? "" : "; the selected region outlined in green";
        boolean fits = x != null && x.shape().height() == map.height() && x.shape().width() == map.width();
        StringBuilder sb = new StringBuilder();
        if (fits) {
            sb.append(ResultHtml.overlayFigure("panel-overlay", x, map, SignMode.ALL, region, method, MAP,
                    "The " + what + " blended over the image: blue below 0, red above, more opaque where |S| is "
                            + "larger" + contour));
        }
        sb.append(ResultHtml.heatFigure("panel-map", map.values(), map.height(), map.width(), SignMode.ALL, region,
                ResultHtml.mapUnit(method), MAP, "saliency map", "The " + what + " alone, centred at 0" + contour));
        if (fits) {
            sb.append("<details open><summary>Sign modes: positive, negative and absolute values</summary>\n");
            for (SignMode m : new SignMode[] {SignMode.POSITIVE, SignMode.NEGATIVE, SignMode.ABSOLUTE}) {
                sb.append(ResultHtml.overlayFigure("panel-" + m.label(), x, map, m, region, method, SMALL,
                        m.label() + " values (" + modeWords(m) + ") over the image"));
            }
            sb.append("</details>\n");
        }
        return sb.toString();
    }

    private static String modeWords(SignMode m) {
        return switch (m) {
            case POSITIVE -> "S > 0; the rest shows the image";
            case NEGATIVE -> "the size of S < 0";
            case ABSOLUTE -> "|S|";
            case ALL -> "every value";
        };
    }

    private static String zlines(SelectiveResult r) {
        return "<figure id=\"panel-zline\">" + zline(r, 640, 260, false) + "<figcaption>The line Y(z) = a + c z "
                + "through the data along the test direction, over the search range (null mass outside: "
                + Numbers.g4(r.massOutside()) + "); the grey bracket under the axis marks the zoomed window."
                + "</figcaption></figure>\n<figure id=\"panel-zoom\">" + zoom(r, 640, 230)
                + "<figcaption>Zoomed around T: the piece of Z that holds T, the OC piece and T; bars narrower than "
                + ZLinePlot.MIN_BAR_PIXELS + " pixels are widened to that. Ticks are distances from T in units of "
                + "sigma_T.</figcaption></figure>\n" + ResultHtml.zlineLegend();
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

    /**
     * @param r a result
     * @param width picture width
     * @param height picture height
     * @return the {@code img} element of the zoomed z-line without title or legend, or a note if the JVM cannot draw
     */
    static String zoomImg(SelectiveResult r, int width, int height) {
        try {
            return "<img src=\"" + ZLinePlot.zoomThumbnailDataUri(r, width, height)
                    + "\" alt=\"the z-line zoomed around T\">";
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("cannot draw the zoomed z-line plot: {}", e.toString());
            return "<p class=\"warn\">(not drawn: " + Html.escape(e.toString()) + ")</p>";
        }
    }

    private static String zoom(SelectiveResult r, int width, int height) {
        try {
            return "<img src=\"" + ZLinePlot.zoomDataUri(r, width, height) + "\" alt=\"the z-line zoomed around T\">";
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("cannot draw the zoomed z-line plot: {}", e.toString());
            return "<p class=\"warn\">(the zoomed plot could not be drawn: " + Html.escape(e.toString()) + ")</p>";
        }
    }

    private static String pTable(SelectiveResult r, Double bhP, double alpha) {
        StringBuilder sb = new StringBuilder("<table id=\"p-values\"><tr><th class=\"l\">p-value</th><th>value</th>"
                + "<th>bounds</th><th class=\"l\">at alpha = " + Numbers.plain(alpha) + "</th>"
                + "<th class=\"l\">conditions on</th></tr>\n");
        double[] b = r.pBounds().toArray();
        sb.append("<tr class=\"sel\"><td class=\"l\">selective</td><td>").append(Numbers.g4(r.selectiveP()))
                .append("</td><td>[").append(Numbers.g4(b[0])).append(", ").append(Numbers.g4(b[1]))
                .append(r.stoppedEarly() ? "] stopped early" : "] exact").append("</td><td class=\"l\">")
                .append(Verdict.of(r, alpha).words())
                .append("</td><td class=\"l\">the selected region (the set Z): valid</td></tr>\n");
        if (bhP != null) {
            sb.append("<tr><td class=\"l\">selective, BH-adjusted</td><td>").append(Numbers.g4(bhP))
                    .append("</td><td></td><td class=\"l\">").append(Verdict.of(bhP, alpha).words())
                    .append(" (false discovery rate)</td><td class=\"l\">Benjamini-Hochberg across the batch")
                    .append("</td></tr>\n");
        }
        sb.append("<tr><td class=\"l\">over-conditioned (OC)</td><td>").append(Numbers.g4(r.ocP()))
                .append("</td><td></td><td></td><td class=\"l\">the linear piece containing T: valid, "
                        + "less powerful</td></tr>\n");
        sb.append("<tr><td class=\"l\">naive</td><td>").append(Numbers.g4(r.naiveP()))
                .append("</td><td></td><td></td><td class=\"l\">nothing: not valid, the data chose the region"
                        + "</td></tr>\n");
        return sb.append("</table>\n").toString();
    }

    private static String details(SelectiveResult r) {
        StringBuilder sb = new StringBuilder("<table>");
        row(sb, "statistic T (" + r.provenance().statistic() + ")", Numbers.g4(r.statistic()));
        row(sb, "sigma_T", Numbers.g4(r.sigmaT()));
        row(sb, "T / sigma_T", Numbers.g4(r.statistic() / r.sigmaT()));
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
}
