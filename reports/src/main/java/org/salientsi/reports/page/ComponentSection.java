package org.salientsi.reports.page;

import java.util.Locale;
import org.salientsi.api.image.Image;
import org.salientsi.api.result.ComponentResult;
import org.salientsi.api.result.ComponentTests;
import org.salientsi.reports.html.Html;
import org.salientsi.reports.html.Numbers;
import org.salientsi.reports.picture.MapPictures;
import org.salientsi.reports.picture.Pictures;

/**
 * The per-component section of a test page ({@code --components}): the image with each connected component
 * outlined and labelled with its number and p-value (an SVG drawn over the picture: red where the adjusted p-value
 * is at most alpha, amber where it is not, grey dashed where the component was too small to test), and a table of
 * the components. Element ids: {@code panel-components} (the figure) and {@code components} (the table).
 */
final class ComponentSection {

    private static final int SIZE = 384;
    private static final String SIGNIFICANT = "#e0201a";
    private static final String NOT_SIGNIFICANT = "#f0b400";
    private static final String UNTESTED = "#9a9a9a";

    private ComponentSection() {
    }

    /**
     * @param image the test image, or {@code null} (then only the table)
     * @param parts the components
     * @param alpha the level of the verdicts, on the adjusted p-value (else on the valid p-value)
     * @return the section, HTML
     */
    static String render(Image image, ComponentTests parts, double alpha) {
        StringBuilder sb = new StringBuilder();
        sb.append("<p class=\"small\">The selected region split into ").append(parts.components().size())
                .append(" connected component(s) (").append(parts.connectivity()).append("-connectivity; fewer than ")
                .append(parts.minComponentSize()).append(" pixels: not tested). Each component is tested with the "
                        + "statistic's contrast on its own pixels, conditioned on the whole selected region.");
        if (parts.fdrMethod() != null) {
            sb.append(" Adjusted p-values: ").append(Html.escape(parts.fdrMethod())).append(", ")
                    .append(Html.escape(parts.fdrNote())).append('.');
        }
        sb.append("</p>\n");
        if (image != null && !parts.components().isEmpty()) {
            sb.append(figure(image, parts, alpha));
        }
        sb.append(table(parts, alpha));
        return sb.toString();
    }

    private static String figure(Image image, ComponentTests parts, double alpha) {
        int h = image.shape().height();
        int w = image.shape().width();
        int s = Pictures.scaleFor(h, w, SIZE);
        double[] range = MapPictures.commonRange(image);
        byte[] png = MapPictures.grey(image, range[0], range[1], null, s);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"components outlined with their p-values\">",
                w * s, h * s, w * s, h * s));
        svg.append(String.format(Locale.ROOT, "<image href=\"%s\" width=\"%d\" height=\"%d\" "
                + "style=\"image-rendering:pixelated\"/>", Pictures.dataUri(png), w * s, h * s));
        for (ComponentResult c : parts.components()) {
            String colour = colour(c, alpha);
            svg.append("<path fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"")
                    .append(Math.max(2, s / 6)).append('"')
                    .append(c.tested() ? "" : " stroke-dasharray=\"4 3\"")
                    .append(" d=\"").append(outline(c.pixels(), w, s)).append("\"/>");
        }
        for (ComponentResult c : parts.components()) {
            int[] b = c.boundingBox();
            int x = b[1] * s + 2;
            int y = b[0] * s > 14 ? b[0] * s - 3 : (b[2] + 1) * s + 13;
            // the label in the outline's colour on a dark halo, readable on any grey
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"14\" font-weight=\"bold\" "
                    + "font-family=\"sans-serif\" fill=\"%s\" stroke=\"black\" stroke-width=\"3\" "
                    + "paint-order=\"stroke\">%s</text>", x, Math.min(y, h * s - 2), colour(c, alpha),
                    Html.escape(label(c))));
        }
        svg.append("</svg>");
        return "<figure class=\"pic\" id=\"panel-components\">" + svg + "<figcaption>Components of the selected "
                + "region on X: #number and p-value (fdr: adjusted); red: significant at alpha = "
                + Numbers.plain(alpha) + " after adjustment, amber: not, grey dashed: too small to test"
                + "</figcaption></figure>\n";
    }

    /** @return the SVG path of the component's boundary: every pixel edge whose neighbour is outside */
    static String outline(int[] pixels, int width, int s) {
        java.util.Set<Integer> in = new java.util.HashSet<>();
        for (int p : pixels) {
            in.add(p);
        }
        StringBuilder d = new StringBuilder();
        for (int p : pixels) {
            int r = p / width;
            int c = p % width;
            int x = c * s;
            int y = r * s;
            if (r == 0 || !in.contains(p - width)) {
                d.append('M').append(x).append(' ').append(y).append('h').append(s);
            }
            if (!in.contains(p + width)) {
                d.append('M').append(x).append(' ').append(y + s).append('h').append(s);
            }
            if (c == 0 || !in.contains(p - 1)) {
                d.append('M').append(x).append(' ').append(y).append('v').append(s);
            }
            if (c == width - 1 || !in.contains(p + 1)) {
                d.append('M').append(x + s).append(' ').append(y).append('v').append(s);
            }
        }
        return d.toString();
    }

    private static String label(ComponentResult c) {
        if (!c.tested()) {
            return "#" + c.index() + " too small";
        }
        return "#" + c.index() + " p=" + Numbers.g3(c.pBounds().upper())
                + (c.fdrP() == null ? "" : " fdr=" + Numbers.g3(c.fdrP()));
    }

    private static String colour(ComponentResult c, double alpha) {
        if (!c.tested()) {
            return UNTESTED;
        }
        double p = c.fdrP() != null ? c.fdrP() : c.pBounds().upper();
        return p <= alpha ? SIGNIFICANT : NOT_SIGNIFICANT;
    }

    private static String table(ComponentTests parts, double alpha) {
        StringBuilder sb = new StringBuilder("<table id=\"components\"><tr><th>#</th><th>pixels</th>"
                + "<th>rows, columns</th><th>T</th><th>selective p</th><th>p bounds</th><th>OC p</th>"
                + "<th>naive p</th><th>adjusted p (" + Html.escape(parts.fdrMethod() == null ? "none"
                : parts.fdrMethod()) + ")</th><th>at alpha = " + Numbers.plain(alpha) + "</th></tr>\n");
        for (ComponentResult c : parts.components()) {
            int[] b = c.boundingBox();
            sb.append("<tr><td class=\"l\">").append(c.index()).append("</td><td>").append(c.size())
                    .append("</td><td>").append(b[0]).append('-').append(b[2]).append(", ").append(b[1]).append('-')
                    .append(b[3]).append("</td>");
            if (!c.tested()) {
                sb.append("<td colspan=\"7\" class=\"l\">too small, not tested</td></tr>\n");
                continue;
            }
            double p = c.fdrP() != null ? c.fdrP() : c.pBounds().upper();
            sb.append("<td>").append(Numbers.g4(c.statistic())).append("</td><td>").append(Numbers.g4(c.selectiveP()))
                    .append("</td><td>[").append(Numbers.g4(c.pBounds().lower())).append(", ")
                    .append(Numbers.g4(c.pBounds().upper())).append("]</td><td>").append(Numbers.g4(c.ocP()))
                    .append("</td><td>").append(Numbers.g4(c.naiveP())).append("</td><td>")
                    .append(c.fdrP() == null ? "-" : Numbers.g4(c.fdrP())).append("</td><td>")
                    .append(p <= alpha ? "significant" : "not significant").append("</td></tr>\n");
        }
        return sb.append("</table>\n").toString();
    }
}
