package org.salientsi.validation.attention;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.salientsi.api.error.EmptyRegionException;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.image.Image;
import org.salientsi.api.ir.Network;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.selection.RegionSelector;
import org.salientsi.api.statistic.Observation;
import org.salientsi.api.statistic.TestStatistic;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.search.SearchMode;
import org.salientsi.core.search.Selection;
import org.salientsi.core.search.SelectiveTest;
import org.salientsi.core.search.Termination;
import org.salientsi.validation.generate.GaussianNoise;
import org.salientsi.validation.study.TrialSeeds;

/**
 * A null study of certified p-value bounds on a network that is not piecewise linear (the attention maps of a
 * Vision Transformer): per trial a test image and a reference of i.i.d. N(0, 1) pixels (sigma = 1, drawn from
 * the trial's seed, {@link TrialSeeds}); the certified search ({@link SearchMode#CERTIFIED}) gives bounds
 * {@code [lo, hi]} on the selective p-value, and, when asked, the {@link GridApproximation} on the same data
 * gives its p-value and the cells the certificate proves it wrong in. A draw with nothing to test (an empty or a
 * full region) is redrawn and counted.
 *
 * @param network the network
 * @param method the saliency method
 * @param selector the region selector
 * @param statistic the statistic (two-sided, sigma 1, search range 10 sigma_T)
 * @param termination the certified search's rule
 * @param timeLimit the time limit of one search
 * @param grid the grid to compare with, or null
 */
public record AttentionStudy(Network network, SaliencyMethod method, RegionSelector selector, TestStatistic statistic,
                             Termination termination, Duration timeLimit, GridApproximation grid) {

    /** The most draws one trial makes before it gives up on finding a region to test. */
    public static final int MAX_DRAWS = 1000;
    /** The search range's half-width beyond |T|, units of sigma_T (the engine's default). */
    public static final double RANGE = 10.0;

    /**
     * One trial.
     *
     * @param index the trial's index
     * @param lower the certified lower bound
     * @param upper the certified upper bound (the valid p-value)
     * @param statistic T
     * @param segments segment evaluations
     * @param ended why the certified search stopped
     * @param seconds wall time of the certified search
     * @param redrawn draws with nothing to test
     * @param gridP the grid p-value, or NaN without a grid
     * @param gridSeconds the grid's wall time (0 without a grid)
     * @param misses what the certificate proves the grid missed, or null without a grid
     */
    public record Trial(int index, double lower, double upper, double statistic, long segments, String ended,
                        double seconds, int redrawn, double gridP, double gridSeconds,
                        GridApproximation.Misses misses) {

        /** @return the midpoint of the bounds (a point estimate, never used to decide) */
        public double midpoint() {
            return 0.5 * (lower + upper);
        }
    }

    /**
     * Runs trials {@code 0..trials-1} on {@code threads} threads.
     *
     * @param trials trials, {@code >= 1}
     * @param seed the master seed
     * @param threads threads, {@code >= 1}
     * @return the trials in index order
     */
    public List<Trial> run(int trials, long seed, int threads) {
        return run(trials, seed, threads, t -> { });
    }

    /**
     * Runs trials {@code 0..trials-1} on {@code threads} threads, handing each to {@code done} as it ends.
     *
     * @param trials trials, {@code >= 1}
     * @param seed the master seed
     * @param threads threads, {@code >= 1}
     * @param done receives each trial when it ends (on the thread that ran it)
     * @return the trials in index order
     */
    public List<Trial> run(int trials, long seed, int threads, java.util.function.Consumer<Trial> done) {
        if (trials < 1 || threads < 1) {
            throw InvalidValueException.of("a study needs trials >= 1 and threads >= 1, got %d and %d", trials,
                    threads);
        }
        Selection selection = new Selection(CompiledNetwork.compile(network), method, selector, statistic);
        SelectiveTest test = SelectiveTest.withDefaults().withSearch(SearchMode.CERTIFIED).withConfidenceLevel(0)
                .withTermination(termination).withTimeLimit(timeLimit).withRange(RANGE);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Trial>> futures = new ArrayList<>();
            for (int i = 0; i < trials; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    Trial t = trial(selection, test, index, TrialSeeds.seed(seed, index));
                    done.accept(t);
                    return t;
                }));
            }
            List<Trial> out = new ArrayList<>();
            for (Future<Trial> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("study interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private Trial trial(Selection selection, SelectiveTest test, int index, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int h = network.inputShape().height();
        int w = network.inputShape().width();
        double[] x = new double[h * w];
        double[] r = new double[h * w];
        for (int redrawn = 0; redrawn < MAX_DRAWS; redrawn++) {
            GaussianNoise.fill(rng, 1.0, x);
            GaussianNoise.fill(rng, 1.0, r);
            Observation obs = Observation.of(Image.grey(h, w, x), Image.grey(h, w, r));
            SelectiveResult result;
            try {
                result = test.run(selection, obs, Provenance.empty());
            } catch (EmptyRegionException e) {
                continue;
            }
            if (!result.tested()) {
                continue;
            }
            double gridP = Double.NaN;
            double gridSeconds = 0;
            GridApproximation.Misses misses = null;
            if (grid != null) {
                GridApproximation.Outcome g = grid.run(selection, obs, test.noise(), RANGE, test.alternative());
                gridP = g.pValue();
                gridSeconds = g.seconds();
                misses = GridApproximation.compare(g, result);
            }
            return new Trial(index, result.certified().pLower(), result.certified().pUpper(), result.statistic(),
                    result.pieces(), result.certified().ended(), result.seconds(), redrawn, gridP, gridSeconds,
                    misses);
        }
        throw new InvalidValueException("trial " + index + ": " + MAX_DRAWS + " draws in a row had nothing to test");
    }
}
