package org.salientsi.core.search;

import java.util.function.Supplier;
import org.salientsi.api.error.NumericalBreakdownException;
import org.salientsi.api.eval.LineEvaluation;
import org.salientsi.api.saliency.LinearMap;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.selection.RegionMask;
import org.salientsi.api.selection.RegionSelector;
import org.salientsi.core.eval.IncrementalLineEvaluator;
import org.salientsi.core.eval.LineEvaluator;
import org.salientsi.core.eval.SegmentEvaluator;

/**
 * Walks the test line from the observed statistic towards one end, one linear piece at a time. The left
 * walker walks right on the reflected line (input slope negated), so that both use the same
 * right-continuous decision rule; {@link #original} maps its coordinates back.
 *
 * <p>The network is evaluated either incrementally (a full pass at the first piece, then
 * {@link IncrementalLineEvaluator#advance} from breakpoint to breakpoint) or, as the reference, by a
 * full pass per piece ({@link LineEvaluator}). The saliency method's map and the selector are
 * recomputed on every piece through the SPI. Nothing is allocated per piece.
 */
final class Walker {

    /**
     * What a try to skip a segment costs, in pieces of the walk: bounds over the segment (about two full
     * passes) and the full pass that resumes the walk, against an incremental piece (measured on the
     * paper's models: 30 to 100 pieces).
     */
    private static final int TRY_PIECES = 96;
    /** Failed tries in a row after which a walker stops trying. */
    private static final int MAX_FAILURES = 6;

    private final LineEvaluation line;
    private final LineEvaluator full;
    private final IncrementalLineEvaluator incremental;
    private final boolean reflected;
    private final SaliencyMethod method;
    private final RegionSelector selector;
    private final SaliencyMap observed;
    private final boolean[] observedMask;
    /** The saliency map on the current piece (refilled per piece). */
    private final LinearMap map;
    private final RegionMask region;
    private final int height;
    private final int width;

    /** Current position (walker coordinates): the start of the next piece. */
    double position;
    /** Where this walker stops (walker coordinates); set through {@link #setEnd}. */
    double end;
    /** Upper end of the first piece (walker coordinates), unclipped: the OC interval's end on this side. */
    double firstUpper = Double.NaN;
    /** Whether the first piece matched the observed selection. */
    boolean firstMatched;
    /** Pieces evaluated. */
    long pieces;

    /** The part of the truncation set this walker found (original coordinates), runs not yet flushed aside. */
    final org.salientsi.api.interval.IntervalSet.Builder found = org.salientsi.api.interval.IntervalSet.builder();
    /** Set when the other side of a concurrent walk failed: this walker stops at its next step. */
    volatile boolean cancelled;
    /** Whether this walker starts at T, so that its first piece is the piece at T ({@link #result}). */
    boolean startsAtT;

    /** The current run of adjacent matching pieces (walker coordinates), not yet in the truncation set. */
    boolean runOpen;
    double runFrom;
    double runTo;

    /** Log mass (scaled as in {@link PValueBounds}) of the last piece if it matched (early stops), else -inf. */
    double lastLogMass = Double.NEGATIVE_INFINITY;

    /** Start and end (walker coordinates) of the last piece, and whether it matched. */
    double lastFrom;
    double lastTo;
    boolean lastMatched;

    /** What certifies segments over this walker's line, or null when not certifying. */
    private SegmentCertifier segment;
    /** This walker's line (walker coordinates), set into the shared evaluator before each try. */
    private double[] lineA;
    private double[] lineC;
    /** Whether the next piece needs a full pass (after a certified segment, the incremental state is behind). */
    private boolean jumped;
    /** Segments ruled out of the truncation set. */
    long skips;
    /** Segments certified into the truncation set. */
    long inclusions;
    /** Segments tried (ruled out, certified in, or neither). */
    long skipTries;
    /** Where the last certified segment began (walker coordinates). */
    double skipFrom;
    /** Whether the last certified segment was certified into the truncation set (else out of it). */
    boolean lastCertifiedIn;
    /** When to try to rule segments out (after a piece outside the truncation set). */
    private final Schedule outSchedule = new Schedule();
    /** When to try to certify segments in (after a piece inside the truncation set), or null when not. */
    private Schedule inSchedule;
    /** Total length of the pieces walked (walker coordinates), for their density. */
    private double walked;

    Walker(LineEvaluator line, boolean reflected, SaliencyMethod method, RegionSelector selector,
           SaliencyMap observed, boolean[] observedMask) {
        this(line, line, null, reflected, method, selector, observed, observedMask);
    }

    Walker(IncrementalLineEvaluator line, boolean reflected, SaliencyMethod method, RegionSelector selector,
           SaliencyMap observed, boolean[] observedMask) {
        this(line, null, line, reflected, method, selector, observed, observedMask);
    }

    private Walker(LineEvaluation line, LineEvaluator full, IncrementalLineEvaluator incremental, boolean reflected,
                   SaliencyMethod method, RegionSelector selector, SaliencyMap observed, boolean[] observedMask) {
        this.line = line;
        this.full = full;
        this.incremental = incremental;
        this.reflected = reflected;
        this.method = method;
        this.selector = selector;
        this.observed = observed;
        this.observedMask = observedMask;
        this.height = observed.height();
        this.width = observed.width();
        this.map = LinearMap.zeros(height, width);
        this.region = RegionMask.of(height, width);
    }

    /**
     * Lets this walker rule whole segments out of the truncation set, and certify them into it when
     * {@code include} ({@link #maybeSkip}).
     *
     * @param bounds this walker's segment evaluator (made on first use)
     * @param a the input intercepts of this walker's line (CHW)
     * @param c the input slopes of this walker's line (CHW; negated for the left walker)
     * @param length the first segment's length (walker coordinates)
     * @param include whether segments may be certified into the truncation set too
     */
    void enableSkipping(Supplier<SegmentEvaluator> bounds, double[] a, double[] c, double length, boolean include) {
        this.segment = new SegmentCertifier(bounds, method, selector, observed, observedMask);
        this.lineA = a;
        this.lineC = c;
        this.outSchedule.reset(length);
        this.inSchedule = include ? new Schedule() : null;
        if (inSchedule != null) {
            inSchedule.reset(length);
        }
    }

    /**
     * Before a step: tries to certify the segment ahead out of the truncation set (after a piece outside
     * it) or into it (after a piece inside it, when enabled), each on its own {@link Schedule}: once the
     * walker has walked {@value #TRY_PIECES} pieces (so a search that ends soon never pays for a try), on
     * a segment of at least that many pieces at the density of the pieces walked so far; the length
     * doubles after a success; after a failure the first half is tried at once (bisection: bounds are
     * tighter on shorter segments), and once the segment is as short as that the walker walks it before
     * the next try, and stops trying that kind after {@value #MAX_FAILURES} such failures in a row. A
     * piece of zero width (a sliver left by rounding at a breakpoint) starts no try.
     *
     * @return whether a segment was certified (then the caller does not step; {@link #lastCertifiedIn}
     *     says which kind)
     */
    boolean maybeSkip() {
        if (segment == null || pieces < TRY_PIECES || !(lastTo > lastFrom) || done()) {
            return false;
        }
        Schedule schedule = lastMatched ? inSchedule : outSchedule;
        if (schedule == null || schedule.failures >= MAX_FAILURES || position < schedule.nextTry) {
            return false;
        }
        // the shortest segment worth a try: about TRY_PIECES pieces at the density walked so far
        double shortest = TRY_PIECES * walked / pieces;
        double length = Math.max(schedule.length, shortest);
        boolean certified = lastMatched ? tryInclude(position + length) : trySkip(position + length);
        if (certified) {
            schedule.length = 2 * length;
            schedule.failures = 0;
            return true;
        }
        if (length / 2 >= shortest && length / 2 > 64 * Math.ulp(position)) {
            // bisect: the bounds are tighter on a shorter segment; try its first half at once
            schedule.length = length / 2;
            schedule.nextTry = position;
        } else {
            schedule.length = shortest;
            schedule.nextTry = position + shortest;
            schedule.failures++;
        }
        return false;
    }

    /**
     * Tries to rule {@code [position, to]} out of the truncation set: if the saliency map's bounds over
     * the segment let the selector exclude the observed region everywhere on it, the walker moves to
     * {@code to} without walking its pieces.
     *
     * @param to the segment's far end (walker coordinates), clipped to {@link #end}
     * @return whether the segment was ruled out (and skipped)
     */
    boolean trySkip(double to) {
        double target = Math.min(to, end);
        if (!bound(target)) {
            return false;
        }
        if (!segment.excludes()) {
            return false;
        }
        skips++;
        jump(target, false);
        return true;
    }

    /**
     * Tries to certify {@code [position, to]} into the truncation set: if the method's choices hold on the
     * whole segment and the map's bounds over it let the selector select exactly the observed region, the
     * walker moves to {@code to} without walking its pieces.
     *
     * @param to the segment's far end (walker coordinates), clipped to {@link #end}
     * @return whether the segment was certified in (and skipped)
     */
    boolean tryInclude(double to) {
        double target = Math.min(to, end);
        if (!bound(target)) {
            return false;
        }
        if (!segment.includes()) {
            return false;
        }
        inclusions++;
        jump(target, true);
        return true;
    }

    /** Bounds the map over {@code [position, target]}; false if it cannot. */
    private boolean bound(double target) {
        if (segment == null || !(target > position)) {
            return false;
        }
        skipTries++;
        if (!segment.bound(lineA, lineC, position, target)) {
            if (segment.refused()) {
                segment = null; // the method cannot bound after all: walk from now on
            }
            return false;
        }
        return true;
    }

    private void jump(double target, boolean in) {
        skipFrom = position;
        lastCertifiedIn = in;
        lastFrom = position;
        lastTo = target;
        lastMatched = in;
        position = target;
        jumped = true;
    }

    /**
     * @param value where this walker stops (walker coordinates); the incremental evaluator ignores roots
     *     beyond it
     */
    void setEnd(double value) {
        end = value;
        if (incremental != null) {
            incremental.setHorizon(value);
        }
    }

    /**
     * @return what this walker found so far (its current run of matching pieces must have been added to
     *     {@link #found} by {@link #flushRun}), with its first piece as the piece at T when it
     *     {@link #startsAtT}
     */
    SegmentResult result() {
        SegmentResult.Start start = startsAtT && pieces > 0 ? new SegmentResult.Start(original(firstUpper),
                firstMatched) : null;
        return new SegmentResult(found.build(), pieces, skips, inclusions, skipTries, reflected ? start : null,
                reflected ? null : start);
    }

    /**
     * Records the last piece or certified segment ({@code last*}) in the truncation set: a matching one
     * joins the current run of adjacent matching pieces (added whole when it ends, so that the set's
     * builder grows per interval, not per piece); one of zero width changes nothing; any other ends the run.
     */
    void keepLast() {
        if (!lastMatched) {
            flushRun();
            return;
        }
        if (!(lastTo > lastFrom)) {
            return;
        }
        if (runOpen && runTo == lastFrom) {
            runTo = lastTo;
        } else {
            flushRun();
            runOpen = true;
            runFrom = lastFrom;
            runTo = lastTo;
        }
    }

    /** Adds the current run of matching pieces to the truncation set. */
    void flushRun() {
        if (runOpen) {
            double a = original(runFrom);
            double b = original(runTo);
            found.add(Math.min(a, b), Math.max(a, b));
            runOpen = false;
        }
    }

    /** Asks a walk on another thread to stop at its next step (its side failed). */
    void cancel() {
        cancelled = true;
    }

    boolean done() {
        return position >= end;
    }

    /** @return the original coordinate of a walker coordinate */
    double original(double walkerZ) {
        return reflected ? -walkerZ : walkerZ;
    }

    /**
     * Throws if the map has a non-finite intercept or slope. Their sums (four independent ones, for
     * speed) are finite unless some value is not; only then are the values checked one by one.
     */
    private void checkFinite(double z) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double[] mapP = map.p();
        double[] mapQ = map.q();
        int n = mapP.length;
        int i = 0;
        for (; i + 1 < n; i += 2) {
            s0 += mapP[i];
            s1 += mapQ[i];
            s2 += mapP[i + 1];
            s3 += mapQ[i + 1];
        }
        for (; i < n; i++) {
            s0 += mapP[i];
            s1 += mapQ[i];
        }
        if (Double.isFinite(s0 + s1 + s2 + s3)) {
            return;
        }
        for (int k = 0; k < n; k++) {
            if (!Double.isFinite(mapP[k]) || !Double.isFinite(mapQ[k])) {
                throw new NumericalBreakdownException("saliency map is not finite on the piece at z = "
                        + original(z) + " (pixel " + k + ": " + mapP[k] + " + " + mapQ[k] + " z)");
            }
        }
    }

    /** @return the incremental evaluator, or null for full passes */
    IncrementalLineEvaluator incremental() {
        return incremental;
    }

    /** @return the frontier in original coordinates */
    double frontier() {
        return original(position);
    }

    /**
     * Evaluates the piece that starts at {@link #position}, records it in {@code last*}, and moves on.
     */
    void step() {
        double z = position;
        if (incremental == null) {
            full.evaluate(z);
        } else if (pieces == 0 || jumped) {
            incremental.evaluate(z);
            jumped = false;
        } else {
            incremental.advance(z);
        }
        boolean consistent = method.lineMap(line, observed, map);
        checkFinite(z);
        selector.select(map, line, region);
        double lo = line.lower();
        double hi = line.upper();
        if (!(lo <= z && z < hi)) {
            throw new NumericalBreakdownException("linear piece [" + original(lo) + ", " + original(hi)
                    + "] does not contain z = " + original(z) + " with positive width (L >= U)");
        }
        boolean matched = consistent && region.sameAs(observedMask);
        double to = Math.min(hi, end);
        if (pieces == 0) {
            firstUpper = hi;
            firstMatched = matched;
        }
        pieces++;
        walked += to - z;
        lastFrom = z;
        lastTo = to;
        lastMatched = matched;
        position = to;
    }

    /** When a walker next tries to certify segments of one kind, and how long they are. */
    private static final class Schedule {
        /** Length of the next segment to try (walker coordinates). */
        double length;
        /** The walker tries again once its position passes this point. */
        double nextTry;
        /** Failed tries in a row. */
        int failures;

        void reset(double first) {
            length = first;
            nextTry = Double.NEGATIVE_INFINITY;
            failures = 0;
        }
    }
}
