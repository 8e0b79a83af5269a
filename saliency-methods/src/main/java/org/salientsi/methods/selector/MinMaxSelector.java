package org.salientsi.methods.selector;

import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.eval.Decisions;
import org.salientsi.api.image.Region;
import org.salientsi.api.saliency.LinearMap;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.selection.RegionMask;
import org.salientsi.api.selection.RegionSelector;
import org.salientsi.api.selection.RegionSelectorProvider;

/**
 * Selects the pixels whose min-max normalised saliency is at least a threshold,
 * \( O = \{ i : (S_i - \min S) / (\max S - \min S) \ge \tau \} \), evaluated without the division as
 * \( (S_i - \min S) - \tau (\max S - \min S) \ge 0 \) (so a constant map selects every pixel).
 *
 * <p>On a linear piece the arg-max and the arg-min of the map are decisions
 * ({@link Piece#argmax}, ties to the lower index), after which each pixel's comparison is a
 * linear one, \( (p_i - p_{\min}) - \tau (p_{\max} - p_{\min}) + [\dots] z \), with its own root.
 */
public final class MinMaxSelector implements RegionSelector {

    /** The selector's name. */
    public static final String NAME = "minmax";

    private final double threshold;

    /**
     * @param threshold \( \tau \), finite
     */
    public MinMaxSelector(double threshold) {
        if (!Double.isFinite(threshold)) {
            throw new InvalidInputException("selector minmax needs a finite threshold, got " + threshold);
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
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        boolean[] mask = new boolean[v.length];
        for (int i = 0; i < v.length; i++) {
            mask[i] = (v[i] - min) - threshold * (max - min) >= 0;
        }
        return Region.of(map.height(), map.width(), mask);
    }

    @Override
    public void select(LinearMap map, Decisions line, RegionMask out) {
        double[] p = map.p();
        double[] q = map.q();
        int n = map.size();
        SelectorScratch s = SelectorScratch.get();
        double[] np = s.doubles(0, n);
        double[] nq = s.doubles(1, n);
        for (int i = 0; i < n; i++) {
            np[i] = -p[i];
            nq[i] = -q[i];
        }
        int hi = line.argmax(p, q, 0, n, 1);
        int lo = line.argmax(np, nq, 0, n, 1);
        double rangeP = p[hi] - p[lo];
        double rangeQ = q[hi] - q[lo];
        for (int i = 0; i < n; i++) {
            out.set(i, line.positive((p[i] - p[lo]) - threshold * rangeP, (q[i] - q[lo]) - threshold * rangeQ));
        }
    }

    /** Provides {@link MinMaxSelector}: {@code minmax:T}, T = 0.5 by default. */
    public static final class Provider implements RegionSelectorProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "minmax:T selects the pixels whose min-max normalised saliency is >= T (default 0.5)";
        }

        @Override
        public int rank() {
            return 20;
        }

        @Override
        public RegionSelector create(String argument) {
            return new MinMaxSelector(Specs.number(NAME, argument, 0.5));
        }
    }
}
