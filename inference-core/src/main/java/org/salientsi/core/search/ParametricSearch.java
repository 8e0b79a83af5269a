package org.salientsi.core.search;

import org.salientsi.api.error.EmptyRegionException;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.NumericalBreakdownException;
import org.salientsi.api.error.SearchStalledException;
import org.salientsi.api.error.ShapeMismatchException;
import org.salientsi.api.eval.PointEvaluation;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.image.Region;
import org.salientsi.api.interval.Interval;
import org.salientsi.api.interval.IntervalSet;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.result.Alternative;
import org.salientsi.api.result.CertifiedBounds;
import org.salientsi.api.result.ConfidenceInterval;
import org.salientsi.api.result.MapValues;
import org.salientsi.api.result.Outcome;
import org.salientsi.api.result.ProbabilityBounds;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.result.StopReason;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.statistic.ChiStatistic;
import org.salientsi.api.statistic.Contrast;
import org.salientsi.api.statistic.Observation;
import org.salientsi.core.eval.IncrementalLineEvaluator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the selective test (DESIGN.md section 2): the observed selection, the test line
 * \( Y(z) = a + c z \) with \( c = \Sigma\eta/\sigma_T^2 \), \( a = Y - cT \), and the walk over it that
 * collects the truncation set \( Z = \{ z : O(Y(z)) = O_{obs} \} \) piece by piece, outward from
 * \( T \), with bounds on the selective p-value from the part not yet explored.
 */
final class ParametricSearch implements SelectiveInterval.Explorer {

    private static final Logger LOG = LoggerFactory.getLogger(ParametricSearch.class);

    private final SelectiveTest config;
    private final Selection selection;
    private final Observation observation;
    private Walker right;
    private Walker left;
    private PValueBounds bounds;
    private double reachLo;
    private double reachHi;
    private SearchObserver listener;
    /** {@link System#nanoTime} past which the search stops ({@link SelectiveTest#withTimeLimit}); none: max. */
    private long deadline = Long.MAX_VALUE;
    /** Whether the time limit stopped the walk (set by either walking thread). */
    private volatile boolean timedOut;
    private boolean untestedAsOutcome;
    /** Where an exhaustive search's segments are walked, or null for the walkers here ({@link #segments}). */
    private SegmentExecutor segments;
    /** The part of the selected region whose contrast is tested, or null for the whole region. */
    private Region part;

    ParametricSearch(SelectiveTest config, Selection selection, Observation observation) {
        this.config = config;
        this.selection = selection;
        this.observation = observation;
    }

    /**
     * Sees every piece the search visits, in order (for tests that study the search order).
     *
     * @param value the listener, or null for none
     */
    void listen(SearchObserver value) {
        this.listener = value;
    }

    /**
     * Walks an exhaustive search as segments on an executor ({@link SegmentExecutor}) instead of with one
     * walker on each side of T. Without one, an exhaustive search without a time limit or listener on more
     * than two search threads walks its segments on them ({@link SegmentExecutor#local}: each side cut
     * into as many segments as threads).
     *
     * @param value the executor, or null
     * @throws InvalidInputException if the search stops early or has a time limit
     */
    void segments(SegmentExecutor value) {
        if (value != null && (config.termination().reason() != StopReason.EXHAUSTIVE || config.timeLimit() != null)) {
            throw new InvalidInputException("a search walked as segments on executor '" + value.name()
                    + "' must be exhaustive and without a time limit (termination " + config.termination()
                    + (config.timeLimit() == null ? "" : ", time limit " + config.timeLimit()) + ")");
        }
        this.segments = value;
    }

    /**
     * Makes nothing to test an outcome instead of an error: a region that is empty, or that the statistic
     * refuses as leaving no background ({@link EmptyRegionException}), gives a result with
     * {@link Outcome#NO_REGION} or {@link Outcome#FULL_REGION}, the region and the map, and no p-value.
     */
    void untestedAsOutcome() {
        this.untestedAsOutcome = true;
    }

    /**
     * Tests a part of the selected region (one connected component): the statistic's contrast is computed on the
     * part, while the walk still compares the whole selected region on every piece (the conditioning event is
     * the region, which fixes the part). The result's region is the part.
     *
     * @param value pixels inside the observed region
     */
    void contrastOn(Region value) {
        this.part = value;
    }

    SelectiveResult run(Provenance provenance) {
        long started = System.nanoTime();
        java.time.Instant startedAt = java.time.Instant.now();
        if (config.timeLimit() != null) {
            long limit = config.timeLimit().toNanos();
            deadline = started + Math.min(limit, Long.MAX_VALUE / 4);
        }
        ImageShape shape = observation.image().shape();
        TensorShape input = selection.network().network().inputShape();
        if (input.channels() != shape.channels() || input.height() != shape.height()
                || input.width() != shape.width()) {
            throw new ShapeMismatchException(label() + " is " + shape + " but the network takes "
                    + input.height() + "x" + input.width() + "x" + input.channels() + " images");
        }
        if (selection.statistic() instanceof ChiStatistic && config.alternative() == Alternative.LESS) {
            throw new InvalidInputException("statistic '" + selection.statistic().name() + "' is a norm and tests "
                    + "large values only (alternative greater); --alternative less has no meaning for it");
        }
        if (selection.statistic().needsReference() && !observation.hasReference()) {
            throw new InvalidInputException("statistic '" + selection.statistic().name()
                    + "' needs a reference image (--reference or --references)");
        }
        int n = shape.size();
        config.noise().checkSize(n);
        SearchMode mode = config.searchFor(selection);

        // 1. the observed selection
        PointEvaluation at = selection.network().pointEvaluator().evaluate(observation.image().toChw());
        SaliencyMap map = selection.method().map(at);
        if (map.height() != shape.height() || map.width() != shape.width()) {
            throw new ShapeMismatchException("saliency method '" + selection.method().name() + "' gave a "
                    + map.height() + "x" + map.width() + " map for a " + shape + " image");
        }
        Region region = selection.selector().select(map);
        if (region.isEmpty()) {
            if (untestedAsOutcome) {
                return untested(Outcome.NO_REGION, region, map, started, startedAt, provenance);
            }
            throw new EmptyRegionException("selector " + selection.selector().name() + " selected no pixel of "
                    + label() + "; there is no region to test");
        }

        // 2. the contrast and the test line
        Region tested = region;
        if (part != null) {
            checkPart(region);
            tested = part;
        }
        Contrast contrast;
        ChiLine chi;
        try {
            chi = selection.statistic() instanceof ChiStatistic c ? ChiLine.of(c, tested, observation, config.noise())
                    : null;
            contrast = chi != null ? chi.contrast() : selection.statistic().contrast(tested, observation);
        } catch (EmptyRegionException e) {
            if (!untestedAsOutcome) {
                throw e;
            }
            LOG.debug("{}: nothing to test: {}", label(), e.getMessage());
            return untested(region.isEmpty() ? Outcome.NO_REGION : Outcome.FULL_REGION, region, map, started,
                    startedAt, provenance);
        }
        TestLine line = TestLine.of(contrast, observation, config.noise(), config.range(),
                selection.statistic().name());
        if (chi != null) {
            line = chi.restrict(line, config.range());
        }
        NullLaw law = chi == null ? NullLaw.normal(config.alternative(), line.sigmaT())
                : NullLaw.chi(chi.degrees(), line.sigmaT());
        double t = line.t();
        double sigmaT = line.sigmaT();
        Interval constraint = line.constraint();
        double zMin = line.zMin();
        double zMax = line.zMax();
        double walkMin = line.walkMin();
        double walkMax = line.walkMax();
        if (mode == SearchMode.CERTIFIED) {
            if (segments != null) {
                throw new InvalidInputException("the certified search (a network or method that is not piecewise "
                        + "linear) runs on this machine; executor '" + segments.name() + "' walks the segments of "
                        + "exact searches only");
            }
            return certified(line, law, chi, map, region, tested, started, startedAt, provenance);
        }

        // 3. the walkers, one on each side of T, or the segments of each side
        boolean[] mask = region.toMask();
        Termination termination = config.termination();
        SegmentSkipping skipping = config.skipping();
        SegmentPlan plan = SegmentPlan.of(line, map, mask, config.incremental(), skipping == SegmentSkipping.ALWAYS
                || skipping == SegmentSkipping.EARLY_STOPS && termination.reason() != StopReason.EXHAUSTIVE,
                config.maxPieces());
        SegmentedWalk segmented = segmentedWalk(plan, line);
        if (segmented != null) {
            segmented.walk(walkMin, walkMax);
        } else {
            right = plan.walker(selection, false);
            left = plan.walker(selection, true);
            right.startsAtT = true;
            left.startsAtT = true;
            right.position = t;
            right.setEnd(walkMax);
            left.position = -t;
            left.setEnd(-walkMin);
        }

        Alternative alt = law.alternative();
        bounds = termination.reason() == StopReason.EXHAUSTIVE ? null : law.bounds(t);
        WalkOrder order = bounds == null ? WalkOrder.NEAREST_FRONTIER : WalkOrder.EARLY_STOPS;
        StopReason stop = StopReason.EXHAUSTIVE;
        double[] pBounds = null;
        if (segmented == null && bounds == null && listener == null && config.searchThreads() > 1) {
            walkBothSides();
        }
        while (segmented == null && !timedOut && (!right.done() || !left.done())) {
            advance(order.next(right, left, bounds, termination, walkMin, walkMax));
            checkBudget(right, left);
            if (overTime()) {
                // the piece that contains T is walked on both sides whatever the clock says (the OC p-value)
                for (Walker w : new Walker[] {right, left}) {
                    if (w.pieces == 0 && !w.done()) {
                        advance(w);
                    }
                }
                timedOut = true;
                break;
            }
            if (termination.reason() != StopReason.EXHAUSTIVE && !(right.done() && left.done())) {
                bounds.bound(walkMin, left.frontier(), right.frontier(), walkMax);
                if (termination.satisfied(bounds.lower(), bounds.upper())) {
                    stop = termination.reason();
                    pBounds = new double[] {bounds.lower(), bounds.upper()};
                    break;
                }
            }
        }
        SegmentResult atT = segmented != null ? segmented.result() : merged();
        if (!matched(atT.leftStart()) && !matched(atT.rightStart())) {
            throw new NumericalBreakdownException("the observed selection is not reproduced on the test line at "
                    + "z = T = " + t + " (a saliency value lies within rounding error of a selector threshold)");
        }
        IntervalSet z = atT.found();
        if (!z.contains(t)) {
            throw new NumericalBreakdownException("truncation set " + z + " does not contain T = " + t);
        }
        if (timedOut) {
            stop = StopReason.TIME_LIMIT;
            pBounds = provenBounds(z, law, t, walkMin, walkMax);
        }

        // 4. p-values
        double selectiveP = law.pValue(z, t);
        if (pBounds == null) {
            pBounds = new double[] {selectiveP, selectiveP};
        } else {
            selectiveP = Math.min(Math.max(selectiveP, pBounds[0]), pBounds[1]);
        }
        double ocLo = matched(atT.leftStart()) ? atT.leftStart().end() : t;
        double ocHi = matched(atT.rightStart()) ? atT.rightStart().end() : t;
        ocLo = Math.max(ocLo, constraint.lo());
        ocHi = Math.min(ocHi, constraint.hi());
        Interval oc = Interval.of(ocLo, ocHi);
        double ocP = law.pValue(IntervalSet.of(ocLo, ocHi), t);
        double naiveP = law.naive(t);
        double massOutside = law.massOutside(zMin, zMax);

        // 5. the selective confidence interval (exhaustive searches only)
        Double[] ci = {null, null};
        if (config.confidenceLevel() > 0 && stop == StopReason.EXHAUSTIVE && law.hasInterval()) {
            reachLo = constraint.lo();
            reachHi = constraint.hi();
            ci = new SelectiveInterval(config.confidenceLevel(), t, sigmaT, constraint.lo(), constraint.hi())
                    .solve(segmented != null ? segmented : this);
            if (timedOut) {
                ci = new Double[] {null, null}; // the interval's search ran out of time: no interval, exact p
            }
        }
        SegmentResult walked = segmented != null ? segmented.result() : merged();
        long pieces = walked.pieces();
        double seconds = (System.nanoTime() - started) / 1e9;
        LOG.debug("{}: T = {}, sigma_T = {}, {} pieces, p = {}, {} s", label(), t, sigmaT, pieces, selectiveP,
                seconds);
        if (LOG.isDebugEnabled() && right != null && right.incremental() != null) {
            IncrementalLineEvaluator r = right.incremental();
            IncrementalLineEvaluator l = left.incremental();
            LOG.debug("{}: {} network breakpoints, {} full passes ({} forced by the root check), {} nodes "
                    + "recomputed whole, {} units updated", label(), r.breakpoints() + l.breakpoints(),
                    r.fullPasses() + l.fullPasses(), r.residualFailures() + l.residualFailures(),
                    r.overBudget() + l.overBudget(), r.touchedUnits() + l.touchedUnits());
        }
        Provenance prov = described(provenance, startedAt);
        if (chi != null) {
            prov = prov.withOption("alternative", alt.label()).withOption("statistic_distribution", "chi")
                    .withOption("degrees_of_freedom", Integer.toString(chi.degrees()));
        }
        if (timedOut && stop == StopReason.EXHAUSTIVE) {
            prov = prov.withOption("confidence_interval", "time_limit");
        }
        if (walked.tried() > 0) {
            LOG.debug("{}: of {} segments tried, {} ruled out of the truncation set and {} certified into it "
                    + "without walking them", label(), walked.tried(), walked.excluded(), walked.included());
        }
        if (walked.excluded() > 0 || walked.included() > 0 || walked.tried() > 0) {
            // whenever segments were tried, both counts, zeros included (absent: no segment could be bounded)
            prov = prov.withOption("segments_skipped", Long.toString(walked.excluded()))
                    .withOption("segments_included", Long.toString(walked.included()));
        }
        if (segmented != null) {
            prov = prov.withOption("executor", segments.name())
                    .withOption("search_segments", Integer.toString(segments.segmentsPerSide()));
        }
        prov = withReferences(prov).withOption("search", SearchMode.EXACT.label());
        return new SelectiveResult(observation.image().name(), selectiveP, ocP, naiveP, alt, t, sigmaT,
                tested.size(), map.target(), tested, z.intersect(Interval.of(zMin, zMax)), oc,
                Interval.of(zMin, zMax), massOutside, pieces, ProbabilityBounds.of(pBounds), stop,
                ConfidenceInterval.of(ci), config.confidenceLevel(), seconds, prov);
    }

    /**
     * Steps 3 to 5 of the certified search ({@link CertifiedSearch}): segments of the search range certified into
     * or out of the truncation set by bounds over each, bisected down to the width limit; the p-value is the
     * bounds' upper end, with no OC p-value and no confidence interval.
     */
    private SelectiveResult certified(TestLine line, NullLaw law, ChiLine chi, SaliencyMap map, Region region,
                                      Region tested, long started, java.time.Instant startedAt,
                                      Provenance provenance) {
        double t = line.t();
        double sigmaT = line.sigmaT();
        SegmentCertifier certifier = new SegmentCertifier(
                SegmentPlan.segmentEvaluator(selection, selection.method().requiredNodes()), selection.method(),
                selection.selector(), map, region.toMask());
        double widthLimit = config.widthLimit() * sigmaT;
        CertifiedSearch search = new CertifiedSearch(certifier, line.a(), line.c(), law.bounds(t),
                config.termination(), widthLimit, config.maxPieces(), this::overTime);
        CertifiedSearch.Outcome o = search.run(line.walkMin(), line.walkMax());
        CertifiedBounds proved = CertifiedBounds.of(o.lower(), o.upper(), o.inSegments(), o.outSegments(),
                o.undecidedSegments(), o.undecided(), widthLimit, o.ended());
        double seconds = (System.nanoTime() - started) / 1e9;
        LOG.debug("{}: certified p in [{}, {}] from {} segments ({} in, {} out, {} undecided of width {}), {} s",
                label(), o.lower(), o.upper(), o.evaluated(), o.inSegments(), o.outSegments(), o.undecidedSegments(),
                o.undecided().measure(), seconds);
        Provenance prov = described(provenance, startedAt).withOption("search", SearchMode.CERTIFIED.label())
                .withOption("width_limit_sigma", Double.toString(config.widthLimit()));
        if (chi != null) {
            prov = prov.withOption("alternative", law.alternative().label())
                    .withOption("statistic_distribution", "chi")
                    .withOption("degrees_of_freedom", Integer.toString(chi.degrees()));
        }
        prov = withReferences(prov);
        return SelectiveResult.certified(observation.image().name(), law.naive(t), law.alternative(), t, sigmaT,
                tested.size(), map.target(), tested, o.in(), Interval.of(line.zMin(), line.zMax()),
                law.massOutside(line.zMin(), line.zMax()), o.evaluated(),
                o.timedOut() ? StopReason.TIME_LIMIT : StopReason.CERTIFIED, config.confidenceLevel(), seconds, prov,
                proved);
    }

    /** @throws NumericalBreakdownException unless the part lies inside the observed region */
    private void checkPart(Region region) {
        if (part.height() != region.height() || part.width() != region.width() || part.isEmpty()) {
            throw new ShapeMismatchException("part " + part + " does not fit the selected region " + region);
        }
        for (int p : part.pixels()) {
            if (!region.contains(p)) {
                throw new NumericalBreakdownException("pixel " + p + " of the tested part is outside the region "
                        + "selected in " + label() + " (the selection was not reproduced)");
            }
        }
    }

    /** The result when there is nothing to test: the region and the map that explain it, no p-value. */
    private SelectiveResult untested(Outcome outcome, Region region, SaliencyMap map, long started,
                                     java.time.Instant startedAt, Provenance provenance) {
        double seconds = (System.nanoTime() - started) / 1e9;
        return SelectiveResult.untested(observation.image().name(), outcome, config.alternative(), map.target(),
                region, MapValues.of(map), config.confidenceLevel(), seconds,
                withReferences(described(provenance, startedAt)));
    }

    /** The caller's provenance with the run, the plugins and the options of this test. */
    private Provenance described(Provenance provenance, java.time.Instant startedAt) {
        Provenance prov = provenance.withRun(startedAt)
                .withPlugins(selection.method().name(), selection.selector().name(), selection.statistic().name())
                .withOption("alternative", config.alternative().label())
                .withOption("termination", config.termination().toString())
                .withOption("range", Double.toString(config.range()));
        if (config.timeLimit() != null) {
            prov = prov.withOption("time_limit_seconds", Double.toString(config.timeLimit().toNanos() / 1e9));
        }
        if (config.noise().isIsotropic() && prov.sigma() == null) {
            prov = prov.withSigma(config.noise().sigma());
        }
        return prov;
    }

    private Provenance withReferences(Provenance prov) {
        if (observation.referenceCount() > 1) {
            return prov.withOption("references", Integer.toString(observation.referenceCount()));
        }
        return prov;
    }

    /**
     * Steps a walker and records a matching piece: in the bounds at once, and in the truncation set as
     * part of the walker's current run of adjacent matching pieces, which is added whole when it ends (so
     * that the set's builder grows per interval, not per piece).
     */
    private void step(Walker w) {
        w.step();
        if (listener != null) {
            listener.piece(w == left, w.original(w.lastFrom), w.original(w.lastTo), w.lastMatched);
        }
        record(w);
    }

    /**
     * Moves a walker on: over a segment certified out of or into the truncation set when it can, else by
     * one piece.
     */
    private void advance(Walker w) {
        if (!w.maybeSkip()) {
            step(w);
            return;
        }
        if (listener != null) {
            if (w.lastCertifiedIn) {
                listener.included(w == left, w.original(w.skipFrom), w.frontier());
            } else {
                listener.skipped(w == left, w.original(w.skipFrom), w.frontier());
            }
        }
        record(w);
    }

    /** Records the walker's last piece or certified segment ({@code last*}) in the bounds and the set. */
    private void record(Walker w) {
        w.lastLogMass = Double.NEGATIVE_INFINITY;
        if (w.lastMatched && bounds != null && w.lastTo > w.lastFrom) {
            double from = w.original(w.lastFrom);
            double to = w.original(w.lastTo);
            bounds.add(Math.min(from, to), Math.max(from, to));
            w.lastLogMass = bounds.lastMass();
        }
        w.keepLast();
    }

    /**
     * @return the segmented walk of this search when it is exhaustive, has no time limit and no listener,
     *     and has an executor or more than two search threads; else null (the walkers)
     */
    private SegmentedWalk segmentedWalk(SegmentPlan plan, TestLine line) {
        if (segments == null && config.termination().reason() == StopReason.EXHAUSTIVE && config.timeLimit() == null
                && listener == null && config.searchThreads() > 2) {
            segments = SegmentExecutor.local(config.searchThreads(), config.searchThreads());
        }
        if (segments == null) {
            return null;
        }
        Interval constraint = line.constraint();
        return new SegmentedWalk(plan, selection, segments, constraint.lo(), constraint.hi());
    }

    private static boolean matched(SegmentResult.Start start) {
        return start != null && start.matched();
    }

    /** The truncation set found so far: the union of the two walkers' sets. */
    private IntervalSet buildFound() {
        return merged().found();
    }

    /** The two walkers' segments' results, merged. */
    private SegmentResult merged() {
        right.flushRun();
        left.flushRun();
        return right.result().merge(left.result());
    }

    /**
     * Walks the two sides of T to their ends at once, the right one on a pooled thread and the left one
     * on the caller's (exhaustive searches without a listener: the sides are independent, so the
     * pieces, the set and the counts are those of a walk on one thread, whatever the order).
     */
    private void walkBothSides() {
        java.util.concurrent.Future<?> other = SearchThreads.submit(() -> walkSide(right, left));
        RuntimeException failure = null;
        try {
            walkSide(left, right);
        } catch (RuntimeException e) {
            failure = e;
        }
        RuntimeException otherFailure = SearchThreads.join(other);
        if (failure != null) {
            throw failure;
        }
        if (otherFailure != null) {
            throw otherFailure;
        }
    }

    /** Walks one side to its end; if it fails, asks the other side's walk to stop too. */
    private void walkSide(Walker w, Walker other) {
        try {
            // past the time limit each side still walks its first piece (the one containing T)
            while (!w.done() && !w.cancelled && !(w.pieces > 0 && (timedOut || overTime()))) {
                advance(w);
                checkBudget(right, left);
            }
            if (!w.done() && !w.cancelled) {
                timedOut = true;
            }
        } catch (RuntimeException | Error e) {
            other.cancel();
            throw e;
        }
    }

    @Override
    public IntervalSet found() {
        return buildFound();
    }

    @Override
    public double leftFrontier() {
        return left.frontier();
    }

    @Override
    public double rightFrontier() {
        return right.frontier();
    }

    @Override
    public boolean extend(double lo, double hi) {
        double newLo = Math.max(lo, reachLo);
        double newHi = Math.min(hi, reachHi);
        boolean grew = false;
        if (newHi > right.end) {
            right.setEnd(newHi);
            grew = true;
        }
        if (-newLo > left.end) {
            left.setEnd(-newLo);
            grew = true;
        }
        if (grew && listener == null && config.searchThreads() > 1) {
            try {
                walkBothSides();
            } catch (NumericalBreakdownException e) {
                if (right.pieces + left.pieces <= config.maxPieces()) {
                    throw e;
                }
                LOG.debug("confidence interval: piece budget reached while widening the search");
                return false;
            }
        }
        if (timedOut) {
            return false;
        }
        while (!right.done() || !left.done()) {
            if (overTime()) {
                timedOut = true;
                return false;
            }
            if (right.pieces + left.pieces >= config.maxPieces()) {
                LOG.debug("confidence interval: piece budget reached while widening the search");
                return false;
            }
            advance(right.done() ? left : right);
        }
        return grew;
    }

    /** @return whether the search has a time limit and it has passed */
    private boolean overTime() {
        return deadline != Long.MAX_VALUE && System.nanoTime() - deadline > 0;
    }

    /**
     * The bounds on the p-value that a search stopped early proves: the set found so far is known to be
     * in the truncation set, and the unexplored ends {@code [walkMin, leftFrontier]} and
     * {@code [rightFrontier, walkMax]} may or may not be (Shiraishi et al.).
     */
    private double[] provenBounds(IntervalSet found, NullLaw law, double t, double walkMin, double walkMax) {
        PValueBounds proven = law.bounds(t);
        for (Interval piece : found.intervals()) {
            double lo = Math.max(piece.lo(), walkMin);
            double hi = Math.min(piece.hi(), walkMax);
            if (lo < hi) {
                proven.add(lo, hi);
            }
        }
        proven.bound(walkMin, left.frontier(), right.frontier(), walkMax);
        return new double[] {proven.lower(), proven.upper()};
    }

    private void checkBudget(Walker right, Walker left) {
        if (right.pieces + left.pieces > config.maxPieces()) {
            throw new SearchStalledException(SegmentPlan.STALLED + config.maxPieces()
                    + " linear pieces (frontiers at " + left.frontier() + " and " + right.frontier() + ")");
        }
    }

    private String label() {
        String name = observation.image().name();
        return name == null ? "the image" : "image " + name;
    }
}
