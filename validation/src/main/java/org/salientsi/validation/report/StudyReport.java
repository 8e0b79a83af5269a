package org.salientsi.validation.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.salientsi.reports.html.Html;
import org.salientsi.reports.html.Numbers;
import org.salientsi.reports.html.Page;
import org.salientsi.reports.plot.Plots;
import org.salientsi.validation.run.StudyOutcome;
import org.salientsi.validation.study.TrialRow;
import org.salientsi.validation.summary.PValueStats;
import org.salientsi.validation.summary.StudyStats;
import org.salientsi.validation.summary.StudySummary;

/**
 * Writes a finished study's files into its folder: {@value #SUMMARY} (the summary JSON),
 * {@value #ROWS} (one row per trial), {@code hist-selective.png}, {@code hist-oc.png},
 * {@code hist-naive.png} (for certified searches {@code hist-p-lower.png} and {@code hist-p-midpoint.png}
 * instead of the OC one), {@value #QQ} and {@value #PAGE}, which shows them. The JSONL checkpoint
 * ({@code trials.jsonl}) is written while the study runs.
 */
public final class StudyReport {

    /** The summary JSON's file name. */
    public static final String SUMMARY = "summary.json";
    /** The trial rows' file name. */
    public static final String ROWS = "trials.csv";
    /** The QQ plot's file name. */
    public static final String QQ = "qq.png";
    /** The HTML page's file name. */
    public static final String PAGE = "index.html";

    /** The name of the certified lower bounds' histogram ({@code hist-p-lower.png}). */
    public static final String LOWER = "p-lower";
    /** The name of the certified bound midpoints' histogram ({@code hist-p-midpoint.png}). */
    public static final String MIDPOINT = "p-midpoint";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StudyReport() {
    }

    /**
     * @param dir the study's folder (created if needed)
     * @param outcome the finished study
     * @param title the page's title
     * @throws UncheckedIOException if a file cannot be written
     */
    public static void write(Path dir, StudyOutcome outcome, String title) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(SUMMARY), JSON.writeValueAsString(outcome.summary()) + "\n");
            StringBuilder csv = new StringBuilder(TrialRow.CSV_HEADER).append('\n');
            for (TrialRow r : outcome.rows()) {
                csv.append(r.csv()).append('\n');
            }
            Files.writeString(dir.resolve(ROWS), csv);
            StudyStats stats = outcome.stats();
            Map<String, PValueStats> kinds = kinds(stats);
            for (Map.Entry<String, PValueStats> e : kinds.entrySet()) {
                Files.write(dir.resolve("hist-" + e.getKey() + ".png"), Plots.histogram(e.getKey() + " p-values",
                        e.getValue().histogram(), e.getValue().count()));
            }
            Map<String, double[]> sorted = new LinkedHashMap<>();
            kinds.forEach((k, v) -> sorted.put(k, v.sortedValues()));
            Files.write(dir.resolve(QQ), Plots.qq("p-values against U(0, 1)", sorted));
            Files.writeString(dir.resolve(PAGE), page(outcome, title), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the study's report in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param stats a study's statistics
     * @return its selective, OC and naive p-values, in that order (OC left out when every search was
     *     certified), then for certified searches {@code p-lower} and {@code p-midpoint}
     */
    public static Map<String, PValueStats> kinds(StudyStats stats) {
        Map<String, PValueStats> kinds = new LinkedHashMap<>();
        kinds.put("selective", stats.selective());
        if (stats.certifiedTrials() < stats.trials() || stats.trials() == 0) {
            kinds.put("oc", stats.oc());
        }
        kinds.put("naive", stats.naive());
        if (stats.anyCertified()) {
            kinds.put(LOWER, stats.lower());
            kinds.put(MIDPOINT, stats.midpoint());
        }
        return kinds;
    }

    private static String page(StudyOutcome outcome, String title) {
        StudySummary s = outcome.summary();
        StringBuilder b = new StringBuilder(Page.open(title));
        b.append("<p class=\"note\">").append(Html.escape(describe(outcome))).append("</p>\n");
        b.append("<table><tr><th>p-value</th><th>rejections</th><th>rate at alpha = ").append(s.alpha())
                .append("</th><th>95% CI (Clopper-Pearson)</th><th>KS D</th><th>KS p</th></tr>\n");
        row(b, "selective", s.selective());
        if (s.oc() == null) {
            b.append("<tr><td>OC</td><td colspan=\"5\">absent: a certified search has no OC p-value</td></tr>\n");
        } else {
            row(b, "OC", s.oc());
        }
        row(b, "naive", s.naive());
        if (s.pLower() != null) {
            row(b, "lower bound", s.pLower());
            row(b, "midpoint", s.pMidpoint());
        }
        b.append("</table>\n");
        if (s.pLower() != null) {
            b.append("<p class=\"note\">Search: ").append(Html.escape(s.search())).append(". A certified search "
                    + "bounds the selective p-value: the selective row is the upper bound, the valid p-value every "
                    + "verdict uses; the lower bound and the midpoint are reported and never decide.</p>\n");
        }
        b.append(String.format(Locale.ROOT, "<p>%d trials (%d run now, %d resumed from the checkpoint, %d torn "
                        + "line(s) redone); %d empty regions redrawn; mean region %s pixels; %s pieces per search; "
                        + "run by the %s executor; %.1f s wall time%s.</p>%n", s.trials(), s.trialsRun(),
                s.trialsResumed(), s.tornLines(), s.emptyRegions(), fmt(s.meanRegionSize()), fmt(s.piecesPerTrial()),
                Html.escape(s.executor()), s.seconds(), s.trialsPerSecond() == null ? ""
                        : String.format(Locale.ROOT, ", %.2f trials/s", s.trialsPerSecond())));
        b.append("<h2>P-values</h2>\n<img src=\"").append(QQ).append("\" alt=\"QQ plot\"><br>\n");
        for (String k : kinds(outcome.stats()).keySet()) {
            b.append("<img src=\"hist-").append(k).append(".png\" alt=\"").append(k).append(" histogram\">\n");
        }
        b.append("<h2>Files</h2>\n<ul><li><a href=\"").append(SUMMARY).append("\">").append(SUMMARY)
                .append("</a>: the summary</li><li><a href=\"").append(ROWS).append("\">").append(ROWS)
                .append("</a>: one row per trial</li><li><a href=\"trials.jsonl\">trials.jsonl</a>: the checkpoint"
                        + "</li></ul>\n");
        b.append("<h2>Provenance</h2>\n<table>");
        var p = s.provenance();
        prov(b, "model SHA-256", p.modelSha256());
        prov(b, "backend", p.backend());
        prov(b, "method", p.method());
        prov(b, "selector", p.selector());
        prov(b, "statistic", p.statistic());
        prov(b, "sigma", String.valueOf(p.sigma()));
        prov(b, "master seed", String.valueOf(p.seed()));
        p.options().forEach((k, v) -> prov(b, k, v));
        prov(b, "version", p.version());
        b.append("</table>\n").append(Page.close());
        return b.toString();
    }

    private static String describe(StudyOutcome outcome) {
        var st = outcome.study();
        return String.format(Locale.ROOT, "Model %s; %s images (%s); sigma = %s; %d reference(s); method %s, "
                        + "selector %s, statistic %s, alternative %s, termination %s, range %s sigma_T; "
                        + "master seed %d.", st.model().fileName(), st.generator().name(),
                st.generator().delta() == 0 ? "X and references i.i.d. N(0, sigma^2)"
                        : "a half-size block of X shifted by delta = " + st.generator().delta(),
                st.sigma(), st.referenceCount(), st.method(), st.selector(), st.statisticName(),
                st.alternative().label(), st.termination(), st.range(), st.seed());
    }

    private static void row(StringBuilder b, String name, StudySummary.Rates r) {
        b.append("<tr><td>").append(name).append("</td><td>").append(r.rejections()).append("</td><td>")
                .append(fmt(r.rejectionRate())).append("</td><td>")
                .append(r.rateCi() == null ? "" : "[" + fmt(r.rateCi()[0]) + ", " + fmt(r.rateCi()[1]) + "]")
                .append("</td><td>").append(fmt(r.ksStatistic())).append("</td><td>").append(fmtP(r.ksP()))
                .append("</td></tr>\n");
    }

    private static void prov(StringBuilder b, String key, String value) {
        b.append("<tr><td>").append(Html.escape(key)).append("</td><td>").append(Html.escape(value))
                .append("</td></tr>");
    }

    static String fmt(Double v) {
        return v == null ? "" : Numbers.fixed(v, 4);
    }

    static String fmtP(Double v) {
        return v == null ? "" : Numbers.g3(v);
    }
}
