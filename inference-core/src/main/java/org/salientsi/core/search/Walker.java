package org.salientsi.core.search;

import java.util.Arrays;
import java.util.function.Supplier;
import org.salientsi.api.error.NumericalBreakdownException;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.selection.RegionSelector;
import org.salientsi.api.eval.LineEvaluation;
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
    private final double[] mapP;
    private final double[] mapQ;
    private final boolean[] region;
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

    /** The current run of adjacent matching pieces (walker coordinates), not yet in the truncation set. */
    boolean runOpen;
    double runFrom;
    double runTo;

    /** Start and end (walker coordinates) of the last piece, and whether it matched. */
    double lastFrom;
    double lastTo;
    boolean lastMatched;

    /** Bounds over segments (made on first use, shared by both walkers), or null when not skipping. */
    private Supplier<SegmentEvaluator> segment;
    /** This walker's line (walker coordinates), set into the shared evaluator before each try. */
    private double[] lineA;
    private double[] lineC;
    private double[] mapLower;
    private double[] mapUpper;
    /** Whether the next piece needs a full pass (after a skip, the incremental state is behind). */
    private boolean jumped;
    /** Segments ruled out of the truncation set. */
    long skips;
    /** Segments tried (ruled out or not). */
    long skipTries;
    /** Where the last skipped segment began (walker coordinates). */
    double skipFrom;
    /** Length of the next segment to try (walker coordinates). */
    private double skipLength;
    /** The walker tries again once its position passes this point. */
    private double nextTry;
    /** Failed tries in a row. */
    private int failures;
    /** Where this walker started (walker coordinates). */
    private double start;

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
        this.mapP = new double[height * width];
        this.mapQ = new double[height * width];
        this.region = new boolean[height * width];
    }

    /**
     * Lets this walker rule whole segments out of the truncation set ({@link #trySkip}).
     *
     * @param bounds the segment evaluator (made on first use, shared)
     * @param a the input intercepts of this walker's line (CHW)
     * @param c the input slopes of this walker's line (CHW; negated for the left walker)
     * @param length the first segment's length (walker coordinates)
     */
    void enableSkipping(Supplier<SegmentEvaluator> bounds, double[] a, double[] c, double length) {
        this.segment = bounds;
        this.lineA = a;
        this.lineC = c;
        this.skipLength = length;
        this.nextTry = Double.NEGATIVE_INFINITY;
        this.start = position;
    }

    /**
     * Before a step outside the truncation set (the last piece did not match and had a positive width, so
     * it is not a sliver left by rounding at a breakpoint): tries to rule out the segment ahead, once the
     * walker has walked {@value #TRY_PIECES} pieces (so a search that ends soon never pays for a try), on
     * a segment of at least that many pieces at the walker's density so far; doubles the length after a
     * success; after a failure walks a quarter of the length before trying a quarter as long, and stops
     * trying after {@value #MAX_FAILURES} failures in a row.
     *
     * @return whether a segment was skipped (then the caller does not step)
     */
    boolean maybeSkip() {
        if (segment == null || pieces < TRY_PIECES || lastMatched || !(lastTo > lastFrom) || position < nextTry
                || done()) {
            return false;
        }
        double width = (position - start) / pieces;
        double length = Math.max(skipLength, TRY_PIECES * width);
        if (trySkip(position + length)) {
            skipLength = 2 * length;
            failures = 0;
            return true;
        }
        skipLength = length / 4;
        nextTry = position + skipLength;
        if (++failures >= MAX_FAILURES) {
            segment = null;
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
        if (segment == null || !(target > position)) {
            return false;
        }
        skipTries++;
        if (mapLower == null) {
            mapLower = new double[height * width];
            mapUpper = new double[height * width];
        }
        SegmentEvaluator bounds = segment.get();
        bounds.setLine(lineA, lineC);
        bounds.bound(position, target);
        if (!method.mapBounds(bounds, observed, mapLower, mapUpper)) {
            segment = null; // the method cannot bound after all: walk from now on
            return false;
        }
        if (!selector.excludes(mapLower, mapUpper, height, width, observedMask)) {
            return false;
        }
        skips++;
        skipFrom = position;
        position = target;
        jumped = true;
        return true;
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
        boolean consistent = method.lineMap(line, observed, mapP, mapQ);
        checkFinite(z);
        selector.select(line, mapP, mapQ, height, width, region);
        double lo = line.lower();
        double hi = line.upper();
        if (!(lo <= z && z < hi)) {
            throw new NumericalBreakdownException("linear piece [" + original(lo) + ", " + original(hi)
                    + "] does not contain z = " + original(z) + " with positive width (L >= U)");
        }
        boolean matched = consistent && Arrays.equals(region, observedMask);
        double to = Math.min(hi, end);
        if (pieces == 0) {
            firstUpper = hi;
            firstMatched = matched;
        }
        pieces++;
        lastFrom = z;
        lastTo = to;
        lastMatched = matched;
        position = to;
    }
}
