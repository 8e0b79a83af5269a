package org.salientsi.cli.report;

import java.util.Locale;
import java.util.Map;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.saliency.SaliencyMap;

/** What the report pages share: escaping, number formats, the style sheet, pictures and tables. */
final class Html {

    static final String STYLE = "<style>body{font-family:sans-serif;margin:2em;max-width:1500px;color:#222}"
            + "table{border-collapse:collapse;margin:0.5em 0 1em}td,th{border:1px solid #ccc;padding:3px 8px;"
            + "text-align:right;vertical-align:middle}th{background:#eee}td.l,th.l{text-align:left}"
            + "img{image-rendering:pixelated}figure{display:inline-block;margin:0 1.5em 1em 0;vertical-align:top}"
            + "figcaption{font-size:85%;color:#444;max-width:640px}.pic figcaption{max-width:280px}"
            + ".small{font-size:85%;color:#555}"
            + ".err{color:#b00020}.sel{font-weight:bold}th.sort{cursor:pointer}th.sort:after{content:' \\2195';"
            + "color:#888}.warn{color:#8a5a00}</style>";

    private Html() {
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    static String end(Double v, String unbounded) {
        return v == null ? unbounded : num(v);
    }

    static String head(String title) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title>\n"
                + STYLE + "</head><body>\n<h1>" + esc(title) + "</h1>\n";
    }

    static String tail() {
        return "</body></html>\n";
    }

    static String img(byte[] png, String alt) {
        return "<img src=\"" + Pictures.dataUri(png) + "\" alt=\"" + esc(alt) + "\">";
    }

    static String ci(SelectiveResult r) {
        if (r.ciLevel() <= 0) {
            return "not computed";
        }
        Double[] ci = r.ci().toArray();
        return "[" + end(ci[0], "-inf") + ", " + end(ci[1], "+inf") + "]";
    }

    static String mapCaption(SaliencyMap map, Provenance p) {
        double m = Pictures.maxAbs(map.values());
        return "saliency map (" + esc(p == null || p.method() == null ? "method" : p.method()) + ", target "
                + map.target() + (map.targetFromArgmax() ? ", the arg-max class" : "")
                + "): blue = " + num(-m) + ", white = 0, red = " + num(m);
    }

    /** The provenance as a two-column table. */
    static String provenance(Provenance p) {
        StringBuilder sb = new StringBuilder("<table>");
        row(sb, "model SHA-256", p.modelSha256());
        row(sb, "backend", p.backend());
        row(sb, "saliency method", p.method());
        row(sb, "selector", p.selector());
        row(sb, "statistic", p.statistic());
        row(sb, "sigma", p.sigma() == null ? "(covariance file)" : num(p.sigma()));
        for (Map.Entry<String, String> e : p.options().entrySet()) {
            row(sb, e.getKey(), e.getValue());
        }
        if (p.seed() != null) {
            row(sb, "seed", p.seed().toString());
        }
        row(sb, "SalientSI version", p.version());
        return sb.append("</table>\n").toString();
    }

    private static void row(StringBuilder sb, String key, String value) {
        sb.append("<tr><th class=\"l\">").append(esc(key)).append("</th><td class=\"l\">")
                .append(esc(value == null ? "-" : value)).append("</td></tr>");
    }
}
