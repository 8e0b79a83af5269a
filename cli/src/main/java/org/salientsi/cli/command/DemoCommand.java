package org.salientsi.cli.command;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.backend.ModelBackend;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.spi.Parameters;
import org.salientsi.cli.context.CliContext;
import org.salientsi.cli.io.StandardStreams;
import org.salientsi.core.engine.NoiseSpec;
import org.salientsi.core.engine.TestEngine;
import org.salientsi.core.engine.TestSpec;
import org.salientsi.core.plugin.Plugins;
import org.salientsi.reports.page.BatchReport;
import org.salientsi.reports.page.ReportEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code salientsi demo}: the paper's trained CAM models (Miwa, Duy, Takeuchi, ICLR 2023; MIT) on
 * seeded null images and images with a signal block, at 8x8 and 16x16, offline.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Run the paper's models on null and signal images, offline, with a report.",
        description = {"Run the paper's trained CAM models (shipped with SalientSI) on seeded null images "
                + "(X and the reference R both pure N(0, 1) noise) and signal images (a block of X shifted by "
                + "DELTA), at 8x8 and 16x16; print selective, OC and naive p-values and write an HTML report.",
            "Under the null, the naive p-value is often small although nothing is there: the region was chosen "
                    + "by the data. The selective p-value is valid.",
            "With --json, one JSON object per image and line instead of the table: the JSON of 'salientsi test "
                    + "--json' (docs/reference.md), the image named 8px null-1, 16px signal-2, ..."},
        footer = {"", "Example (three null and three signal images per model, report in demo.html):",
            "  salientsi demo --images 3 --report demo.html",
            "  salientsi demo --json --report demo.html"})
public final class DemoCommand implements Callable<Integer> {

    private static final String MODELS = "/org/salientsi/cli/demo/paper/";

    private final CliContext context;

    @Option(names = "--images", defaultValue = "3", paramLabel = "N",
            description = "Null images and signal images per model size, a count >= 1 (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--delta", defaultValue = "3", paramLabel = "DELTA",
            description = "Signal: the shift of a block of half the image's side, in noise standard deviations "
                    + "(default: ${DEFAULT-VALUE}).")
    double delta;

    @Option(names = "--seed", defaultValue = "20230201", paramLabel = "SEED",
            description = "Seed of the random images, an integer (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--report", defaultValue = "salientsi-demo.html", paramLabel = "FILE",
            description = "Where to write the HTML report, one self-contained file; - writes it to standard output "
                    + "instead of the table (not with --json) (default: ${DEFAULT-VALUE}, in the current folder).")
    Path report;

    @Option(names = "--json", description = "Print one JSON object per image and line (the JSON of 'salientsi test "
            + "--json') instead of the table (default: the table).")
    boolean json;

    @Option(names = "--debug", description = "Print the stack trace of an error (default: one line).")
    boolean debug;

    /**
     * @param context shared command context
     */
    public DemoCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        context.setDebug(debug);
        Plugins plugins = context.plugins();
        if (plugins.backends().find("dl4j").isEmpty()) {
            context.err().println("salientsi: the demo runs the paper's Keras models, but no model backend that "
                    + "reads them (dl4j) is installed");
            return 1;
        }
        if (images < 1) {
            throw new org.salientsi.api.error.InvalidInputException("--images must be >= 1, got " + images);
        }
        boolean reportToStdout = StandardStreams.isStandard(report);
        if (reportToStdout && json) {
            throw new org.salientsi.api.error.InvalidInputException("--report - and --json both write to standard "
                    + "output; give --report a file");
        }
        boolean table = !json && !reportToStdout;
        ModelBackend backend = plugins.backends().get("dl4j").backend();
        Path dir = Files.createTempDirectory("salientsi-demo");
        BatchReport html = new BatchReport("SalientSI demo: the paper's CAM models").showBh(false)
                .note("Models: Miwa, Duy and Takeuchi, 'Valid P-Value for Deep Learning-Driven Salient Region', "
                        + "ICLR 2023 (MIT licence). Region: CAM >= 0. Statistic: mean of X - R over the region "
                        + "(ref-mean), two-sided, sigma = 1. Null images: X, R i.i.d. N(0, 1). Signal images: a "
                        + "block of X shifted by " + delta + ". Seed " + seed + ".");
        List<ReportEntry> entries = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(seed);
        var out = context.out();
        if (table) {
            out.printf("%-6s %-7s %6s %9s %12s %12s %12s %7s %8s%n", "size", "image", "region", "T", "selective p",
                    "OC p", "naive p", "pieces", "seconds");
        }
        try {
            for (int size : new int[] {8, 16}) {
                Path file = extract(dir, "model_" + size + ".h5");
                try (LoadedModel model = backend.load(file, Parameters.empty())) {
                    TestEngine runner = TestEngine.create(plugins, model, backend.name() + " " + backend.version(),
                            TestSpec.defaults().withNoise(NoiseSpec.sigma(1.0)));
                    for (int kind = 0; kind < 2; kind++) {
                        for (int k = 0; k < images; k++) {
                            String label = (kind == 0 ? "null-" : "signal-") + (k + 1);
                            SelectiveResult r = null;
                            Image x = null;
                            while (r == null) {
                                x = Image.of(size + "px " + label, ImageShape.of(size, size, 1),
                                        draw(rng, size, kind == 1 ? delta : 0));
                                Image ref = Image.grey(size, size, noise(rng, size * size));
                                r = runner.test(x, List.of(ref));
                                if (!r.tested()) {
                                    r = null; // nothing selected: redraw, as the paper does
                                }
                            }
                            r = r.withProvenance(r.provenance().withSeed(seed));
                            if (json) {
                                out.println(context.json().writeValueAsString(r));
                            } else if (table) {
                                out.printf(Locale.ROOT, "%-6s %-7s %6d %9.4f %12.4g %12.4g %12.4g %7d %8.3f%n",
                                        size + "px", label, r.regionSize(), r.statistic(), r.selectiveP(), r.ocP(),
                                        r.naiveP(), r.pieces(), r.seconds());
                            }
                            entries.add(ReportEntry.tested(x, runner.map(x), r));
                        }
                    }
                }
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
        StandardStreams.writeText(report, out, file -> html.writeFile(file, entries));
        if (table) {
            out.println();
            out.println("Under the null the selective p-value is uniform; the naive one is not (the data chose the "
                    + "region).");
            out.println("Report: " + report.toAbsolutePath());
        }
        return 0;
    }

    /**
     * Copies one of the paper's models shipped in the jar into a folder.
     *
     * @param dir destination folder
     * @param name {@code model_N.h5}
     * @return the copied file
     * @throws IOException if the model is missing from the build or cannot be written
     */
    static Path extract(Path dir, String name) throws IOException {
        Path target = dir.resolve(name);
        try (InputStream in = DemoCommand.class.getResourceAsStream(MODELS + name)) {
            if (in == null) {
                throw new IOException("the demo model " + name + " is missing from the build");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    private static double[] noise(SplittableRandom rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            double w = rng.nextDouble();
            v[i] = Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * w);
        }
        return v;
    }

    /** N(0, 1) pixels, plus delta on a (size/2 x size/2) block at a uniformly random position. */
    private static double[] draw(SplittableRandom rng, int size, double delta) {
        double[] v = noise(rng, size * size);
        if (delta != 0) {
            int b = size / 2;
            int top = rng.nextInt(size - b + 1);
            int left = rng.nextInt(size - b + 1);
            for (int h = top; h < top + b; h++) {
                for (int w = left; w < left + b; w++) {
                    v[h * size + w] += delta;
                }
            }
        }
        return v;
    }
}
