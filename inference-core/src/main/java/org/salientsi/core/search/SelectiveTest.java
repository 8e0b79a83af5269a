package org.salientsi.core.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.image.Region;
import org.salientsi.api.result.Alternative;
import org.salientsi.api.result.ComponentResult;
import org.salientsi.api.result.ComponentTests;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.statistic.Observation;
import org.salientsi.core.region.ComponentSplit;
import org.salientsi.core.region.ConnectedComponents;

/**
 * The selective test of a salient region, configured TTest-style and immutable: every {@code withX}
 * returns a configured copy, and {@link #run} may be called concurrently from many threads.
 *
 * <pre>{@code
 * SelectiveTest test = SelectiveTest.withDefaults()
 *         .with(Alternative.ABS)
 *         .withNoise(NoiseModel.isotropic(1.0))
 *         .withTermination(Termination.decision(0.05));
 * SelectiveResult r = test.run(selection, Observation.of(image, reference), Provenance.empty());
 * }</pre>
 *
 * <p>Defaults: two-sided, exhaustive search over \( [-|T| - 10\sigma_T, |T| + 10\sigma_T] \) (the
 * paper's range), \( \sigma = 1 \), a 95% selective confidence interval, at most 50 million pieces,
 * incremental walking, segments certified out of or into the truncation set without walking them
 * ({@link SegmentSkipping}), one search thread.
 */
public final class SelectiveTest {

    private static final SelectiveTest DEFAULTS = new SelectiveTest(Alternative.TWO_SIDED, Termination.exhaustive(),
            10.0, 0.95, NoiseModel.isotropic(1.0), 50_000_000L, true, SegmentSkipping.ALWAYS, 1, null,
            SearchMode.AUTO, CertifiedSearch.DEFAULT_WIDTH_LIMIT);

    private final Alternative alternative;
    private final Termination termination;
    private final double range;
    private final double confidenceLevel;
    private final NoiseModel noise;
    private final long maxPieces;
    private final boolean incremental;
    private final SegmentSkipping skipping;
    private final int searchThreads;
    private final Duration timeLimit;
    private final SearchMode search;
    private final double widthLimit;

    private SelectiveTest(Alternative alternative, Termination termination, double range, double confidenceLevel,
                          NoiseModel noise, long maxPieces, boolean incremental, SegmentSkipping skipping,
                          int searchThreads, Duration timeLimit, SearchMode search, double widthLimit) {
        this.alternative = alternative;
        this.termination = termination;
        this.range = range;
        this.confidenceLevel = confidenceLevel;
        this.noise = noise;
        this.maxPieces = maxPieces;
        this.incremental = incremental;
        this.skipping = skipping;
        this.searchThreads = searchThreads;
        this.timeLimit = timeLimit;
        this.search = search;
        this.widthLimit = widthLimit;
    }

    /** @return the default configuration */
    public static SelectiveTest withDefaults() {
        return DEFAULTS;
    }

    /**
     * @param value the alternative hypothesis
     * @return a copy
     */
    public SelectiveTest with(Alternative value) {
        return new SelectiveTest(Objects.requireNonNull(value), termination, range, confidenceLevel, noise, maxPieces,
                incremental, skipping, searchThreads, timeLimit, search, widthLimit);
    }

    /**
     * @param value when the search may stop
     * @return a copy
     */
    public SelectiveTest withTermination(Termination value) {
        return new SelectiveTest(alternative, Objects.requireNonNull(value), range, confidenceLevel, noise, maxPieces,
                incremental, skipping, searchThreads, timeLimit, search, widthLimit);
    }

    /**
     * @param k the search covers \( [-|T| - k\sigma_T, |T| + k\sigma_T] \); finite and {@code > 0}
     * @return a copy
     */
    public SelectiveTest withRange(double k) {
        if (!(k > 0) || Double.isInfinite(k)) {
            throw InvalidValueException.of("search range must be a finite number of sigma_T > 0, got %s", k);
        }
        return new SelectiveTest(alternative, termination, k, confidenceLevel, noise, maxPieces, incremental,
                skipping, searchThreads, timeLimit, search, widthLimit);
    }

    /**
     * @param level confidence level of the selective interval in (0, 1), or 0 to skip it
     * @return a copy
     */
    public SelectiveTest withConfidenceLevel(double level) {
        if (!(level == 0 || (level > 0 && level < 1))) {
            throw InvalidValueException.of("confidence level must be in (0, 1) or 0, got %s", level);
        }
        return new SelectiveTest(alternative, termination, range, level, noise, maxPieces, incremental,
                skipping, searchThreads, timeLimit, search, widthLimit);
    }

    /**
     * @param value the noise model of the image
     * @return a copy
     */
    public SelectiveTest withNoise(NoiseModel value) {
        return new SelectiveTest(alternative, termination, range, confidenceLevel, Objects.requireNonNull(value),
                maxPieces, incremental, skipping, searchThreads, timeLimit, search, widthLimit);
    }

    /**
     * @param value the most pieces a search may visit before it is declared stalled
     * @return a copy
     */
    public SelectiveTest withMaxPieces(long value) {
        if (value < 1) {
            throw InvalidValueException.of("max pieces must be >= 1, got %d", value);
        }
        return new SelectiveTest(alternative, termination, range, confidenceLevel, noise, value, incremental,
                skipping, searchThreads, timeLimit, search, widthLimit);
    }

    /**
     * @param value whether the search walks the line incrementally (the default: only what a breakpoint
     *     changes is recomputed) or by a full pass of the network per piece (the reference
     *     implementation; the same truncation set up to rounding, slower)
     * @return a copy
     */
    public SelectiveTest withIncremental(boolean value) {
        return new SelectiveTest(alternative, termination, range, confidenceLevel, noise, maxPieces, value,
                skipping, searchThreads, timeLimit, search, widthLimit);
    }

    /**
     * @param value when the search may rule whole segments of the line out of the truncation set without
     *     walking their pieces, or certify them into it (default {@link SegmentSkipping#ALWAYS}; the
     *     truncation set and the
     *     p-value do not change, only the pieces walked and the time)
     * @return a copy
     */
    public SelectiveTest withSkipping(SegmentSkipping value) {
        return new SelectiveTest(alternative, termination, range, confidenceLevel, noise, maxPieces, incremental,
                Objects.requireNonNull(value), searchThreads, timeLimit, search, widthLimit);
    }

    /**
     * @param value threads that walk one search, {@code >= 1} (default 1). An exhaustive search walks the
     *     two sides of T as two independent segments on two threads; on more than two (without a time
     *     limit) it cuts each side into as many segments of equal length in z as there are threads and walks
     *     them on the threads ({@link SegmentExecutor#local}); early-stopping searches walk on one thread
     *     (their order decides the stop). The result is the same for 1 and 2 threads (wall times aside);
     *     on more, the truncation set and the p-values are the same up to rounding (interval ends within
     *     {@code 1e-9 max(|end|, sigma_T)}), the pieces and certificates counted differ (each segment
     *     starts with a piece of its own). A caller that runs several tests at once keeps the product of
     *     its threads and these within the machine's cores.
     * @return a copy
     */
    public SelectiveTest withSearchThreads(int value) {
        if (value < 1) {
            throw InvalidValueException.of("search threads must be >= 1, got %d", value);
        }
        return new SelectiveTest(alternative, termination, range, confidenceLevel, noise, maxPieces, incremental,
                skipping, value, timeLimit, search, widthLimit);
    }

    /**
     * Bounds the search's wall time. A search past its limit stops after the piece or segment it is on
     * (always after the piece that contains T, which the OC p-value needs) and reports what it found:
     * the p-value bounds that the part of the range walked so far proves ({@code [lower, upper]}, valid
     * whatever the unexplored part holds), the p-value of the set found so far clamped to them, and
     * {@link org.salientsi.api.result.StopReason#TIME_LIMIT} as its stop reason; no confidence interval. Unlike every other option
     * this makes the result depend on the machine: a limit trades reproducibility for a bounded wait.
     *
     * @param value the longest a search may run, positive; or {@code null} for no limit (the default)
     * @return a copy
     * @throws InvalidValueException if the limit is zero or negative
     */
    public SelectiveTest withTimeLimit(Duration value) {
        if (value != null && (value.isZero() || value.isNegative())) {
            throw InvalidValueException.of("time limit must be positive, got %s", value);
        }
        return new SelectiveTest(alternative, termination, range, confidenceLevel, noise, maxPieces, incremental,
                skipping, searchThreads, value, search, widthLimit);
    }

    /**
     * @param value how the search finds the truncation set (default {@link SearchMode#AUTO}: the exact walk on
     *     a piecewise-linear network and method, the {@link CertifiedSearch certified} bounds otherwise)
     * @return a copy
     */
    public SelectiveTest withSearch(SearchMode value) {
        return new SelectiveTest(alternative, termination, range, confidenceLevel, noise, maxPieces, incremental,
                skipping, searchThreads, timeLimit, Objects.requireNonNull(value), widthLimit);
    }

    /**
     * @param value the certified search's width limit in units of sigma_T, finite and {@code > 0} (default
     *     {@value CertifiedSearch#DEFAULT_WIDTH_LIMIT}): an undecided segment of the line this short is not
     *     bisected further; its whole null mass stays in the gap between the p-value bounds
     * @return a copy
     */
    public SelectiveTest withWidthLimit(double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw InvalidValueException.of("width limit must be a finite number of sigma_T > 0, got %s", value);
        }
        return new SelectiveTest(alternative, termination, range, confidenceLevel, noise, maxPieces, incremental,
                skipping, searchThreads, timeLimit, search, value);
    }

    /** @return how the search finds the truncation set */
    public SearchMode search() {
        return search;
    }

    /**
     * The search a selection gets under this configuration: {@link SearchMode#EXACT} or
     * {@link SearchMode#CERTIFIED}, never {@link SearchMode#AUTO} (which picks the exact walk when the
     * method and the network's nodes it reads are piecewise linear).
     *
     * @param selection network, method and selector
     * @return the search the run uses
     * @throws org.salientsi.api.error.NotPiecewiseLinearException for the exact search of a method that is not
     *     piecewise linear
     * @throws org.salientsi.api.error.UnsupportedLayerException for the exact search of a network with a smooth
     *     op among the nodes the method reads (naming it)
     * @throws InvalidInputException for the certified search of a method, selector or network that cannot
     *     bound segments (naming what is missing)
     */
    public SearchMode searchFor(Selection selection) {
        return SearchChoice.resolve(search, selection);
    }

    /** @return the certified search's width limit, in units of sigma_T */
    public double widthLimit() {
        return widthLimit;
    }

    /** @return the longest a search may run, or {@code null} for no limit */
    public Duration timeLimit() {
        return timeLimit;
    }

    /** @return threads that walk one search */
    public int searchThreads() {
        return searchThreads;
    }

    /** @return when segments may be skipped */
    public SegmentSkipping skipping() {
        return skipping;
    }

    /** @return whether the search walks the line incrementally */
    public boolean incremental() {
        return incremental;
    }

    /** @return the alternative */
    public Alternative alternative() {
        return alternative;
    }

    /** @return the termination rule */
    public Termination termination() {
        return termination;
    }

    /** @return the search half-width in units of sigma_T beyond |T| */
    public double range() {
        return range;
    }

    /** @return the confidence level, 0 when the interval is skipped */
    public double confidenceLevel() {
        return confidenceLevel;
    }

    /** @return the noise model */
    public NoiseModel noise() {
        return noise;
    }

    /** @return the piece budget */
    public long maxPieces() {
        return maxPieces;
    }

    /**
     * Runs the test.
     *
     * @param selection network, method, selector and statistic
     * @param observation the test image and its reference(s)
     * @param provenance what the caller knows of the data's origin (model hash, backend, seed)
     * @return the result
     * @throws org.salientsi.api.error.EmptyRegionException if the selector chooses no pixel, or the statistic
     *     finds no background (see {@link #test} for the form that makes these an outcome)
     * @throws org.salientsi.api.error.InvalidInputException on data that do not fit
     * @throws org.salientsi.api.error.NumericalBreakdownException if the search loses precision
     */
    public SelectiveResult run(Selection selection, Observation observation, Provenance provenance) {
        return run(selection, observation, provenance, null);
    }

    /**
     * Runs the test with an observer that sees every piece walked and every segment certified (then the
     * search walks on one thread, whatever {@link #searchThreads()}; the result is the same).
     *
     * @param selection network, method, selector and statistic
     * @param observation the test image and its reference(s)
     * @param provenance what the caller knows of the data's origin (model hash, backend, seed)
     * @param observer the observer, or null for none
     * @return the result
     */
    public SelectiveResult run(Selection selection, Observation observation, Provenance provenance,
                               SearchObserver observer) {
        ParametricSearch search = new ParametricSearch(this, selection, observation);
        search.listen(observer);
        return search.run(provenance == null ? Provenance.empty() : provenance);
    }

    /**
     * Runs the test with nothing to test as an outcome, not an error (what {@code salientsi test}, {@code batch},
     * {@code serve} and the facade do, through {@link org.salientsi.core.engine.TestEngine}): when the selector
     * selects no pixel the result has {@link org.salientsi.api.result.Outcome#NO_REGION}; when the statistic
     * finds no background to compare the region with (for {@code contrast}: every pixel selected; a plugin
     * statistic says so by throwing {@link org.salientsi.api.error.EmptyRegionException}),
     * {@link org.salientsi.api.result.Outcome#FULL_REGION}. Such a result carries the region and the saliency
     * map and no p-value. Otherwise as {@link #run(Selection, Observation, Provenance)}.
     *
     * @param selection network, method, selector and statistic
     * @param observation the test image and its reference(s)
     * @param provenance what the caller knows of the data's origin (model hash, backend, seed)
     * @return the result, tested or not
     * @throws org.salientsi.api.error.InvalidInputException on data that do not fit
     * @throws org.salientsi.api.error.NumericalBreakdownException if the search loses precision
     */
    public SelectiveResult test(Selection selection, Observation observation, Provenance provenance) {
        ParametricSearch search = new ParametricSearch(this, selection, observation);
        search.untestedAsOutcome();
        return search.run(provenance == null ? Provenance.empty() : provenance);
    }

    /**
     * Runs the test as {@link #test(Selection, Observation, Provenance)} does, with the walk of an exhaustive
     * search split into segments walked by an executor (on this machine's threads or a cluster): each
     * side of T cut into {@link SegmentExecutor#segmentsPerSide()} segments, the results merged in any
     * order, the p-values finished as an unsplit search does. The truncation set and the p-values are those
     * of the unsplit search up to rounding; the pieces and certificates counted differ; the provenance
     * names the executor ({@code executor}) and the segments per side ({@code search_segments}).
     *
     * @param selection network, method, selector and statistic
     * @param observation the test image and its reference(s)
     * @param provenance what the caller knows of the data's origin
     * @param segments the executor of the segments
     * @return the result, tested or not
     * @throws org.salientsi.api.error.InvalidInputException if the search stops early or has a time limit
     *     (segments are for exhaustive searches), or on data that do not fit
     * @throws org.salientsi.api.error.NumericalBreakdownException if the search loses precision
     */
    public SelectiveResult test(Selection selection, Observation observation, Provenance provenance,
                                SegmentExecutor segments) {
        ParametricSearch search = new ParametricSearch(this, selection, observation);
        search.untestedAsOutcome();
        search.segments(Objects.requireNonNull(segments, "segments"));
        return search.run(provenance == null ? Provenance.empty() : provenance);
    }

    /**
     * Tests the selected region and each of its connected components (DESIGN.md section 4, {@code --components}):
     * the region as {@link #test} does, then every component of at least {@code split.minSize()} pixels with the
     * statistic's contrast computed on the component, conditioned on the whole observed region (the walk compares
     * the whole region on every piece of the component's own test line). The components and the size filter are
     * functions of the region, so each component's p-value is valid given the selection. Smaller components are
     * listed as too small, untested. The p-values are not adjusted here (the family may span several images).
     *
     * @param selection network, method, selector and a statistic whose contrast is defined on parts of a region
     * @param observation the test image and its reference(s)
     * @param provenance what the caller knows of the data's origin
     * @param split the connectivity and the minimum size
     * @return the region's result with its components (none when the region was not tested)
     * @throws org.salientsi.api.error.InvalidInputException on data that do not fit
     * @throws org.salientsi.api.error.NumericalBreakdownException if a search loses precision
     */
    public ComponentTests testComponents(Selection selection, Observation observation, Provenance provenance,
                                         ComponentSplit split) {
        Objects.requireNonNull(split, "split");
        SelectiveResult whole = test(selection, observation, provenance);
        List<ComponentResult> components = new ArrayList<>();
        if (whole.tested()) {
            Region region = whole.region();
            List<int[]> parts = ConnectedComponents.of(region, split.diagonal());
            for (int i = 0; i < parts.size(); i++) {
                int[] pixels = parts.get(i);
                if (pixels.length < split.minSize()) {
                    components.add(ComponentResult.tooSmall(i, pixels, region.width()));
                    continue;
                }
                Region part = ConnectedComponents.region(pixels, region.height(), region.width());
                ParametricSearch search = new ParametricSearch(this, selection, observation);
                search.contrastOn(part);
                components.add(ComponentResult.tested(i, part,
                        search.run(provenance == null ? Provenance.empty() : provenance)));
            }
        }
        return new ComponentTests(whole, split.connectivity(), split.minSize(), components);
    }

    @Override
    public String toString() {
        return "SelectiveTest[" + alternative + ", " + termination + ", range " + range + ", ci " + confidenceLevel
                + ", " + noise + (incremental ? "" : ", full passes") + ", skipping " + skipping.label() + ", "
                + searchThreads + " search thread(s)" + (timeLimit == null ? "" : ", time limit " + timeLimit)
                + ", search " + search.label()
                + (search == SearchMode.EXACT ? "" : ", width limit " + widthLimit) + "]";
    }
}
