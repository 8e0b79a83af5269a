package org.salientsi.cli.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.backend.ModelBackend;
import org.salientsi.api.error.EmptyRegionException;
import org.salientsi.api.image.Image;
import org.salientsi.api.result.Outcome;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.engine.TestEngine;
import org.salientsi.core.engine.TestSpec;
import org.salientsi.core.plugin.Plugins;
import org.salientsi.facade.ErrorMessages;
import org.salientsi.io.ImageFiles;

/**
 * Runs a scale ladder: per model, the {@code test} command's test ({@link TestEngine} with the given
 * settings, as {@code salientsi test --model M --image X --reference R --sigma 1} runs it) on each image
 * pair, exhaustive and then with {@code decision:0.05}, one search at a time (each on the threads its
 * settings give it), and one {@link LadderRow} per model. Before the first model's pairs, one untimed
 * decision search on its first pair warms the JIT up. An empty region is an outcome, not an error; a pair
 * whose search fails (a numerical breakdown, an image that does not fit, the heap running out) counts as
 * failed, and a model that does not load makes a row of failed pairs; the run goes on.
 *
 * <pre>{@code
 * LadderManifest ladder = LadderManifest.read(dir);
 * List<LadderModel> models = ladder.select(null);
 * ladder.verify(models, 5);
 * new LadderBench(plugins, exhaustive, decision, 120.0, true)
 *         .run(ladder, models, 5, row -> out.println(LadderTable.row(row, true)));
 * }</pre>
 */
public final class LadderBench {

    /** The early-stopping rule of the second search of each pair. */
    public static final String DECISION = "decision:0.05";

    private final Plugins plugins;
    private final TestSpec exhaustive;
    private final TestSpec decision;
    private final Double maxSeconds;
    private final boolean runExhaustive;

    /**
     * @param plugins the installed plugins
     * @param exhaustive the settings of the exhaustive search ({@code test}'s defaults, sigma 1)
     * @param decision the same with {@code --termination decision:0.05}
     * @param maxSeconds the time limit per search in seconds ({@link TestSpec#withMaxSeconds}), or {@code null}
     *     for none
     * @param runExhaustive whether to run the exhaustive searches (else decision searches only)
     * @throws org.salientsi.api.error.InvalidOptionException naming {@code max-seconds} for a bad limit
     */
    public LadderBench(Plugins plugins, TestSpec exhaustive, TestSpec decision, Double maxSeconds,
                       boolean runExhaustive) {
        this.maxSeconds = maxSeconds;
        this.plugins = Objects.requireNonNull(plugins, "plugins");
        this.exhaustive = Objects.requireNonNull(exhaustive, "exhaustive").withMaxSeconds(maxSeconds);
        this.decision = Objects.requireNonNull(decision, "decision").withMaxSeconds(maxSeconds);
        this.runExhaustive = runExhaustive;
    }

    /**
     * @param ladder the ladder
     * @param models its models to run, checked with {@link LadderManifest#verify}
     * @param perKind null and signal pairs per model, {@code >= 1}
     * @param rows receives each model's row as soon as it is done
     */
    public void run(LadderManifest ladder, List<LadderModel> models, int perKind, Consumer<LadderRow> rows) {
        if (perKind < 1) {
            throw new IllegalArgumentException("pairs per kind must be >= 1, got " + perKind);
        }
        boolean warm = false;
        for (LadderModel m : models) {
            rows.accept(runModel(ladder, m, ladder.pairs(m, perKind), !warm));
            warm = true;
        }
    }

    private LadderRow runModel(LadderManifest ladder, LadderModel m, List<ImagePair> pairs, boolean warmUp) {
        boolean rssReset = PeakMemory.reset();
        Path file = ladder.file(m);
        List<PairRun> runs = new ArrayList<>();
        List<SearchRun> ex = new ArrayList<>();
        List<SearchRun> dec = new ArrayList<>();
        String label = null;
        String sha256 = m.sha256();
        String error = null;
        try {
            ModelBackend backend = plugins.backendFor(file, null).backend();
            label = backend.name() + " " + backend.version();
            try (LoadedModel model = backend.load(file, Parameters.empty())) {
                sha256 = model.sha256();
                TestEngine exRunner = runExhaustive ? TestEngine.create(plugins, model, label, exhaustive) : null;
                TestEngine decRunner = TestEngine.create(plugins, model, label, decision);
                if (warmUp) {
                    warmUp(decRunner, pairs.get(0));
                }
                for (ImagePair p : pairs) {
                    PairRun run = runPair(exRunner, decRunner, p);
                    runs.add(run);
                    if (run.exhaustive() != null) {
                        ex.add(run.exhaustive());
                    }
                    if (run.decision() != null) {
                        dec.add(run.decision());
                    }
                }
            }
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            error = message(e);
            for (ImagePair p : pairs.subList(runs.size(), pairs.size())) {
                runs.add(new PairRun(p, PairRun.Outcome.FAILED, null, null, error));
            }
        }
        PeakMemory memory = PeakMemory.read(rssReset);
        return new LadderRow(m, label, sha256, runs, runExhaustive ? SearchSummary.of(ex) : null,
                SearchSummary.of(dec), memory, MachineLoad.oneMinute(), maxSeconds,
                exhaustive.searchThreads(), error);
    }

    private void warmUp(TestEngine runner, ImagePair pair) {
        try {
            search(runner, ImageFiles.read(pair.image()), List.of(ImageFiles.read(pair.reference())));
        } catch (RuntimeException e) {
            // only a warm-up: the timed run reports what went wrong
        }
    }

    private PairRun runPair(TestEngine exRunner, TestEngine decRunner, ImagePair pair) {
        try {
            Image x = ImageFiles.read(pair.image());
            List<Image> refs = List.of(ImageFiles.read(pair.reference()));
            SearchRun e = exRunner == null ? null : search(exRunner, x, refs);
            SearchRun d = search(decRunner, x, refs);
            return new PairRun(pair, PairRun.Outcome.TESTED, e, d, null);
        } catch (EmptyRegionException e) {
            return new PairRun(pair, PairRun.Outcome.EMPTY, null, null, message(e));
        } catch (RuntimeException | OutOfMemoryError e) {
            return new PairRun(pair, PairRun.Outcome.FAILED, null, null, message(e));
        }
    }

    private SearchRun search(TestEngine runner, Image x, List<Image> refs) {
        SelectiveResult r = runner.test(x, refs);
        if (!r.tested()) {
            // counted as a pair with nothing to test, not timed
            throw new EmptyRegionException((r.outcome() == Outcome.NO_REGION ? "the selector selected no pixel"
                    : "the region leaves no background") + " (outcome " + r.outcome().label()
                    + "): nothing to test");
        }
        return SearchRun.of(r);
    }

    private static String message(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "out of memory (the JVM's heap; raise it with SALIENTSI_JAVA_OPTS=-Xmx...)";
        }
        return ErrorMessages.message(e);
    }
}
