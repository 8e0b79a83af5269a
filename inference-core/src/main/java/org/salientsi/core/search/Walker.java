package org.salientsi.core.search;

import java.util.Arrays;
import org.salientsi.api.error.NumericalBreakdownException;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.selection.RegionSelector;
import org.salientsi.core.eval.LineEvaluator;

/**
 * Walks the test line from the observed statistic towards one end, one linear piece at a time. The left
 * walker walks right on the reflected line (input slope negated), so that both use the same
 * right-continuous decision rule; {@link #original} maps its coordinates back.
 */
final class Walker {

    private final LineEvaluator line;
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
    /** Where this walker stops (walker coordinates). */
    double end;
    /** Upper end of the first piece (walker coordinates), unclipped: the OC interval's end on this side. */
    double firstUpper = Double.NaN;
    /** Whether the first piece matched the observed selection. */
    boolean firstMatched;
    /** Pieces evaluated. */
    long pieces;

    /** Start and end (walker coordinates) of the last piece, and whether it matched. */
    double lastFrom;
    double lastTo;
    boolean lastMatched;

    Walker(LineEvaluator line, boolean reflected, SaliencyMethod method, RegionSelector selector,
           SaliencyMap observed, boolean[] observedMask) {
        this.line = line;
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

    boolean done() {
        return position >= end;
    }

    /** @return the original coordinate of a walker coordinate */
    double original(double walkerZ) {
        return reflected ? -walkerZ : walkerZ;
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
        line.evaluate(z);
        boolean consistent = method.lineMap(line, observed, mapP, mapQ);
        for (int i = 0; i < mapP.length; i++) {
            if (!Double.isFinite(mapP[i]) || !Double.isFinite(mapQ[i])) {
                throw new NumericalBreakdownException("saliency map is not finite on the piece at z = "
                        + original(z) + " (pixel " + i + ": " + mapP[i] + " + " + mapQ[i] + " z)");
            }
        }
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
