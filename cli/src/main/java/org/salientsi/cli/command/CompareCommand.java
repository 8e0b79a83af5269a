package org.salientsi.cli.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.salientsi.api.error.InvalidOptionException;
import org.salientsi.api.image.Image;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.cli.context.CliContext;
import org.salientsi.cli.context.ExitCodes;
import org.salientsi.core.multiplicity.Holm;
import org.salientsi.core.engine.TestEngine;
import org.salientsi.core.engine.TestSpec;
import org.salientsi.facade.ErrorMessages;
import org.salientsi.cli.io.StandardStreams;
import org.salientsi.io.ReadLimits;
import org.salientsi.reports.page.ComparisonReport;
import org.salientsi.reports.page.ComparisonRow;
import org.salientsi.reports.page.ReportEntry;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code salientsi compare}: one image tested with several saliency methods and selectors, side by side, each
 * through the one engine as {@code salientsi test} runs it, with Holm-adjusted p-values across them.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Test one image with several methods and selectors side by side, with Holm-adjusted p-values.",
        description = {"Runs the test of 'salientsi test' on one image for every method of --methods with every "
                + "selector of --selectors (the other options as in 'test'), and prints per pair the region, T and "
                + "the selective, Holm-adjusted, naive and OC p-values; --json prints one JSON object; --report "
                + "writes an HTML page with the maps and regions side by side.",
            "Each raw selective p-value is valid only for a method and selector chosen before seeing the data. "
                    + "Choosing the pair with the smallest p-value after looking is a further selection: use the "
                    + "Holm-adjusted p-values (family-wise error rate over all pairs) to choose among them.",
            "Exit codes: 0 every pair was tested, 2 some pair failed (its row says why) or bad input or usage, "
                    + "1 an internal failure.", ""},
        footer = {"", "Example (CAM, Grad-CAM and gradient x input, each with two selectors):",
            "  salientsi compare --model examples/models/paper/model_16.h5 --image x.npy --reference r.npy --sigma 1 "
                    + "--methods cam,gradcam,grad-x-input --selectors threshold:0,top-k:20 --report compare.html"})
public final class CompareCommand implements Callable<Integer> {

    private final CliContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--image", required = true, paramLabel = "FILE",
            description = "Test image (required): .npy or .png, as for 'salientsi test'.")
    Path image;

    @ArgGroup(exclusive = true)
    TestCommand.ReferenceOptions references;

    @ArgGroup(exclusive = true, multiplicity = "1")
    NoiseOptions noise;

    @Option(names = "--methods", defaultValue = "cam,gradcam,grad-x-input", paramLabel = "LIST", split = ",",
            description = "Saliency methods to compare, comma-separated (default: ${DEFAULT-VALUE}); any method "
                    + "of --method.")
    List<String> methods;

    @Option(names = "--selectors", defaultValue = "threshold:0", paramLabel = "LIST", split = ",",
            description = "Selectors to compare, comma-separated (default: ${DEFAULT-VALUE}); any selector of "
                    + "--selector.")
    List<String> selectors;

    @Mixin
    SelectionOptions selection;

    @Mixin
    AlphaOption alpha;

    @Option(names = "--json", description = "Print one JSON object: image, alpha, warning and per pair method, "
            + "selector, holm_p and the JSON of 'test' as result (or error and error_kind). Default: a table.")
    boolean json;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Also write a self-contained HTML page to FILE (default: none).")
    Path report;

    /**
     * @param context shared command context
     */
    public CompareCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        context.setDebug(modelOptions.debug);
        for (String single : new String[] {"--method", "--selector"}) {
            if (spec.commandLine().getParseResult().hasMatchedOption(single)) {
                throw InvalidOptionException.of(single.substring(2), "is not an option of compare: give the list "
                        + "with " + single + "s");
            }
        }
        double level = alpha.level();
        TestSpec base = selection.spec(noise);
        TestCommand.checkReportFolder("--report", report == null ? null : report.toAbsolutePath().getParent());
        Image x = StandardStreams.readImage(image, context.in(), ReadLimits.DEFAULT);
        List<Image> refs = TestCommand.readReferences(references, context);
        List<ComparisonRow> rows = new ArrayList<>();
        List<ErrorMessages.Kind> kinds = new ArrayList<>();
        try (ModelSession session = ModelSession.open(context, modelOptions)) {
            TestEngine engine = null;
            for (String method : methods) {
                for (String selector : selectors) {
                    ReportEntry entry;
                    ErrorMessages.Kind kind = null;
                    try {
                        TestSpec s = base.withMethod(method.strip()).withSelector(selector.strip());
                        engine = engine == null ? session.engine(s) : engine.with(s);
                        SelectiveResult r = engine.test(x, refs);
                        entry = ReportEntry.tested(x, report != null ? engine.map(x) : null, r);
                    } catch (RuntimeException e) {
                        if (context.debug()) {
                            e.printStackTrace(context.err());
                        }
                        entry = ReportEntry.failed(x.name(), x, ErrorMessages.message(e));
                        kind = ErrorMessages.kind(e);
                    }
                    rows.add(new ComparisonRow(method.strip(), selector.strip(), entry.withReferences(refs), null));
                    kinds.add(kind);
                }
            }
        }
        rows = adjust(rows);
        print(x, rows, kinds, level);
        if (report != null) {
            ComparisonReport.write(report, "SalientSI comparison: " + x.name(), rows, level);
            if (!json) {
                context.out().printf("%-16s %s%n", "report", report.toAbsolutePath());
            }
        }
        return kinds.stream().anyMatch(k -> k != null) ? ExitCodes.EXIT_BAD_INPUT : 0;
    }

    /** Adds the Holm-adjusted p-values, over the rows with a p-value. */
    private static List<ComparisonRow> adjust(List<ComparisonRow> rows) {
        List<Integer> tested = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).entry().hasP()) {
                tested.add(i);
            }
        }
        // the valid p-value of each row: the upper bound after an early stop (equal to selective_p otherwise)
        double[] p = tested.stream().mapToDouble(i -> rows.get(i).entry().result().pBounds().upper()).toArray();
        double[] adjusted = Holm.adjust(p);
        List<ComparisonRow> out = new ArrayList<>(rows);
        for (int k = 0; k < p.length; k++) {
            ComparisonRow r = rows.get(tested.get(k));
            out.set(tested.get(k), new ComparisonRow(r.method(), r.selector(), r.entry(), adjusted[k]));
        }
        return out;
    }

    private void print(Image x, List<ComparisonRow> rows, List<ErrorMessages.Kind> kinds, double level)
            throws IOException {
        PrintWriter out = context.out();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("image", x.name());
            doc.put("alpha", level);
            doc.put("warning", ComparisonReport.WARNING);
            List<Map<String, Object>> tests = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                ComparisonRow r = rows.get(i);
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("method", r.method());
                t.put("selector", r.selector());
                t.put("holm_p", r.holmP());
                if (r.entry().ok()) {
                    t.put("result", r.entry().result());
                } else {
                    t.put("error", r.entry().error());
                    t.put("error_kind", kinds.get(i).label());
                }
                tests.add(t);
            }
            doc.put("tests", tests);
            out.println(context.json().writeValueAsString(doc));
            return;
        }
        out.printf(Locale.ROOT, "%-22s %-16s %7s %10s %12s %12s %12s %12s%n", "method", "selector", "region", "T",
                "selective p", "Holm p", "naive p", "OC p");
        for (ComparisonRow r : rows) {
            if (!r.entry().hasP()) {
                out.printf(Locale.ROOT, "%-22s %-16s %s%n", r.method(), r.selector(), r.entry().ok()
                        ? "nothing salient to test" : "error: " + r.entry().error());
                continue;
            }
            SelectiveResult s = r.entry().result();
            out.printf(Locale.ROOT, "%-22s %-16s %7d %10.4g %12.4g %12.4g %12.4g %12.4g%n", r.method(), r.selector(),
                    s.regionSize(), s.statistic(), s.selectiveP(), r.holmP(), s.naiveP(), s.ocP());
        }
        long significant = rows.stream().filter(r -> r.holmP() != null && r.holmP() <= level).count();
        out.printf(Locale.ROOT, "%n%d pairs; Holm-adjusted p <= %s: %d%n", rows.size(),
                org.salientsi.reports.html.Numbers.plain(level), significant);
        out.println(wrap(ComparisonReport.WARNING));
    }

    private static String wrap(String text) {
        StringBuilder sb = new StringBuilder();
        int col = 0;
        for (String w : Arrays.asList(text.split(" "))) {
            if (col + w.length() > 100) {
                sb.append('\n');
                col = 0;
            } else if (col > 0) {
                sb.append(' ');
                col++;
            }
            sb.append(w);
            col += w.length();
        }
        return sb.toString();
    }
}
