package org.salientsi.cli.command;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.backend.ModelBackend;
import org.salientsi.api.backend.ModelBackendProvider;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.ir.Network;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.statistic.Observation;
import org.salientsi.cli.CliContext;
import org.salientsi.cli.report.HtmlReport;
import org.salientsi.cli.report.Pictures;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.plugin.Plugins;
import org.salientsi.core.search.NoiseModel;
import org.salientsi.core.search.Selection;
import org.salientsi.core.search.SelectiveTest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code salientsi demo}: the paper's trained CAM models (Miwa, Duy, Takeuchi, ICLR 2023; MIT) on
 * seeded null images and images with a signal block, at 8x8 and 16x16, offline.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the paper's trained CAM models (shipped with SalientSI) on seeded null images "
                + "(X and the reference R both pure N(0, 1) noise) and signal images (a block of X shifted by "
                + "DELTA), at 8x8 and 16x16; print selective, OC and naive p-values and write an HTML report.",
            "Under the null, the naive p-value is often small although nothing is there: the region was chosen "
                    + "by the data. The selective p-value is valid."},
        footer = {"", "Example:", "  salientsi demo --images 3 --report demo.html"})
public final class DemoCommand implements Callable<Integer> {

    private static final String MODELS = "/org/salientsi/cli/demo/paper/";

    private final CliContext context;

    @Option(names = "--images", defaultValue = "3", paramLabel = "N",
            description = "Null and signal images per size (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--delta", defaultValue = "3", paramLabel = "DELTA",
            description = "Signal shift of the block, in noise standard deviations (default: ${DEFAULT-VALUE}).")
    double delta;

    @Option(names = "--seed", defaultValue = "20230201", paramLabel = "SEED",
            description = "Seed of the images (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--report", defaultValue = "salientsi-demo.html", paramLabel = "FILE",
            description = "Where to write the HTML report (default: ${DEFAULT-VALUE}).")
    Path report;

    @Option(names = "--debug", description = "Print stack traces of errors.")
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
        ModelBackendProvider provider = plugins.backends().get("dl4j");
        ModelBackend backend = provider.backend();
        Path dir = Files.createTempDirectory("salientsi-demo");
        HtmlReport html = new HtmlReport("SalientSI demo: the paper's CAM models")
                .note("Models: Miwa, Duy and Takeuchi, 'Valid P-Value for Deep Learning-Driven Salient Region', "
                        + "ICLR 2023 (MIT licence). Region: CAM >= 0. Statistic: mean of X - R over the region "
                        + "(ref-mean), two-sided, sigma = 1. Null images: X, R i.i.d. N(0, 1). Signal images: a "
                        + "block of X shifted by " + delta + ".");
        SelectiveTest test = SelectiveTest.withDefaults().withNoise(NoiseModel.isotropic(1.0));
        SplittableRandom rng = new SplittableRandom(seed);
        var out = context.out();
        out.printf("%-6s %-7s %6s %9s %12s %12s %12s %7s %8s%n", "size", "image", "region", "T", "selective p",
                "OC p", "naive p", "pieces", "seconds");
        try {
            for (int size : new int[] {8, 16}) {
                Path file = extract(dir, "model_" + size + ".h5");
                try (LoadedModel model = backend.load(file, Parameters.empty())) {
                    Network net = model.network();
                    CompiledNetwork program = CompiledNetwork.compile(net);
                    SaliencyMethod cam = plugins.method("cam", net, Parameters.empty());
                    Selection selection = new Selection(program, cam, plugins.selector("threshold:0"),
                            plugins.statistic("ref-mean", Parameters.empty()));
                    Provenance provenance = Provenance.empty().withModel(model.sha256(),
                            backend.name() + " " + backend.version()).withSeed(seed);
                    for (int kind = 0; kind < 2; kind++) {
                        for (int k = 0; k < images; k++) {
                            String label = (kind == 0 ? "null-" : "signal-") + (k + 1);
                            SelectiveResult r = null;
                            Image x = null;
                            while (r == null) {
                                x = Image.of(size + "px " + label, ImageShape.of(size, size, 1),
                                        draw(rng, size, kind == 1 ? delta : 0));
                                Image ref = Image.grey(size, size, noise(rng, size * size));
                                try {
                                    r = test.run(selection, Observation.of(x, ref), provenance);
                                } catch (org.salientsi.api.error.EmptyRegionException e) {
                                    r = null; // nothing selected: redraw, as the paper does
                                }
                            }
                            out.printf(Locale.ROOT, "%-6s %-7s %6d %9.4f %12.4g %12.4g %12.4g %7d %8.3f%n",
                                    size + "px", label, r.regionSize(), r.statistic(), r.selectiveP(), r.ocP(),
                                    r.naiveP(), r.pieces(), r.seconds());
                            SaliencyMap map = cam.map(program.pointEvaluator().evaluate(x.toChw()));
                            int scale = 128 / size;
                            html.add(new HtmlReport.Row(r.image(),
                                    Pictures.png(x.toArray(), size, size, r.region(), false, scale),
                                    Pictures.png(map.values(), size, size, null, true, scale), r));
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
        html.write(report);
        out.println();
        out.println("Under the null the selective p-value is uniform; the naive one is not (the data chose the region).");
        out.println("Report: " + report.toAbsolutePath());
        return 0;
    }

    private static Path extract(Path dir, String name) throws IOException {
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
