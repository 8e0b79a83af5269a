package org.salientsi.reports.page;

import java.util.Locale;
import java.util.Map;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.Region;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.reports.html.Html;
import org.salientsi.reports.html.Numbers;
import org.salientsi.reports.picture.MapPictures;
import org.salientsi.reports.picture.Pictures;
import org.salientsi.reports.picture.SignMode;
import org.salientsi.reports.plot.ZLinePlot;

/**
 * What the test, batch and comparison pages share: a picture element, figures of maps with their colour bars, the
 * legend of the z-line, the confidence interval, captions, provenance.
 */
final class ResultHtml {

    private ResultHtml() {
    }

    static String img(byte[] png, String alt) {
        return Html.img(Pictures.dataUri(png), alt);
    }

    /**
     * A figure: a picture with an id (the page's tests and the browser test find panels by it) and a caption.
     *
     * @param id the figure's id
     * @param png the picture
     * @param alt its text alternative
     * @param captionHtml the caption, HTML
     * @param extraHtml what follows the picture inside the figure (a colour bar), HTML, or empty
     */
    static String figure(String id, byte[] png, String alt, String captionHtml, String extraHtml) {
        return "<figure class=\"pic\" id=\"" + Html.escape(id) + "\">" + img(png, alt) + extraHtml + "<figcaption>"
                + captionHtml + "</figcaption></figure>\n";
    }

    /**
     * A colour bar under a picture: the mode's gradient, its ends and (for a diverging one) 0 as ticks, the unit.
     *
     * @param mode the sign mode whose colours the picture uses
     * @param scale the largest value shown ({@link SignMode#scale})
     * @param unit what the values measure, plain text
     * @param widthPx the picture's width, screen pixels
     * @return the colour bar, HTML
     */
    static String colourBar(SignMode mode, double scale, String unit, int widthPx) {
        StringBuilder sb = new StringBuilder("<div class=\"cbar\" style=\"width:").append(widthPx)
                .append("px\"><div class=\"cbar-strip\" style=\"background:").append(mode.colormap().cssGradient())
                .append("\"></div><div class=\"cbar-ticks\"><span>").append(Numbers.g3(mode.low(scale)))
                .append("</span>");
        if (mode == SignMode.ALL) {
            sb.append("<span>0</span>");
        }
        return sb.append("<span>").append(Numbers.g3(mode.high(scale))).append("</span></div><div class=\"cbar-unit\">")
                .append(Html.escape(unit)).append("</div></div>").toString();
    }

    /**
     * @param method a saliency method's name, or {@code null}
     * @return the unit of its map, in words
     */
    static String mapUnit(String method) {
        if (method == null) {
            return "saliency, the method's units";
        }
        return switch (method) {
            case "cam", "gradcam", "grad-x-input", "integrated-gradients", "occlusion" ->
                    "saliency (" + method + "), logit units of the target";
            case "gradient", "signed-gradient", "smoothgrad" ->
                    "saliency (" + method + "), logit per unit of input";
            default -> "saliency (" + method + "), the method's units";
        };
    }

    /**
     * The saliency map blended over the image, with the selection's contour, and its colour bar.
     *
     * @param id the figure's id
     * @param x the image
     * @param map its map (at the image's height and width)
     * @param mode which values to show
     * @param contour the selected region, or {@code null}
     * @param method the method's name, or {@code null}
     * @param side the wanted picture side, screen pixels
     */
    static String overlayFigure(String id, Image x, SaliencyMap map, SignMode mode, Region contour, String method,
                                int side, String captionHtml) {
        int scale = Pictures.scaleFor(map.height(), map.width(), side);
        double s = mode.scale(map.values());
        return figure(id, MapPictures.overlay(x, map.values(), mode, contour, scale),
                "saliency map (" + mode.label() + ") over the image", captionHtml,
                colourBar(mode, s, mapUnit(method), map.width() * scale));
    }

    /**
     * @param id the figure's id
     * @param values a row-major map
     * @param h rows
     * @param w columns
     * @param mode which values to show
     * @param contour the selected region, or {@code null}
     * @param unit the values' unit, plain text
     * @param side the wanted picture side, screen pixels
     */
    static String heatFigure(String id, double[] values, int h, int w, SignMode mode, Region contour, String unit,
                             int side, String alt, String captionHtml) {
        int scale = Pictures.scaleFor(h, w, side);
        return figure(id, MapPictures.heat(values, h, w, mode, contour, scale), alt, captionHtml,
                colourBar(mode, mode.scale(values), unit, w * scale));
    }

    /** @return the legend of the z-line plots, HTML, with one swatch per mark */
    static String zlineLegend() {
        return "<p class=\"legend\" id=\"legend-zline\">" + swatch(ZLinePlot.SET_RGB, "Z: where the selection "
                + "equals the observed one") + swatch(ZLinePlot.OC_RGB, "OC piece: the linear piece that holds T")
                + swatch(ZLinePlot.STAT_RGB, "T: the observed statistic") + swatch(0x000000, "search range ends")
                + swatch(0xb0b0b0, "null density N(0, sigma_T^2)") + "</p>\n";
    }

    /** @return a legend entry: a coloured mark and its meaning, HTML */
    static String swatch(int rgb, String text) {
        return String.format(Locale.ROOT, "<span class=\"swatch\" style=\"background:#%06x\"></span>", rgb)
                + Html.escape(text);
    }

    static String ci(SelectiveResult r) {
        if (r.ciLevel() <= 0) {
            return "not computed";
        }
        Double[] ci = r.ci().toArray();
        return "[" + end(ci[0], "-inf") + ", " + end(ci[1], "+inf") + "]";
    }

    private static String end(Double v, String unbounded) {
        return v == null ? unbounded : Numbers.g4(v);
    }

    static String mapCaption(SaliencyMap map, Provenance p) {
        double m = Pictures.maxAbs(map.values());
        return "saliency map (" + Html.escape(p == null || p.method() == null ? "method" : p.method()) + ", target "
                + map.target() + (map.targetFromArgmax() ? ", the arg-max class" : "")
                + "): blue = " + Numbers.g4(-m) + ", white = 0, red = " + Numbers.g4(m);
    }

    /** The provenance as a two-column table. */
    static String provenance(Provenance p) {
        StringBuilder sb = new StringBuilder("<table>");
        row(sb, "model SHA-256", p.modelSha256());
        row(sb, "backend", p.backend());
        row(sb, "saliency method", p.method());
        row(sb, "selector", p.selector());
        row(sb, "statistic", p.statistic());
        row(sb, "sigma", p.sigma() == null ? "(covariance file)" : Numbers.g4(p.sigma()));
        for (Map.Entry<String, String> e : p.options().entrySet()) {
            row(sb, e.getKey(), e.getValue());
        }
        if (p.seed() != null) {
            row(sb, "seed", p.seed().toString());
        }
        row(sb, "SalientSI version", p.version());
        if (p.started() != null) {
            row(sb, "started (UTC)", p.started());
            row(sb, "Java runtime", p.jvm());
            row(sb, "operating system", p.os());
        }
        return sb.append("</table>\n").toString();
    }

    private static void row(StringBuilder sb, String key, String value) {
        row(sb, key, value, true);
    }

    /**
     * A row of a two-column table: the key as a header cell, then the value ({@code "-"} for none); both plain text.
     *
     * @param left whether the value is left-aligned (text) rather than right-aligned (a number)
     */
    static void row(StringBuilder sb, String key, String value, boolean left) {
        sb.append("<tr><th class=\"l\">").append(Html.escape(key)).append(left ? "</th><td class=\"l\">" : "</th><td>")
                .append(Html.escape(value == null ? "-" : value)).append("</td></tr>");
    }
}
