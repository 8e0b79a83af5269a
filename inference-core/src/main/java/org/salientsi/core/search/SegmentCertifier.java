package org.salientsi.core.search;

import java.util.function.Supplier;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.selection.RegionSelector;
import org.salientsi.core.eval.SegmentEvaluator;

/**
 * The one place that decides whether a whole segment {@code [from, to]} of the test line lies outside the
 * truncation set, inside it, or neither as far as bounds can tell: the network is bounded over the segment
 * ({@link SegmentEvaluator}), the saliency method maps those bounds to per-pixel bounds of its map
 * ({@link SaliencyMethod#mapBounds}), and the selector decides from them ({@link RegionSelector#excludes},
 * and with the method's own choices ({@link SaliencyMethod#choicesHold}), {@link RegionSelector#includes}).
 * Map bounds that are not finite decide nothing (a segment is never certified on NaN or infinity). Used by
 * the walkers of the exact search to skip segments and by the {@link CertifiedSearch}. Not thread-safe (one
 * per walker or search); the map's bound buffers are allocated once.
 */
final class SegmentCertifier {

    /** What the bounds over a segment prove. */
    enum Verdict {
        /** Every point of the segment selects another region: outside the truncation set. */
        OUT,
        /** Every point selects exactly the observed region and the method's choices hold: inside it. */
        IN,
        /** Neither is proven (or the bounds could not be computed). */
        UNDECIDED
    }

    private final Supplier<SegmentEvaluator> segment;
    private final SaliencyMethod method;
    private final RegionSelector selector;
    private final SaliencyMap observed;
    private final boolean[] observedMask;
    private final int height;
    private final int width;
    private double[] mapLower;
    private double[] mapUpper;
    private boolean refused;

    /**
     * @param segment the segment evaluator (made on first use)
     * @param method the saliency method
     * @param selector the region selector
     * @param observed the observed saliency map
     * @param observedMask the observed region (row-major)
     */
    SegmentCertifier(Supplier<SegmentEvaluator> segment, SaliencyMethod method, RegionSelector selector,
                     SaliencyMap observed, boolean[] observedMask) {
        this.segment = segment;
        this.method = method;
        this.selector = selector;
        this.observed = observed;
        this.observedMask = observedMask;
        this.height = observed.height();
        this.width = observed.width();
    }

    /**
     * Bounds the map over {@code [from, to]} of the line {@code a + c z}.
     *
     * @param a input intercepts (CHW)
     * @param c input slopes (CHW)
     * @param from the segment's left end, finite
     * @param to its right end, finite and {@code > from}
     * @return whether the map is bounded (finite bounds); false when the method cannot bound
     *     ({@link #refused()} then says so) or a bound is not finite
     */
    boolean bound(double[] a, double[] c, double from, double to) {
        if (mapLower == null) {
            mapLower = new double[height * width];
            mapUpper = new double[height * width];
        }
        SegmentEvaluator bounds = segment.get();
        bounds.setLine(a, c);
        bounds.bound(from, to);
        if (!method.mapBounds(bounds, observed, mapLower, mapUpper)) {
            refused = true;
            return false;
        }
        return finite(mapLower) && finite(mapUpper);
    }

    /** @return whether the method answered once that it cannot bound its map (then it never will) */
    boolean refused() {
        return refused;
    }

    /** @return after a successful {@link #bound}: whether the segment lies outside the truncation set */
    boolean excludes() {
        return selector.excludes(mapLower, mapUpper, height, width, observedMask);
    }

    /** @return after a successful {@link #bound}: whether the segment lies inside the truncation set */
    boolean includes() {
        return method.choicesHold(segment.get(), observed)
                && selector.includes(mapLower, mapUpper, height, width, observedMask);
    }

    /**
     * @param a input intercepts (CHW)
     * @param c input slopes (CHW)
     * @param from the segment's left end, finite
     * @param to its right end, finite and {@code > from}
     * @return what bounds over the segment prove
     */
    Verdict classify(double[] a, double[] c, double from, double to) {
        if (!bound(a, c, from, to)) {
            return Verdict.UNDECIDED;
        }
        if (excludes()) {
            return Verdict.OUT;
        }
        return includes() ? Verdict.IN : Verdict.UNDECIDED;
    }

    /** @return whether every value is finite (v * 0 is NaN exactly for NaN and infinities; one pass, no branch) */
    private static boolean finite(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v * 0;
        }
        return s == 0;
    }
}
