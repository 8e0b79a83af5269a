package org.salientsi.cli.command;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.backend.ModelBackend;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.image.Image;
import org.salientsi.api.ir.Network;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.statistic.Observation;
import org.salientsi.cli.CliContext;
import org.salientsi.cli.run.TestSettings;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.plugin.Plugins;
import org.salientsi.core.search.Selection;
import org.salientsi.core.search.SelectiveTest;
import org.salientsi.core.search.Termination;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code salientsi bench}: the speed of the exact selective p-value on the paper's four trained CAM
 * models (shipped in the jar), on seeded null images (X and R i.i.d. N(0, 1), sigma 1, CAM &gt;= 0,
 * ref-mean, two-sided; a draw with an empty region is redrawn): per model the median over the images of
 * the pieces, the seconds of an exhaustive search and of a {@code decision:0.05} one, and the pieces per
 * second; or ({@code --study}) the wall time of a null study of many trials on several threads.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Time the exact selective p-value on the paper's models.",
        description = {"Time the exact search for the selective p-value on the paper's four trained CAM models "
                + "(8x8, 16x16, 32x32, 64x64; shipped with SalientSI) on seeded null images: X and the reference R "
                + "i.i.d. N(0, 1), sigma 1, region CAM >= 0, statistic ref-mean, two-sided; a draw whose region is "
                + "empty is redrawn. The images are first run untimed for at least two seconds (JIT warm-up), then "
                + "timed on one thread.",
            "The table gives, per model, medians over the images: linear pieces of the exhaustive search, its "
                    + "seconds per p-value (wall clock, and in parentheses the thread's CPU time, which other "
                    + "processes on the machine disturb less), the seconds and pieces of a decision:0.05 search "
                    + "(which stops once p <= 0.05 or p > 0.05 is certain), and pieces per second of the "
                    + "exhaustive search.",
            "With --study SIZE, it times a null study instead: --trials exhaustive p-values at that size on "
                    + "--threads threads."},
        footer = {"", "Examples:", "  salientsi bench", "  salientsi bench --images 9 --seed 7",
            "  salientsi bench --study 64 --trials 1000 --threads 2"})
public final class BenchCommand implements Callable<Integer> {

    private static final int[] SIZES = {8, 16, 32, 64};
    /** Untimed passes over a model's images last at least this long (JIT warm-up). */
    private static final long WARM_UP_NANOS = 2_000_000_000L;

    private final CliContext context;

    @Option(names = "--images", defaultValue = "5", paramLabel = "N",
            description = "Null images per model, a count >= 1; the table shows medians (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--seed", defaultValue = "20230201", paramLabel = "SEED",
            description = "Seed of the null images, an integer (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--skipping", defaultValue = "early-stops", paramLabel = "WHEN",
            description = "When the searches may skip segments ruled out of the truncation set: never, early-stops "
                    + "(the default: the decision:0.05 column) or always (the exhaustive column too; the same "
                    + "p-values, fewer pieces).")
    String skipping;

    @Option(names = "--full-pass",
            description = "Use the reference search, which runs the whole network on every piece, instead of the "
                    + "incremental one (same p-values; for comparison; default: incremental).")
    boolean fullPass;

    @Option(names = "--ci",
            description = "Also compute the 95%% selective confidence interval, which may widen the search "
                    + "(default: the p-value only).")
    boolean ci;

    @Option(names = "--study", paramLabel = "SIZE",
            description = "Time a null study at this image size (8, 16, 32 or 64) instead of the table (default: "
                    + "none, the table).")
    Integer study;

    @Option(names = "--trials", defaultValue = "1000", paramLabel = "N",
            description = "Trials of the study, a count >= 1 (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "K",
            description = "Threads of the study, >= 1 (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--debug", description = "Print the stack trace of an error (default: one line).")
    boolean debug;

    /**
     * @param context shared command context
     */
    public BenchCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException, InterruptedException, ExecutionException {
        context.setDebug(debug);
        if (images < 1) {
            throw new InvalidInputException("--images must be >= 1, got " + images);
        }
        if (trials < 1 || threads < 1) {
            throw new InvalidInputException("--trials and --threads must be >= 1, got " + trials + " and " + threads);
        }
        if (study != null && Arrays.stream(SIZES).noneMatch(s -> s == study)) {
            throw new InvalidInputException("--study needs the size of one of the paper's models (8, 16, 32 or 64), "
                    + "got " + study);
        }
        Plugins plugins = context.plugins();
        if (plugins.backends().find("dl4j").isEmpty()) {
            context.err().println("salientsi: bench runs the paper's Keras models, but no model backend that reads "
                    + "them (dl4j) is installed");
            return 1;
        }
        SelectiveTest test = SelectiveTest.withDefaults().withConfidenceLevel(ci ? 0.95 : 0)
                .withIncremental(!fullPass).withSkipping(TestSettings.parseSkipping(skipping));
        Path dir = Files.createTempDirectory("salientsi-bench");
        try {
            if (study != null) {
                runStudy(plugins, dir, test);
            } else {
                runTable(plugins, dir, test);
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
        return 0;
    }

    private void runTable(Plugins plugins, Path dir, SelectiveTest test) throws IOException {
        var out = context.out();
        out.printf("search: %s, %s, skipping %s; %d seeded null images per model (seed %d), medians; one thread%n",
                fullPass ? "full pass per piece (reference)" : "incremental",
                ci ? "p-value and 95% confidence interval" : "p-value only", test.skipping().label(), images, seed);
        out.printf("%-7s %8s %14s %10s %18s %16s %12s%n", "model", "pieces", "exhaustive s", "(cpu s)",
                "decision(0.05) s", "decision pieces", "pieces/s");
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        boolean cpuTime = cpu.isCurrentThreadCpuTimeSupported();
        SelectiveTest decision = test.withTermination(Termination.decision(0.05));
        for (int size : SIZES) {
            Selection selection = load(plugins, dir, size);
            Observation[] draws = new Observation[images];
            SplittableRandom rng = new SplittableRandom(seed + size);
            for (int k = 0; k < images; k++) {
                draws[k] = draw(selection, rng, size);
            }
            long warm = System.nanoTime();
            do {
                for (Observation o : draws) {
                    test.run(selection, o, Provenance.empty());
                    decision.run(selection, o, Provenance.empty());
                }
            } while (System.nanoTime() - warm < WARM_UP_NANOS);
            double[] seconds = new double[images];
            double[] cpuSeconds = new double[images];
            double[] pieces = new double[images];
            double[] rate = new double[images];
            double[] decisionSeconds = new double[images];
            double[] decisionPieces = new double[images];
            for (int k = 0; k < images; k++) {
                long c0 = cpuTime ? cpu.getCurrentThreadCpuTime() : 0;
                long t0 = System.nanoTime();
                SelectiveResult r = test.run(selection, draws[k], Provenance.empty());
                seconds[k] = (System.nanoTime() - t0) / 1e9;
                cpuSeconds[k] = cpuTime ? (cpu.getCurrentThreadCpuTime() - c0) / 1e9 : Double.NaN;
                pieces[k] = r.pieces();
                rate[k] = r.pieces() / seconds[k];
                t0 = System.nanoTime();
                SelectiveResult d = decision.run(selection, draws[k], Provenance.empty());
                decisionSeconds[k] = (System.nanoTime() - t0) / 1e9;
                decisionPieces[k] = d.pieces();
            }
            out.printf(Locale.ROOT, "%-7s %8.0f %14.4f %10.4f %18.4f %16.0f %12.0f%n", size + "x" + size,
                    median(pieces), median(seconds), median(cpuSeconds), median(decisionSeconds),
                    median(decisionPieces), median(rate));
            out.flush();
        }
    }

    private void runStudy(Plugins plugins, Path dir, SelectiveTest test)
            throws IOException, InterruptedException, ExecutionException {
        int size = study;
        Selection selection = load(plugins, dir, size);
        var out = context.out();
        out.printf("null study: %d trials at %dx%d on %d threads, exhaustive, %s search, skipping %s, seed %d%n",
                trials, size, size, threads, fullPass ? "full-pass" : "incremental", test.skipping().label(), seed);
        out.flush();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        try {
            List<Future<SelectiveResult>> results = new ArrayList<>(trials);
            for (int trial = 0; trial < trials; trial++) {
                long trialSeed = seed * 1_000_003L + trial;
                results.add(pool.submit(() -> test.run(selection,
                        draw(selection, new SplittableRandom(trialSeed), size), Provenance.empty())));
            }
            long pieces = 0;
            int selective = 0;
            int naive = 0;
            for (Future<SelectiveResult> f : results) {
                SelectiveResult r = f.get();
                pieces += r.pieces();
                selective += r.selectiveP() <= 0.05 ? 1 : 0;
                naive += r.naiveP() <= 0.05 ? 1 : 0;
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            out.printf(Locale.ROOT, "%d p-values in %.1f s wall (%.4f s per trial per thread); %d pieces, "
                            + "%.0f pieces/s in all%n",
                    trials, seconds, seconds * threads / trials, pieces, pieces / seconds);
            out.printf(Locale.ROOT, "rejections at 0.05: selective %.3f, naive %.3f%n", selective / (double) trials,
                    naive / (double) trials);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The model of the given size with CAM, threshold 0 and ref-mean. */
    private static Selection load(Plugins plugins, Path dir, int size) throws IOException {
        Path file = DemoCommand.extract(dir, "model_" + size + ".h5");
        ModelBackend backend = plugins.backends().get("dl4j").backend();
        Network net;
        try (LoadedModel model = backend.load(file, Parameters.empty())) {
            net = model.network();
        }
        return new Selection(CompiledNetwork.compile(net), plugins.method("cam", net, Parameters.empty()),
                plugins.selector("threshold:0"), plugins.statistic("ref-mean", Parameters.empty()));
    }

    /** A null image with its reference, redrawn while its region is empty. */
    private static Observation draw(Selection selection, SplittableRandom rng, int size) {
        var point = selection.network().pointEvaluator();
        while (true) {
            Image x = Image.grey(size, size, noise(rng, size * size));
            Image r = Image.grey(size, size, noise(rng, size * size));
            if (!selection.selector().select(selection.method().map(point.evaluate(x.toChw()))).isEmpty()) {
                return Observation.of(x, r);
            }
        }
    }

    private static double[] noise(SplittableRandom rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }
}
