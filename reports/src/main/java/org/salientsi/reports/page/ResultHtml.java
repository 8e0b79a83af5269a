package org.salientsi.reports.page;

import java.util.Map;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.reports.html.Html;
import org.salientsi.reports.html.Numbers;
import org.salientsi.reports.picture.Pictures;

/** What the test and batch pages share: a picture element, the confidence interval, captions, provenance. */
final class ResultHtml {

    private ResultHtml() {
    }

    static String img(byte[] png, String alt) {
        return Html.img(Pictures.dataUri(png), alt);
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
