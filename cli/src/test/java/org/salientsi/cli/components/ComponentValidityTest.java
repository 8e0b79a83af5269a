package org.salientsi.cli.components;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;
import org.salientsi.core.region.ComponentSplit;
import org.salientsi.validation.summary.PValueAccumulator;
import org.salientsi.validation.summary.PValueStats;

/**
 * Validity of the per-component tests under the null on the paper's trained 8x8 model (DL4J backend): CAM with
 * {@value #SELECTOR} (a min-max normalised threshold: its region has two or more components in about 45% of null draws), 4-connectivity,
 * {@code ref-mean} against a fresh N(0, 1) reference, sigma 1; {@value #IMAGES} null images with a tested region.
 * Checked on one component per image drawn uniformly by an independent generator (so the p-values are independent
 * across images): the rejection count at 0.05 lies in the Binomial(n, 0.05) acceptance band and the KS test against
 * U(0, 1) does not reject, at a 1% family-wise level (two checks). Reported too, without a check since the
 * components of one image are dependent: the rate and KS p of every component pooled, and the share of images with
 * two or more components. Seeds fixed before the first run.
 */
class ComponentValidityTest {

    static final String SELECTOR = "minmax:0.7";
    private static final int IMAGES = 500;
    private static final long SEED = 20_261_207L;
    private static final double LEVEL = 0.01 / 2;

    @Test
    void eachComponentsPValueIsUniformUnderTheNull() throws Exception {
        SplittableRandom data = new SplittableRandom(SEED);
        SplittableRandom pick = new SplittableRandom(SEED + 1);
        PValueAccumulator one = new PValueAccumulator(0.05);
        PValueAccumulator pooled = new PValueAccumulator(0.05);
        int several = 0;
        int images = 0;
        long start = System.nanoTime();
        try (ComponentStudy study = new ComponentStudy(8, SELECTOR, new ComponentSplit(4, 1))) {
            while (images < IMAGES) {
                List<ComponentStudy.Tested> parts = study.draw(data, List.of(), 0);
                if (parts.isEmpty()) {
                    continue; // no region: redrawn, as the paper does
                }
                images++;
                several += parts.size() > 1 ? 1 : 0;
                one.add(parts.get(pick.nextInt(parts.size())).p());
                parts.forEach(t -> pooled.add(t.p()));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        PValueStats sel = one.snapshot();
        PValueStats all = pooled.snapshot();
        double[] ci = sel.rateInterval(0.95);
        double[] allCi = all.rateInterval(0.95);
        System.out.printf(Locale.ROOT, "components, paper 8px, cam %s, 4-connected, ref-mean: %d null images "
                        + "(%d with 2+ components), %.1f s; one component per image: FPR %.4f [%.4f, %.4f] KS p %.3f; "
                        + "all %d components pooled: FPR %.4f [%.4f, %.4f] KS p %.3f%n", SELECTOR, images, several,
                seconds, sel.rejectionRate(), ci[0], ci[1], sel.ksP(), all.count(), all.rejectionRate(), allCi[0],
                allCi[1], all.ksP());
        BinomialDistribution null05 = new BinomialDistribution(null, IMAGES, 0.05);
        long lo = null05.inverseCumulativeProbability(LEVEL / 2);
        long hi = null05.inverseCumulativeProbability(1 - LEVEL / 2);
        assertThat(sel.rejections()).as("rejections at 0.05 of one component per image").isBetween(lo, hi);
        assertThat(sel.ksP()).as("KS p of one component per image").isGreaterThan(LEVEL);
        assertThat(several).as("images whose region has two or more components").isGreaterThanOrEqualTo(IMAGES / 10);
    }
}
