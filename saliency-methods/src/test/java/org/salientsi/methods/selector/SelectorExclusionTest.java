package org.salientsi.methods.selector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.selection.RegionSelector;

/**
 * {@link RegionSelector#excludes} of the threshold and top-k selectors against sampling: whenever a
 * selector says that no map within per-pixel bounds selects the observed region, none of 500 maps drawn
 * within the bounds (and neither extreme map) selects it; and the selectors do exclude often enough for
 * the check to mean something.
 */
class SelectorExclusionTest {

    private static final int CASES = 400;
    private static final int DRAWS = 500;

    @Test
    void thresholdExclusionHoldsForEveryMapWithinTheBounds() {
        assertThat(check(new ThresholdSelector(0.0), 11)).isGreaterThan(CASES / 10);
    }

    @Test
    void topKExclusionHoldsForEveryMapWithinTheBounds() {
        assertThat(check(TopKSelector.of(5), 12)).isGreaterThan(CASES / 10);
        assertThat(check(TopKSelector.percentile(75), 13)).isGreaterThan(CASES / 10);
    }

    /** @return how many cases the selector excluded (each checked by sampling) */
    private static int check(RegionSelector selector, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int h = 4;
        int w = 6;
        int n = h * w;
        int excluded = 0;
        for (int c = 0; c < CASES; c++) {
            double[] lower = new double[n];
            double[] upper = new double[n];
            for (int i = 0; i < n; i++) {
                double centre = rng.nextGaussian();
                double radius = rng.nextDouble() * (c % 2 == 0 ? 0.05 : 1.0);
                lower[i] = centre - radius;
                upper[i] = centre + radius;
            }
            // the observed region: the selection of some map (within the bounds or not)
            double[] seen = new double[n];
            for (int i = 0; i < n; i++) {
                seen[i] = c % 3 == 0 ? lower[i] + rng.nextDouble() * (upper[i] - lower[i]) : rng.nextGaussian();
            }
            boolean[] observed = selector.select(new SaliencyMap(h, w, seen, 0, false)).toMask();
            if (!selector.excludes(lower, upper, h, w, observed)) {
                continue;
            }
            excluded++;
            for (int d = 0; d < DRAWS + 2; d++) {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = d == DRAWS ? lower[i] : d == DRAWS + 1 ? upper[i]
                            : lower[i] + rng.nextDouble() * (upper[i] - lower[i]);
                }
                boolean[] got = selector.select(new SaliencyMap(h, w, v, 0, false)).toMask();
                assertThat(Arrays.equals(got, observed)).as("%s, case %d, draw %d", selector.name(), c, d).isFalse();
            }
        }
        return excluded;
    }
}
