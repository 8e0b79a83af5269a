package org.salientsi.sanity.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.salientsi.reports.html.Numbers;
import org.salientsi.reports.html.PageBuilder;
import org.salientsi.reports.plot.Plots;
import org.salientsi.sanity.metrics.MetricsResult;
import org.salientsi.sanity.reliability.InterMethodReliability;
import org.salientsi.sanity.reliability.InternalConsistency;
import org.salientsi.sanity.reliability.KrippendorffAlpha;
import org.salientsi.sanity.reliability.RankReversal;
import org.salientsi.sanity.reliability.ReliabilitySummary;
import org.salientsi.sanity.reliability.ScoreMatrix;

/**
 * Writes a {@link MetricsResult} to a directory: {@code summary.json}, {@code scores-v<i>-<metric>.csv}
 * (images x methods), {@code curves-v<i>.csv} when the study kept every curve, PNG plots of the mean
 * curves ({@code curves-v<i>.png}) and of alpha with its interval per metric and variant
 * ({@code alpha.png}), and {@code index.html}.
 */
public final class MetricsReport {

    private MetricsReport() {
    }

    /**
     * @param result the study's result
     * @return the JSON summary as a tree of maps and lists
     */
    public static Map<String, Object> summary(MetricsResult result) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("images", result.images().size());
        root.put("methods", result.methods());
        root.put("seconds", result.seconds());
        root.put("forward_passes", result.forwardPasses());
        List<Object> variants = new ArrayList<>();
        for (MetricsResult.Variant v : result.variants()) {
            Map<String, Object> vm = new LinkedHashMap<>();
            vm.put("label", v.label());
            vm.put("config", v.config().asMap());
            vm.put("steps", v.steps());
            Map<String, Object> metrics = new LinkedHashMap<>();
            for (ReliabilitySummary.MetricReliability r : v.reliability().metrics()) {
                Map<String, Object> mm = new LinkedHashMap<>();
                ScoreMatrix s = v.matrices().get(r.metric());
                mm.put("direction", s.direction().name().toLowerCase(java.util.Locale.ROOT));
                mm.put("images", r.images());
                mm.put("mean_score", meanScores(s));
                mm.put("alpha_ordinal", alpha(r.ordinal()));
                mm.put("alpha_interval", alpha(r.interval()));
                mm.put("alpha_ordinal_without_controls", r.ordinalWithoutControls() == null ? null
                        : alpha(r.ordinalWithoutControls()));
                mm.put("inter_method", imr(r.interMethod()));
                mm.put("inter_method_without_controls", r.interMethodWithoutControls() == null ? null
                        : imr(r.interMethodWithoutControls()));
                mm.put("kendall_w", Json.num(r.kendallW()));
                metrics.put(r.metric(), mm);
            }
            vm.put("metrics", metrics);
            List<Object> ic = new ArrayList<>();
            for (InternalConsistency c : v.reliability().consistency()) {
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("pair", List.of(c.first(), c.second()));
                cm.put("methods", c.methods());
                cm.put("spearman_per_method", Json.nums(c.perMethod()));
                cm.put("spearman_per_method_aligned", Json.nums(c.perMethodAligned()));
                cm.put("per_image_ranking_agreement", Json.num(c.rankingAgreement()));
                ic.add(cm);
            }
            vm.put("internal_consistency", ic);
            List<Object> rr = new ArrayList<>();
            for (RankReversal r : v.reliability().reversals()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("pair", List.of(r.first(), r.second()));
                m.put("mean_rank_first", Json.nums(r.meanRankFirst()));
                m.put("mean_rank_second", Json.nums(r.meanRankSecond()));
                m.put("winner_first", r.winnerFirst());
                m.put("winner_second", r.winnerSecond());
                m.put("reversed_pairs", r.reversedPairs());
                m.put("spearman_mean_ranks", Json.num(r.rho()));
                rr.add(m);
            }
            vm.put("rank_reversals", rr);
            Map<String, Object> curves = new LinkedHashMap<>();
            v.meanCurves().forEach((method, kinds) -> {
                Map<String, Object> km = new LinkedHashMap<>();
                kinds.forEach((k, c) -> km.put(k, Json.nums(c)));
                curves.put(method, km);
            });
            vm.put("mean_curves", curves);
            variants.add(vm);
        }
        root.put("variants", variants);
        root.put("provenance", result.provenance());
        return root;
    }

    private static Map<String, Double> meanScores(ScoreMatrix s) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int m = 0; m < s.methodCount(); m++) {
            double sum = 0;
            int n = 0;
            for (double v : s.column(m)) {
                if (!Double.isNaN(v)) {
                    sum += v;
                    n++;
                }
            }
            out.put(s.methods().get(m), n == 0 ? null : Json.num(sum / n));
        }
        return out;
    }

    private static Map<String, Object> alpha(KrippendorffAlpha.Estimate e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("alpha", Json.num(e.alpha()));
        m.put("ci", Json.nums(new double[] {e.lower(), e.upper()}));
        m.put("confidence", e.confidence());
        m.put("replicates", e.replicates());
        return m;
    }

    private static Map<String, Object> imr(InterMethodReliability r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean_spearman", Json.num(r.mean()));
        m.put("fisher_mean_spearman", Json.num(r.fisherMean()));
        m.put("methods", r.methods());
        m.put("spearman", Json.matrix(r.rho()));
        return m;
    }

    /**
     * @param result the study's result
     * @param dir output directory (created)
     * @param title page title
     * @throws IOException on write failure
     */
    public static void write(MetricsResult result, Path dir, String title) throws IOException {
        Files.createDirectories(dir);
        Json.write(dir.resolve("summary.json"), summary(result));
        PageBuilder page = new PageBuilder(title);
        page.p(result.images().size() + " images, methods " + result.methods() + ", "
                + String.format(java.util.Locale.ROOT, "%.1f s, %d forward passes.", result.seconds(),
                result.forwardPasses()));
        page.p("Krippendorff's alpha of the per-image method rankings (raters = images, units = methods; 1 = best, "
                + "ties averaged), with a percentile bootstrap interval over images. Reliable: alpha >= 0.800; "
                + "tentative: >= 0.667.");
        List<String> alphaLabels = new ArrayList<>();
        double[][] alphaAll = new double[countMetrics(result)][];
        double[][] alphaNoCtl = new double[alphaAll.length][];
        int a = 0;
        for (int i = 0; i < result.variants().size(); i++) {
            MetricsResult.Variant v = result.variants().get(i);
            for (Map.Entry<String, ScoreMatrix> e : v.matrices().entrySet()) {
                List<String> header = new ArrayList<>(List.of("image"));
                header.addAll(e.getValue().methods());
                Csv.write(dir.resolve("scores-v" + i + "-" + e.getKey() + ".csv"), header, e.getValue().images(),
                        e.getValue().scores());
            }
            if (!v.curves().isEmpty()) {
                writeCurves(dir.resolve("curves-v" + i + ".csv"), result, v);
            }
            page.h2("Variant " + i + ": " + v.label());
            page.p("Choices: " + v.config().asMap() + "; effective steps L = " + v.steps() + ".");
            List<List<String>> rows = new ArrayList<>();
            for (ReliabilitySummary.MetricReliability r : v.reliability().metrics()) {
                rows.add(List.of(r.metric(), est(r.ordinal()), est(r.interval()),
                        r.ordinalWithoutControls() == null ? "-" : est(r.ordinalWithoutControls()),
                        Numbers.f3(r.interMethod().mean()), r.interMethodWithoutControls() == null ? "-"
                                : Numbers.f3(r.interMethodWithoutControls().mean()), Numbers.f3(r.kendallW())));
                alphaLabels.add("v" + i + " " + r.metric());
                alphaAll[a] = triple(r.ordinal());
                alphaNoCtl[a++] = r.ordinalWithoutControls() == null ? new double[] {Double.NaN, Double.NaN,
                    Double.NaN} : triple(r.ordinalWithoutControls());
            }
            page.table(List.of("metric", "alpha ordinal [CI]", "alpha interval [CI]", "alpha ordinal, no controls",
                    "inter-method rho", "inter-method rho, no controls", "Kendall W"), rows);
            page.h3("Mean score per method");
            List<String> mh = new ArrayList<>(List.of("metric"));
            mh.addAll(result.methods());
            List<List<String>> mr = new ArrayList<>();
            for (Map.Entry<String, ScoreMatrix> e : v.matrices().entrySet()) {
                List<String> row = new ArrayList<>(List.of(e.getKey() + " (" + (e.getValue().direction().sign() > 0
                        ? "higher" : "lower") + " is better)"));
                meanScores(e.getValue()).values().forEach(d -> row.add(d == null ? "-" : Numbers.f3(d)));
                mr.add(row);
            }
            page.table(mh, mr);
            page.h3("Internal consistency (Spearman between metrics per method; aligned: positive = agreement)");
            List<String> ih = new ArrayList<>(List.of("pair"));
            ih.addAll(result.methods());
            ih.add("per-image ranking agreement");
            List<List<String>> ir = new ArrayList<>();
            for (InternalConsistency c : v.reliability().consistency()) {
                List<String> row = new ArrayList<>(List.of(c.first().split(" \\[")[0] + " vs "
                        + c.second().split(" \\[")[0] + " (raw / aligned)"));
                for (int m = 0; m < c.perMethod().length; m++) {
                    row.add(Numbers.f3(c.perMethod()[m]) + " / " + Numbers.f3(c.perMethodAligned()[m]));
                }
                row.add(Numbers.f3(c.rankingAgreement()));
                ir.add(row);
            }
            page.table(ih, ir);
            page.h3("Rank reversals");
            List<List<String>> rv = new ArrayList<>();
            for (RankReversal r : v.reliability().reversals()) {
                rv.add(List.of(r.first().split(" \\[")[0] + " vs " + r.second().split(" \\[")[0],
                        String.valueOf(r.winnerFirst()), String.valueOf(r.winnerSecond()), Numbers.f3(r.rho()),
                        r.reversedPairs().isEmpty() ? "none" : String.join("; ", r.reversedPairs())));
            }
            page.table(List.of("pair", "best (first)", "best (second)", "rho of mean ranks", "reversed pairs"), rv);
            Map<String, double[]> series = new LinkedHashMap<>();
            v.meanCurves().forEach((method, kinds) -> {
                series.put(method + " MoRF", kinds.get("morf"));
                series.put(method + " LeRF", kinds.get("lerf"));
            });
            if (!v.meanCurves().isEmpty()) {
                series.put("random order", v.meanCurves().values().iterator().next().get("random"));
            }
            String png = "curves-v" + i + ".png";
            Files.write(dir.resolve(png), Plots.curves("Mean perturbation curves, variant " + i,
                    "fraction of steps", v.config().output().spec(), series));
            page.img(png, "mean curves");
        }
        Map<String, double[][]> alphaSeries = new LinkedHashMap<>();
        alphaSeries.put("all methods", alphaAll);
        boolean anyNoCtl = false;
        for (double[] t : alphaNoCtl) {
            anyNoCtl |= !Double.isNaN(t[0]);
        }
        if (anyNoCtl) {
            alphaSeries.put("without controls", alphaNoCtl);
        }
        if (!alphaLabels.isEmpty()) {
            Files.write(dir.resolve("alpha.png"), Plots.intervals(
                    "Krippendorff's alpha (ordinal) with bootstrap interval", "alpha", alphaLabels, alphaSeries));
            page.h2("Alpha per metric and variant");
            page.img("alpha.png", "alpha with intervals");
        }
        page.p("Provenance: " + result.provenance());
        page.write(dir.resolve("index.html"));
    }

    private static int countMetrics(MetricsResult result) {
        int n = 0;
        for (MetricsResult.Variant v : result.variants()) {
            n += v.reliability().metrics().size();
        }
        return n;
    }

    private static double[] triple(KrippendorffAlpha.Estimate e) {
        return new double[] {e.alpha(), e.lower(), e.upper()};
    }

    private static String est(KrippendorffAlpha.Estimate e) {
        return Numbers.ci(e.alpha(), e.lower(), e.upper());
    }

    private static void writeCurves(Path file, MetricsResult result, MetricsResult.Variant v) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("image,method,curve,values...\n");
            for (int n = 0; n < v.curves().size(); n++) {
                for (int m = 0; m < result.methods().size(); m++) {
                    for (Map.Entry<String, double[]> e : v.curves().get(n).get(m).entrySet()) {
                        List<String> cells = new ArrayList<>(List.of(result.images().get(n), result.methods().get(m),
                                e.getKey()));
                        for (double d : e.getValue()) {
                            cells.add(Double.toString(d));
                        }
                        w.write(Csv.line(cells));
                    }
                }
            }
        }
    }
}
