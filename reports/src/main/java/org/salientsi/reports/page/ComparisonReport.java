package org.salientsi.reports.page;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.salientsi.api.image.Image;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.reports.html.Html;
import org.salientsi.reports.html.Numbers;
import org.salientsi.reports.html.Page;
import org.salientsi.reports.picture.MapPictures;
import org.salientsi.reports.picture.Pictures;

/**
 * The page of one image tested with several saliency methods and selectors side by side ({@code salientsi compare
 * --report FILE}): the warning that each raw p-value is valid only for a method chosen beforehand, the image and its
 * reference, and one row per method and selector with its map over the image and its region's contour, the
 * zoomed z-line, the region's size, T, the selective p-value (with its bounds after an early stop), its
 * Holm-adjusted value across the rows and the decision at alpha on it, and the naive and OC p-values. A row without
 * a p-value says why (nothing salient to test, with its map, or its error). Element ids: {@code warning},
 * {@code panel-x}, {@code panel-r}, {@code comparison}.
 */
public final class ComparisonReport {

    /** The warning on every comparison page, plain text. */
    public static final String WARNING = "Each raw selective p-value of this comparison is valid only for a method and "
            + "selector chosen before seeing the data. Picking the row with the smallest p-value after looking is a "
            + "further selection that no raw p-value accounts for: to choose among these rows, use the Holm-adjusted "
            + "column, which controls the family-wise error rate over all of them.";
    private static final int THUMB = 160;

    private ComparisonReport() {
    }

    /**
     * @param file destination
     * @param title the page's title
     * @param rows the methods and selectors, in the order to show
     * @param alpha the level of the decisions, in (0, 1)
     * @throws IOException on write failure
     */
    public static void write(Path file, String title, List<ComparisonRow> rows, double alpha) throws IOException {
        Files.writeString(file, render(title, rows, alpha), StandardCharsets.UTF_8);
    }

    /**
     * @param title the page's title
     * @param rows the methods and selectors, in the order to show
     * @param alpha the level of the decisions, in (0, 1)
     * @return the page's HTML
     * @throws org.salientsi.api.error.InvalidValueException if alpha is not in (0, 1)
     */
    public static String render(String title, List<ComparisonRow> rows, double alpha) {
        Verdict.checkAlpha(alpha);
        String a = Numbers.plain(alpha);
        StringBuilder sb = new StringBuilder(Page.open(title));
        sb.append("<div class=\"warnbox\" id=\"warning\"><b>Read first.</b> ").append(Html.escape(WARNING))
                .append("</div>\n");
        long withP = rows.stream().filter(r -> r.entry().hasP()).count();
        long significant = rows.stream().filter(r -> r.holmP() != null && r.holmP() <= alpha).count();
        sb.append("<p id=\"summary\">").append(rows.size()).append(rows.size() == 1 ? " method and selector, " :
                " methods and selectors, ").append(withP).append(" with a p-value; significant at alpha = ").append(a)
                .append(" after Holm's adjustment: <b>").append(significant).append("</b>.</p>\n");
        Image x = rows.stream().map(r -> r.entry().image()).filter(i -> i != null).findFirst().orElse(null);
        Image ref = rows.stream().map(r -> r.entry().reference()).filter(i -> i != null).findFirst().orElse(null);
        if (x != null) {
            sb.append("<h2>The image</h2>\n");
            boolean withRef = ref != null && ref.shape().equals(x.shape());
            double[] range = withRef ? MapPictures.commonRange(x, ref) : MapPictures.commonRange(x);
            int scale = Pictures.scaleFor(x.shape().height(), x.shape().width(), 192);
            sb.append(ResultHtml.figure("panel-x", MapPictures.grey(x, range[0], range[1], null, scale), "X, the image",
                    "X: " + Html.escape(x.name()) + " (" + x.shape() + ")", ""));
            if (withRef) {
                sb.append(ResultHtml.figure("panel-r", MapPictures.grey(ref, range[0], range[1], null, scale),
                        "R, the reference", "R: " + Html.escape(ref.name()) + ", on X's grey scale", ""));
            }
        }
        sb.append("<h2>Methods and selectors</h2>\n<p class=\"small\">Maps are blended over the image (blue below 0, "
                + "red above, each scaled by its own largest |S|), the selected region outlined in green. The zoomed "
                + "z-line shows the piece of Z around T (blue), the OC piece (orange) and T (red).</p>\n");
        sb.append("<table id=\"comparison\"><thead><tr><th class=\"l\">method</th><th class=\"l\">selector</th>"
                + "<th>map over the image, region outlined</th><th>z-line around T</th><th>region</th><th>T</th>"
                + "<th>selective p (raw)</th><th>Holm-adjusted p</th><th class=\"l\">at alpha = " + a
                + " (Holm)</th><th>naive p</th><th>OC p</th></tr></thead>\n<tbody>\n");
        for (ComparisonRow row : rows) {
            row(sb, row, alpha);
        }
        sb.append("</tbody></table>\n");
        SelectiveResult first = rows.stream().filter(r -> r.entry().ok()).map(r -> r.entry().result()).findFirst()
                .orElse(null);
        if (first != null) {
            sb.append("<h2>Provenance</h2>\n<p class=\"small\">Of the first row; method and selector differ by row."
                    + "</p>\n").append(ResultHtml.provenance(first.provenance()));
        }
        return sb.append(Page.close()).toString();
    }

    private static void row(StringBuilder sb, ComparisonRow row, double alpha) {
        ReportEntry e = row.entry();
        sb.append("<tr><td class=\"l\">").append(Html.escape(row.method())).append("</td><td class=\"l\">")
                .append(Html.escape(row.selector())).append("</td>");
        if (!e.hasP()) {
            sb.append("<td>").append(BatchReport.mapThumbnail(e, null, THUMB)).append("</td><td class=\"l ")
                    .append(e.ok() ? "none\" colspan=\"9\">nothing salient to test: " + Html.escape(
                            Outcomes.why(e.result())) : "err\" colspan=\"9\">" + Html.escape(e.error()))
                    .append("</td></tr>\n");
            return;
        }
        SelectiveResult r = e.result();
        sb.append("<td>").append(BatchReport.mapThumbnail(e, r.region(), THUMB)).append("</td><td>")
                .append(TestReport.zoomImg(r, 300, 110)).append("</td>");
        sb.append("<td>").append(r.regionSize()).append("</td><td>").append(Numbers.g4(r.statistic())).append("</td>");
        sb.append("<td>").append(Numbers.g4(r.selectiveP()));
        if (r.stoppedEarly()) {
            sb.append(" <span class=\"small\">[").append(Numbers.g4(r.pBounds().lower())).append(", ")
                    .append(Numbers.g4(r.pBounds().upper())).append("]</span>");
        }
        sb.append("</td><td class=\"sel\">").append(row.holmP() == null ? "-" : Numbers.g4(row.holmP()))
                .append("</td>");
        Verdict v = Verdict.of(row.holmP(), alpha);
        sb.append("<td class=\"l verdict-cell ").append(v.cssClass()).append("\">").append(v.words()).append("</td>");
        sb.append("<td>").append(Numbers.g4(r.naiveP())).append("</td><td>").append(Numbers.g4(r.ocP()))
                .append("</td></tr>\n");
    }
}
