package org.salientsi.core.search;

import java.util.ArrayList;
import java.util.List;
import org.salientsi.api.error.NumericalBreakdownException;
import org.salientsi.api.error.SearchStalledException;
import org.salientsi.api.interval.IntervalSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The walk of an exhaustive search split into segments: each side of T cut into
 * {@link SegmentExecutor#segmentsPerSide()} segments of equal length in z (a first policy: the pieces'
 * density along the line is not known in advance), walked by a {@link SegmentExecutor} and merged. As
 * the confidence interval's {@link SelectiveInterval.Explorer}, it widens the search by handing over
 * the stretches beyond its ends, split the same way.
 */
final class SegmentedWalk implements SelectiveInterval.Explorer {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentedWalk.class);

    private final SegmentPlan plan;
    private final Selection selection;
    private final SegmentExecutor executor;
    private final double reachLo;
    private final double reachHi;
    private double lo;
    private double hi;
    private SegmentResult merged = SegmentResult.EMPTY;

    /**
     * @param plan the search's plan
     * @param selection its selection
     * @param executor where segments are walked
     * @param reachLo how far down the confidence interval may widen the search
     * @param reachHi how far up
     */
    SegmentedWalk(SegmentPlan plan, Selection selection, SegmentExecutor executor, double reachLo, double reachHi) {
        this.plan = plan;
        this.selection = selection;
        this.executor = executor;
        this.reachLo = reachLo;
        this.reachHi = reachHi;
        this.lo = plan.t();
        this.hi = plan.t();
    }

    /**
     * Walks {@code [walkMin, walkMax]}, T inside, to its ends.
     *
     * @throws NumericalBreakdownException if a walk loses precision, or all walked more than the plan's
     *     piece budget together
     */
    void walk(double walkMin, double walkMax) {
        run(walkMin, walkMax, plan.maxPieces());
        if (merged.pieces() > plan.maxPieces()) {
            throw new SearchStalledException(SegmentPlan.STALLED + plan.maxPieces() + " linear pieces (in "
                    + 2 * executor.segmentsPerSide() + " segments over [" + lo + ", " + hi + "])");
        }
    }

    /** Walks from the current ends out to {@code [newLo, newHi]}, each new segment within {@code budget}. */
    private void run(double newLo, double newHi, long budget) {
        int k = executor.segmentsPerSide();
        List<SearchSegment> segments = new ArrayList<>(2 * k);
        if (newLo < lo) {
            segments.addAll(SearchSegment.split(true, lo, newLo, k));
        }
        if (newHi > hi) {
            segments.addAll(SearchSegment.split(false, hi, newHi, k));
        }
        if (segments.isEmpty()) {
            return;
        }
        List<SegmentResult> results = executor.walk(budget == plan.maxPieces() ? plan : plan.withMaxPieces(budget),
                selection, segments);
        if (results.size() != segments.size()) {
            throw new IllegalStateException("executor " + executor.name() + " returned " + results.size()
                    + " results for " + segments.size() + " segments");
        }
        for (SegmentResult r : results) {
            merged = merged.merge(r);
        }
        lo = Math.min(lo, newLo);
        hi = Math.max(hi, newHi);
    }

    /** @return what the segments walked so far found, merged */
    SegmentResult result() {
        return merged;
    }

    @Override
    public IntervalSet found() {
        return merged.found();
    }

    @Override
    public double leftFrontier() {
        return lo;
    }

    @Override
    public double rightFrontier() {
        return hi;
    }

    @Override
    public boolean extend(double wantLo, double wantHi) {
        double newLo = Math.max(wantLo, reachLo);
        double newHi = Math.min(wantHi, reachHi);
        if (!(newLo < lo) && !(newHi > hi)) {
            return false;
        }
        long left = plan.maxPieces() - merged.pieces();
        if (left <= 0) {
            LOG.debug("confidence interval: piece budget reached while widening the search");
            return false;
        }
        try {
            run(Math.min(newLo, lo), Math.max(newHi, hi), left);
        } catch (SearchStalledException e) {
            LOG.debug("confidence interval: piece budget reached while widening the search");
            return false;
        }
        return true;
    }
}
