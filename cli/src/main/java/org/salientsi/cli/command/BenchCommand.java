package org.salientsi.cli.command;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.salientsi.cli.context.CliContext;
import org.salientsi.cli.bench.LadderBench;
import org.salientsi.cli.bench.LadderManifest;
import org.salientsi.cli.bench.LadderModel;
import org.salientsi.cli.bench.LadderRow;
import org.salientsi.cli.bench.LadderTable;
import org.salientsi.core.engine.Sigma;
import org.salientsi.core.engine.TestSpec;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.plugin.Plugins;
import org.salientsi.core.search.Selection;
import org.salientsi.core.search.SelectiveTest;
import org.salientsi.core.search.Termination;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code salientsi bench}: the speed of the exact selective p-value on the paper's four trained CAM
 * models (shipped in the jar), on seeded null images (X and R i.i.d. N(0, 1), sigma 1, CAM &gt;= 0,
 * ref-mean, two-sided; a draw with an empty region is redrawn): per model the median over the images of
 * the pieces, the seconds of an exhaustive search and of a {@code decision:0.05} one, and the pieces per
 * second; or ({@code --study}) the wall time of a null study of many trials on several threads; or
 * ({@code --ladder DIR}) the {@code test} command's default test on the models and image pairs of a scale
 * ladder (see {@link LadderBench}), one row per model.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Time the exact selective p-value on the paper's models or on a scale ladder of ONNX CNNs.",
        description = {"Time the exact search for the selective p-value on the paper's four trained CAM models "
                + "(8x8, 16x16, 32x32, 64x64; shipped with SalientSI) on seeded null images: X and the reference R "
                + "i.i.d. N(0, 1), sigma 1, region CAM >= 0, statistic ref-mean, two-sided; a draw whose region is "
                + "empty is redrawn. The images are first run untimed for at least two seconds (JIT warm-up), then "
                + "timed one search at a time (an exhaustive one on --search-threads threads).",
            "The table gives, per model, medians over the images: linear pieces of the exhaustive search, its "
                    + "seconds per p-value (wall clock, and in parentheses the calling thread's CPU time, which other "
                    + "processes on the machine disturb less), the seconds and pieces of a decision:0.05 search "
                    + "(which stops once p <= 0.05 or p > 0.05 is certain), and pieces per second of the "
                    + "exhaustive search.",
            "With --study SIZE, it times a null study instead: --trials exhaustive p-values at that size on "
                    + "--threads threads.",
            "With --ladder DIR, it runs a scale ladder instead (ONNX models and image pairs listed in DIR/ladder.json, "
                    + "made by benchmarks/ladder/make_ladder.py): per model, the test command's default test (cam, "
                    + "threshold:0, ref-mean against the pair's reference, two-sided, sigma 1, 95%% confidence "
                    + "interval; the same code as 'salientsi test --model M --image X --reference R --sigma 1') on "
                    + "--pairs null and --pairs signal pairs, each searched exhaustively and then with "
                    + "--termination decision:0.05, one search at a time (an exhaustive one walks the two sides of T "
                    + "on the test command's default --search-threads: the machine's cores, at most 2 useful), "
                    + "after one untimed decision search (JIT warm-up). "
                    + "The model files' SHA-256 and the images are checked before the first search.",
            "One row per model: file, MACs (millions), pixels (H x W), and medians over the tested pairs: pieces "
                    + "and seconds (the result's 'seconds', model loading excluded) of the exhaustive search, seconds "
                    + "and pieces of the decision search, milliseconds per piece of the exhaustive search (of the "
                    + "decision one with --no-exhaustive); then the process's peak resident memory (RSS, VmHWM of "
                    + "/proc/self/status, reset before each model through /proc/self/clear_refs; the whole JVM, not "
                    + "the model alone) and the JVM heap's peak (sum of its pools' peaks, after a GC and a reset per "
                    + "model), in MB; the machine's 1-minute load average when the row finished (other processes "
                    + "slow the timings down); and how many pairs were tested, had an empty region (not an error) "
                    + "or failed (the message follows the table). A model or pair that fails does not stop the run: "
                    + "the exit code is 0 once every model has its row, 2 for a bad ladder (missing folder, manifest "
                    + "or model file, malformed manifest, SHA-256 mismatch, unreadable image)."},
        footer = {"", "Examples:", "  salientsi bench", "  salientsi bench --images 9 --seed 7",
            "  salientsi bench --study 64 --trials 1000 --threads 2",
            "  salientsi bench --ladder benchmarks/ladder/small",
            "  salientsi bench --ladder target/ladder --models 'vgg-*' --max-seconds 120"})
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

    @Option(names = "--skipping", defaultValue = "always", paramLabel = "WHEN",
            description = "When the searches may certify segments out of or into the truncation set without walking "
                    + "them: never, early-stops (the decision:0.05 column only) or always (the default, as for "
                    + "test; the same p-values, fewer pieces).")
    String skipping;

    @Option(names = "--search-threads", paramLabel = "K",
            description = "Threads that walk one exhaustive search of the table, >= 1 (default: the machine's "
                    + "cores, as for test; a study runs one per trial).")
    Integer searchThreads;

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

    @Option(names = "--ladder", paramLabel = "DIR",
            description = "Run the scale ladder in this folder (its ladder.json lists the models and image pairs) "
                    + "instead of the paper's models (default: none, the paper's models).")
    Path ladder;

    @Option(names = "--pairs", defaultValue = "5", paramLabel = "N",
            description = "With --ladder: the first N null and the first N signal pairs of each model (fewer if the "
                    + "ladder has fewer), N >= 1 (default: ${DEFAULT-VALUE}, all of a ladder of make_ladder.py).")
    int pairs;

    @Option(names = "--models", paramLabel = "GLOB",
            description = "With --ladder: only the models whose file name matches this glob, e.g. 'vgg-64-*' or "
                    + "'*-{64,112}-trained.onnx' (default: every model, in the manifest's order).")
    String models;

    @Option(names = "--max-seconds", paramLabel = "S",
            description = "With --ladder: the longest one search may run, in seconds (> 0). A longer search is "
                    + "stopped within one linear piece of S (test's --max-seconds: the search checks the clock at "
                    + "each piece it walks) and counts as '> S' in the medians, which are then "
                    + "lower bounds marked '>'; its pieces so far still give its ms per piece (default: no limit).")
    Double maxSeconds;

    @Option(names = "--no-exhaustive",
            description = "With --ladder: run only the decision:0.05 searches (default: exhaustive and decision).")
    boolean noExhaustive;

    @Option(names = "--json",
            description = "Print one JSON object per model and line instead of the table (docs/reference.md): for "
                    + "the paper's models {model, size, images, seed, search, ci, skipping, search_threads, pieces, "
                    + "exhaustive_seconds, cpu_seconds, decision_seconds, decision_pieces, pieces_per_second} "
                    + "(medians); with --study one object {trials, size, threads, seed, seconds, pieces, "
                    + "selective_rejection_rate, naive_rejection_rate}; with --ladder every number of the row (medians "
                    + "with a lower_bound flag, memory in bytes, the load), each pair's searches, and provenance "
                    + "(model SHA-256, backend, SalientSI and Java versions) (default: the table).")
    boolean json;

    @Option(names = "--debug", description = "Print the stack trace of an error (default: one line).")
    boolean debug;

    @Spec
    CommandSpec spec;

    /** Options of the paper's table and study, which a ladder run does not take. */
    private static final List<String> PAPER_OPTIONS = List.of("--images", "--seed", "--skipping", "--search-threads",
            "--full-pass", "--ci", "--study", "--trials", "--threads");
    /** Options of a ladder run. */
    private static final List<String> LADDER_OPTIONS = List.of("--pairs", "--models", "--max-seconds",
            "--no-exhaustive");

    /**
     * @param context shared command context
     */
    public BenchCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException, InterruptedException, ExecutionException {
        context.setDebug(debug);
        if (ladder != null) {
            refuse(PAPER_OPTIONS, "a ladder run (--ladder) takes the test command's defaults;");
            return runLadder();
        }
        refuse(LADDER_OPTIONS, "need --ladder DIR:");
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
        int k = searchThreads == null ? Runtime.getRuntime().availableProcessors() : searchThreads;
        if (k < 1) {
            throw new InvalidInputException("--search-threads must be >= 1, got " + k);
        }
        SelectiveTest test = SelectiveTest.withDefaults().withConfidenceLevel(ci ? 0.95 : 0)
                .withIncremental(!fullPass).withSkipping(TestSpec.defaults().withOption("skipping", skipping).skipping())
                .withSearchThreads(study != null ? 1 : k);
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

    /** Refuses the given options when the command line has any of them. */
    private void refuse(List<String> options, String why) {
        CommandLine.ParseResult parsed = spec == null ? null : spec.commandLine().getParseResult();
        if (parsed == null) {
            return;
        }
        List<String> given = options.stream().filter(parsed::hasMatchedOption).toList();
        if (!given.isEmpty()) {
            throw new InvalidInputException(why + " " + String.join(", ", given) + " "
                    + (given.size() == 1 ? "does" : "do") + " not apply");
        }
    }

    private int runLadder() {
        if (pairs < 1) {
            throw new InvalidInputException("--pairs must be >= 1 (pairs of each kind per model), got " + pairs);
        }
        LadderManifest manifest = LadderManifest.read(ladder);
        List<LadderModel> chosen = manifest.select(models);
        manifest.verify(chosen, pairs);
        TestSpec exhaustive = testSettings();
        TestSpec decision = testSettings("--termination", LadderBench.DECISION);
        LadderBench bench = new LadderBench(context.plugins(), exhaustive, decision, maxSeconds, !noExhaustive);
        var out = context.out();
        if (!json) {
            out.printf(Locale.ROOT, "ladder %s: %d of %d models, the first %d null and %d signal pairs of each%s%n",
                    ladder, chosen.size(), manifest.models().size(), pairs, pairs,
                    manifest.generator() == null ? "" : " (" + manifest.generator() + ")");
            out.printf(Locale.ROOT, "test: %s, %s, %s, %s, sigma %s, %s, skipping %s; each pair %s%s; budget %s; "
                            + "one search at a time, exhaustive ones on %d threads%n",
                    exhaustive.method(), exhaustive.selector(), exhaustive.statisticName(true),
                    exhaustive.alternative().label(), (exhaustive.noise() instanceof Sigma s ? plain(s.value()) : "from a covariance"), exhaustive.confidence() == 0
                            ? "no interval" : plain(exhaustive.confidence() * 100) + "% interval",
                    exhaustive.skipping().label(), noExhaustive ? "" : "exhaustive, then ", LadderBench.DECISION,
                    maxSeconds == null ? "none" : plain(maxSeconds) + " s per search", exhaustive.searchThreads());
            out.println(LadderTable.columns());
            out.flush();
        }
        List<LadderRow> rows = new ArrayList<>();
        bench.run(manifest, chosen, pairs, row -> {
            rows.add(row);
            if (json) {
                try {
                    out.println(context.json().writeValueAsString(row.toJson()));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException("cannot write a row as JSON", e);
                }
            } else {
                out.println(LadderTable.row(row));
            }
            out.flush();
        });
        if (!json) {
            LadderTable.notes(rows).forEach(out::println);
            out.flush();
        }
        return 0;
    }

    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /**
     * @param args options of {@code salientsi test}'s selection (none: its defaults)
     * @return the settings {@code salientsi test} runs with these options and {@code --sigma 1}
     */
    static TestSpec testSettings(String... args) {
        SelectionOptions selection = new SelectionOptions();
        new CommandLine(selection).parseArgs(args);
        NoiseOptions noise = new NoiseOptions();
        noise.sigma = 1.0;
        return selection.spec(noise);
    }

    private void runTable(Plugins plugins, Path dir, SelectiveTest test) throws IOException {
        var out = context.out();
        if (!json) {
            out.printf("search: %s, %s, skipping %s; %d seeded null images per model (seed %d), medians; %d search "
                    + "thread(s), cpu s of the calling thread%n",
                    fullPass ? "full pass per piece (reference)" : "incremental",
                    ci ? "p-value and 95% confidence interval" : "p-value only", test.skipping().label(), images, seed,
                    test.searchThreads());
            out.printf("%-7s %8s %14s %10s %18s %16s %12s%n", "model", "pieces", "exhaustive s", "(cpu s)",
                    "decision(0.05) s", "decision pieces", "pieces/s");
        }
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
            if (json) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("model", "model_" + size + ".h5");
                row.put("size", size);
                row.put("images", images);
                row.put("seed", seed);
                row.put("search", fullPass ? "full-pass" : "incremental");
                row.put("ci", ci);
                row.put("skipping", test.skipping().label());
                row.put("search_threads", test.searchThreads());
                row.put("pieces", median(pieces));
                row.put("exhaustive_seconds", median(seconds));
                row.put("cpu_seconds", cpuTime ? median(cpuSeconds) : null);
                row.put("decision_seconds", median(decisionSeconds));
                row.put("decision_pieces", median(decisionPieces));
                row.put("pieces_per_second", median(rate));
                out.println(context.json().writeValueAsString(row));
            } else {
                out.printf(Locale.ROOT, "%-7s %8.0f %14.4f %10.4f %18.4f %16.0f %12.0f%n", size + "x" + size,
                        median(pieces), median(seconds), median(cpuSeconds), median(decisionSeconds),
                        median(decisionPieces), median(rate));
            }
            out.flush();
        }
    }

    private void runStudy(Plugins plugins, Path dir, SelectiveTest test)
            throws IOException, InterruptedException, ExecutionException {
        int size = study;
        Selection selection = load(plugins, dir, size);
        var out = context.out();
        if (!json) {
            out.printf("null study: %d trials at %dx%d on %d threads, exhaustive, %s search, skipping %s, seed %d%n",
                    trials, size, size, threads, fullPass ? "full-pass" : "incremental", test.skipping().label(),
                    seed);
            out.flush();
        }
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
            if (json) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("trials", trials);
                row.put("size", size);
                row.put("threads", threads);
                row.put("seed", seed);
                row.put("search", fullPass ? "full-pass" : "incremental");
                row.put("skipping", test.skipping().label());
                row.put("seconds", seconds);
                row.put("pieces", pieces);
                row.put("selective_rejection_rate", selective / (double) trials);
                row.put("naive_rejection_rate", naive / (double) trials);
                out.println(context.json().writeValueAsString(row));
                return;
            }
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
