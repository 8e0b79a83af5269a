package org.salientsi.validation.paper;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.result.Alternative;
import org.salientsi.reports.html.Html;
import org.salientsi.reports.html.Page;
import org.salientsi.reports.plot.Plots;
import org.salientsi.validation.executor.TrialExecutor;
import org.salientsi.validation.generate.ImageGenerator;
import org.salientsi.validation.report.StudyReport;
import org.salientsi.validation.run.StudyListener;
import org.salientsi.validation.run.StudyOutcome;
import org.salientsi.validation.run.StudyRunner;
import org.salientsi.validation.study.ModelSource;
import org.salientsi.validation.study.Study;
import org.salientsi.validation.summary.PValueStats;
import org.salientsi.validation.summary.StudySummary;

/**
 * The paper's synthetic experiment as a sequence of resumable studies: for every size, a null study
 * on {@code model_SIZE.h5} (folder {@code fpr-SIZE}); for every delta, a signal study at
 * {@code tprSize} (folder {@code tpr-SIZE-delta-D}). Each uses CAM, {@code threshold:0},
 * {@code ref-mean} with one reference and sigma = 1, as the paper. Then it writes
 * {@value #TABLE_JSON}, {@value #TABLE_MD}, {@value #FPR_PNG}, {@value #TPR_PNG} and {@value #PAGE}.
 *
 * @param models the folder of the paper's models ({@code model_8.h5} ... {@code model_64.h5})
 * @param sizes the image sizes of the FPR studies
 * @param deltas the deltas of the TPR studies
 * @param tprSize the image size of the TPR studies
 * @param trials p-values per study
 * @param trialsBySize overrides of {@code trials} for some FPR sizes (e.g. fewer at 64)
 * @param seed the master seed of every study
 * @param alpha the significance level
 * @param alternative the alternative of the p-values
 */
public record PaperExperiment(Path models, int[] sizes, double[] deltas, int tprSize, int trials,
                              Map<Integer, Integer> trialsBySize, long seed, double alpha, Alternative alternative) {

    /** The table as JSON. */
    public static final String TABLE_JSON = "paper.json";
    /** The table as Markdown. */
    public static final String TABLE_MD = "paper.md";
    /** FPR against image size. */
    public static final String FPR_PNG = "fpr-vs-size.png";
    /** TPR against delta. */
    public static final String TPR_PNG = "tpr-vs-delta.png";
    /** The HTML page. */
    public static final String PAGE = "index.html";

    private static final String[] HEADER = {"setting", "trials", "naive", "OC", "selective", "selective KS p",
        "paper naive / OC / selective", "s/trial"};

    /**
     * @throws InvalidValueException on empty or out-of-range settings
     */
    public PaperExperiment {
        sizes = sizes.clone();
        deltas = deltas.clone();
        trialsBySize = trialsBySize == null ? Map.of() : Map.copyOf(trialsBySize);
        if (trials < 1) {
            throw InvalidValueException.of("--trials must be >= 1, got %d", trials);
        }
        for (double d : deltas) {
            if (d == 0 || !Double.isFinite(d)) {
                throw InvalidValueException.of("a delta must be finite and not 0, got %s", d);
            }
        }
        for (int n : trialsBySize.values()) {
            if (n < 1) {
                throw InvalidValueException.of("trials per size must be >= 1, got %d", n);
            }
        }
    }

    /**
     * @param models the folder of the paper's models
     * @param trials p-values per study
     * @return the paper's settings: sizes 8, 16, 32, 64; deltas 1 to 4 at 16; seed 1; alpha 0.05;
     *     two-sided p-values
     */
    public static PaperExperiment of(Path models, int trials) {
        return new PaperExperiment(models, new int[] {8, 16, 32, 64}, new double[] {1, 2, 3, 4}, 16, trials, Map.of(),
                1L, 0.05, Alternative.TWO_SIDED);
    }

    /**
     * @param size an image size
     * @return the model file of that size
     * @throws InvalidInputException if it is missing
     */
    public Path model(int size) {
        Path p = models.resolve("model_" + size + ".h5");
        if (!Files.isRegularFile(p)) {
            throw new InvalidInputException("the paper's model for " + size + " px is missing: " + p
                    + " (see examples/models/paper)");
        }
        return p;
    }

    @Override
    public int[] sizes() {
        return sizes.clone();
    }

    @Override
    public double[] deltas() {
        return deltas.clone();
    }

    /** @return the studies by folder name, in the order they run */
    public Map<String, Study> studies() {
        Map<String, Study> out = new LinkedHashMap<>();
        for (int s : sizes) {
            out.put("fpr-" + s, base(s).withTrials(trialsBySize.getOrDefault(s, trials)));
        }
        for (double d : deltas) {
            out.put("tpr-" + tprSize + "-delta-" + label(d), base(tprSize).withGenerator(ImageGenerator.signal(d))
                    .withTrials(trials));
        }
        return out;
    }

    private Study base(int size) {
        return Study.of(ModelSource.of(model(size))).withSeed(seed).withAlpha(alpha).withAlternative(alternative)
                .withStatistic("ref-mean").withReferences(1).withSigma(1.0);
    }

    /**
     * Runs (or resumes) every study and writes each one's report and the experiment's table, plots
     * and page.
     *
     * @param executor where the trials run
     * @param out the experiment's folder
     * @param listeners a listener per study folder name
     * @return the table
     */
    public List<PaperRow> run(TrialExecutor executor, Path out, Function<String, StudyListener> listeners) {
        List<PaperRow> rows = new ArrayList<>();
        for (Map.Entry<String, Study> e : studies().entrySet()) {
            Path dir = out.resolve(e.getKey());
            Study study = e.getValue();
            StudyOutcome outcome = StudyRunner.run(study, executor, dir.resolve(StudyRunner.CHECKPOINT),
                    listeners.apply(e.getKey()));
            StudyReport.write(dir, outcome, "SalientSI study " + e.getKey());
            rows.add(row(study, outcome));
        }
        write(out, rows);
        return rows;
    }

    private PaperRow row(Study study, StudyOutcome outcome) {
        boolean fpr = study.generator().delta() == 0;
        int size = sizeOf(study);
        StudySummary s = outcome.summary();
        double[] paper = fpr ? PaperReference.FPR.get(size) : PaperReference.TPR.get(study.generator().delta());
        if (!fpr && size != 16) {
            paper = null;
        }
        PValueStats sel = outcome.stats().selective();
        return new PaperRow(fpr ? "fpr" : "tpr", size, study.generator().delta(), s.trials(), s.emptyRegions(),
                rate(s.naive()), rate(s.oc()), rate(s.selective()), sel.ksP(), paper == null ? null : paper.clone(),
                outcome.stats().trialSeconds() / s.trials(), s.piecesPerTrial());
    }

    private int sizeOf(Study study) {
        String name = study.model().fileName();
        return Integer.parseInt(name.substring("model_".length(), name.length() - ".h5".length()));
    }

    private static double[] rate(StudySummary.Rates r) {
        return new double[] {r.rejectionRate(), r.rateCi()[0], r.rateCi()[1]};
    }

    /**
     * Writes the table, plots and page of finished rows.
     *
     * @param out the experiment's folder
     * @param rows the rows
     */
    public void write(Path out, List<PaperRow> rows) {
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve(TABLE_JSON), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(rows) + "\n");
            String md = markdown(rows);
            Files.writeString(out.resolve(TABLE_MD), md);
            List<PaperRow> fpr = rows.stream().filter(r -> r.kind().equals("fpr")).toList();
            List<PaperRow> tpr = rows.stream().filter(r -> r.kind().equals("tpr")).toList();
            if (!fpr.isEmpty()) {
                Files.write(out.resolve(FPR_PNG), Plots.rates("False positive rate (null images)", "image size (px)",
                        fpr.stream().mapToDouble(PaperRow::size).toArray(), series(fpr), alpha));
            }
            if (!tpr.isEmpty()) {
                Files.write(out.resolve(TPR_PNG), Plots.rates("True positive rate at " + tprSize + " px", "delta",
                        tpr.stream().mapToDouble(PaperRow::delta).toArray(), series(tpr), Double.NaN));
            }
            StringBuilder page = new StringBuilder(Page.open("SalientSI: the paper's synthetic experiment"));
            page.append("<p class=\"note\">Miwa, Duy, Takeuchi, ICLR 2023: the paper's trained CAM models, region "
                    + "CAM &gt;= 0, statistic: mean of X - R over the region, one reference, sigma = 1, alpha = ")
                    .append(alpha).append(", ").append(Html.escape(alternative.label()))
                    .append(" p-values, master seed ").append(seed).append(". Paper: the authors' reported rates "
                            + "(1000 trials each, p-values P(|Z| &gt;= |T|)). Rates at alpha with Clopper-Pearson 95% "
                            + "intervals; s/trial: mean wall time of one trial on one thread.</p>\n")
                    .append(htmlTable(rows)).append("<p>Markdown: <a href=\"").append(TABLE_MD).append("\">")
                    .append(TABLE_MD).append("</a>, JSON: <a href=\"").append(TABLE_JSON).append("\">")
                    .append(TABLE_JSON).append("</a></p>\n");
            if (!fpr.isEmpty()) {
                page.append("<img src=\"").append(FPR_PNG).append("\" alt=\"FPR against size\">\n");
            }
            if (!tpr.isEmpty()) {
                page.append("<img src=\"").append(TPR_PNG).append("\" alt=\"TPR against delta\">\n");
            }
            page.append("<h2>Studies</h2><ul>");
            for (String name : studies().keySet()) {
                page.append("<li><a href=\"").append(name).append('/').append(StudyReport.PAGE).append("\">")
                        .append(name).append("</a></li>");
            }
            page.append("</ul>\n").append(Page.close());
            Files.writeString(out.resolve(PAGE), page);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the experiment's report in " + out, e);
        }
    }

    private static String htmlTable(List<PaperRow> rows) {
        StringBuilder b = new StringBuilder("<table><tr>");
        for (String h : HEADER) {
            b.append("<th>").append(Html.escape(h)).append("</th>");
        }
        b.append("</tr>\n");
        for (PaperRow r : rows) {
            b.append("<tr>");
            for (String cell : cells(r)) {
                b.append("<td>").append(Html.escape(cell)).append("</td>");
            }
            b.append("</tr>\n");
        }
        return b.append("</table>\n").toString();
    }

    private static Map<String, double[][]> series(List<PaperRow> rows) {
        Map<String, double[][]> m = new LinkedHashMap<>();
        m.put("naive", columns(rows, 0));
        m.put("OC", columns(rows, 1));
        m.put("selective", columns(rows, 2));
        return m;
    }

    private static double[][] columns(List<PaperRow> rows, int kind) {
        double[][] c = new double[3][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            PaperRow r = rows.get(i);
            double[] v = kind == 0 ? r.naive() : kind == 1 ? r.oc() : r.selective();
            c[0][i] = v[0];
            c[1][i] = v[1];
            c[2][i] = v[2];
        }
        return c;
    }

    /**
     * @param rows finished rows
     * @return the table in Markdown: ours (with 95% Clopper-Pearson intervals) next to the paper's
     */
    public static String markdown(List<PaperRow> rows) {
        StringBuilder b = new StringBuilder("| ").append(String.join(" | ", HEADER)).append(" |\n|");
        b.append("---|".repeat(HEADER.length)).append('\n');
        for (PaperRow r : rows) {
            b.append("| ").append(String.join(" | ", cells(r))).append(" |\n");
        }
        return b.toString();
    }

    private static String[] cells(PaperRow r) {
        String setting = r.kind().equals("fpr") ? String.format(Locale.ROOT, "FPR %d px", r.size())
                : String.format(Locale.ROOT, "TPR %d px, delta %s", r.size(), label(r.delta()));
        return new String[] {setting, Long.toString(r.trials()), cell(r.naive()), cell(r.oc()), cell(r.selective()),
            String.format(Locale.ROOT, "%.3g", r.selectiveKsP()),
            r.paper() == null ? "" : String.format(Locale.ROOT, "%.3f / %.3f / %.3f", r.paper()[0], r.paper()[1],
                    r.paper()[2]), String.format(Locale.ROOT, "%.3f", r.secondsPerTrial())};
    }

    private static String cell(double[] v) {
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", v[0], v[1], v[2]);
    }

    private static String label(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PaperExperiment p && models.equals(p.models) && java.util.Arrays.equals(sizes, p.sizes)
                && java.util.Arrays.equals(deltas, p.deltas) && tprSize == p.tprSize && trials == p.trials
                && trialsBySize.equals(p.trialsBySize) && seed == p.seed && Double.compare(alpha, p.alpha) == 0
                && alternative == p.alternative;
    }

    @Override
    public int hashCode() {
        return models.hashCode() * 31 + java.util.Arrays.hashCode(sizes) + trials;
    }

    @Override
    public String toString() {
        return "PaperExperiment[sizes " + java.util.Arrays.toString(sizes) + ", deltas "
                + java.util.Arrays.toString(deltas) + " at " + tprSize + " px, " + trials + " trials, seed " + seed
                + ", " + new TreeMap<>(trialsBySize) + "]";
    }
}
