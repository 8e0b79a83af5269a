package org.salientsi.core.search;

import java.util.Arrays;
import org.salientsi.api.error.NumericalBreakdownException;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.selection.RegionSelector;
import org.salientsi.api.eval.LineEvaluation;
import org.salientsi.core.eval.IncrementalLineEvaluator;
import org.salientsi.core.eval.LineEvaluator;

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
        } else if (pieces == 0) {
            incremental.evaluate(z);
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
