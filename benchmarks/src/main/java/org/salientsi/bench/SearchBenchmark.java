package org.salientsi.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.salientsi.api.error.ModelLoadException;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.statistic.Observation;
import org.salientsi.core.search.Selection;
import org.salientsi.core.search.SelectiveTest;
import org.salientsi.core.search.Termination;

/**
 * One selective p-value (no confidence interval) on the paper's models, cycling over five seeded null
 * images: the primary figure is the time per search; the {@code pieces} counter, normalised the same
 * way, is the time per linear piece (its inverse the pieces per second); {@code -prof gc} adds
 * {@code gc.alloc.rate.norm}, the bytes allocated per search.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx2g"})
public class SearchBenchmark {

    /** Image side: which of the paper's models. */
    @Param({"8", "16", "32", "64"})
    public int size;

    /** {@code exhaustive} or {@code decision} (at 0.05). */
    @Param({"exhaustive", "decision"})
    public String termination;

    /** Incremental search, or the full-pass reference. */
    @Param({"true"})
    public boolean incremental;

    private Selection selection;
    private Observation[] images;
    private SelectiveTest test;
    private int next;

    /** Pieces visited, reported per unit of time like the primary figure. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Pieces {
        /** Linear pieces visited. */
        public long pieces;
    }

    /**
     * Loads the model and draws the images.
     *
     * @throws ModelLoadException if the model cannot be read
     */
    @Setup(Level.Trial)
    public void setUp() throws ModelLoadException {
        selection = PaperModels.selection(size);
        images = PaperModels.nullImages(selection, 20_230_201L + size, 5);
        SelectiveTest t = SelectiveTest.withDefaults().withConfidenceLevel(0).withIncremental(incremental);
        test = termination.equals("decision") ? t.withTermination(Termination.decision(0.05)) : t;
    }

    /**
     * @param counter the pieces counter
     * @return the result (consumed by JMH)
     */
    @Benchmark
    public SelectiveResult search(Pieces counter) {
        SelectiveResult r = test.run(selection, images[next], Provenance.empty());
        next = (next + 1) % images.length;
        counter.pieces += r.pieces();
        return r;
    }
}
