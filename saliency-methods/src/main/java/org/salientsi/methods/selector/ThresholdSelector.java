package org.salientsi.methods.selector;

import java.util.Set;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.eval.Decisions;
import org.salientsi.api.image.Region;
import org.salientsi.api.saliency.LinearMap;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.selection.RegionMask;
import org.salientsi.api.selection.RegionSelector;
import org.salientsi.api.selection.RegionSelectorProvider;
import org.salientsi.api.spi.Capabilities;

/**
 * Selects the pixels whose saliency is at least a threshold, \( O = \{ i : S_i \ge \tau \} \) (the
 * paper: CAM with \( \tau = 0 \)). On a linear piece each pixel's comparison is a decision with root
 * \( (\tau - p_i)/q_i \).
 */
public final class ThresholdSelector implements RegionSelector {

    /** The selector's name. */
    public static final String NAME = "threshold";

    /** Relative margin of {@link #excludes} against rounding. */
    private static final double MARGIN = 1e-9;

    private final double threshold;

    /**
     * @param threshold \( \tau \), finite
     */
    public ThresholdSelector(double threshold) {
        if (!Double.isFinite(threshold)) {
            throw new InvalidInputException("selector threshold needs a finite value, got " + threshold);
        }
        this.threshold = threshold;
    }

    @Override
    public String name() {
        return NAME + ":" + Specs.format(threshold);
    }

    @Override
    public Region select(SaliencyMap map) {
        double[] v = map.values();
        boolean[] mask = new boolean[v.length];
        for (int i = 0; i < v.length; i++) {
            mask[i] = v[i] >= threshold;
        }
        return Region.of(map.height(), map.width(), mask);
    }

    @Override
    public void select(LinearMap map, Decisions decisions, RegionMask out) {
        double[] p = map.p();
        double[] q = map.q();
        int n = map.size();
        for (int i = 0; i < n; i++) {
            out.set(i, decisions.positive(p[i] - threshold, q[i]));
        }
    }

    @Override
    public Set<String> capabilities() {
        return Set.of(Capabilities.EXCLUDES_REGIONS, Capabilities.INCLUDES_REGIONS);
    }

    /**
     * True when some pixel of the observed region stays below the threshold, or some pixel outside it
     * stays above, by more than a margin of {@code 1e-9 (1 + |bounds|)} that absorbs rounding.
     */
    @Override
    public boolean excludes(double[] lower, double[] upper, int height, int width, boolean[] observed) {
        int n = height * width;
        for (int i = 0; i < n; i++) {
            double margin = MARGIN * (1 + Math.abs(lower[i]) + Math.abs(upper[i]) + Math.abs(threshold));
            if (observed[i] ? upper[i] < threshold - margin : lower[i] > threshold + margin) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when every pixel of the observed region surely stays at or above the threshold and every other
     * pixel surely below it, by the margin of {@link #excludes}.
     */
    @Override
    public boolean includes(double[] lower, double[] upper, int height, int width, boolean[] observed) {
        int n = height * width;
        for (int i = 0; i < n; i++) {
            double margin = MARGIN * (1 + Math.abs(lower[i]) + Math.abs(upper[i]) + Math.abs(threshold));
            if (observed[i] ? !(lower[i] > threshold + margin) : !(upper[i] < threshold - margin)) {
                return false;
            }
        }
        return true;
    }

    /** Provides {@link ThresholdSelector}: {@code threshold:T}, T = 0 by default. */
    public static final class Provider implements RegionSelectorProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "threshold:T selects the pixels whose saliency is >= T (default 0, the paper's choice)";
        }

        @Override
        public int rank() {
            return 10;
        }

        @Override
        public RegionSelector create(String argument) {
            return new ThresholdSelector(Specs.number(NAME, argument, 0));
        }
    }
}
