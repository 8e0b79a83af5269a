package org.salientsi.methods.validity;

import org.junit.jupiter.api.Test;
import org.salientsi.api.ir.Network;
import org.salientsi.core.testing.TestNetworks;

/**
 * Type-I error of the selective test at 16x16 on a CAM network of the paper's architecture built in
 * Java ({@link TestNetworks#paperCam} with pass-through first filters, so that the region depends on
 * the data): 300 null p-values per statistic (ref-mean, ref-abs, contrast).
 *
 * <p>Checks, with seeds fixed before the first run: for the selective and the OC p-values, the
 * rejection count at 0.05 lies in the binomial acceptance band and the KS test against uniform does
 * not reject; the naive test is inflated (rate above 0.15); the 95% selective confidence interval
 * covers the true contrast 0 at a binomial rate (ref-mean). The {@value #CHECKS} stochastic checks
 * share a family-wise level of 1% (Bonferroni: each at 0.01 / {@value #CHECKS}).
 */
class CamValidity16Test {

    private static final int TRIALS = 300;
    private static final long NETWORK_SEED = 20261124L;
    private static final long DATA_SEED = 1616L;
    private static final int CHECKS = 13;
    private static final double LEVEL = 0.01 / CHECKS;

    @Test
    void selectiveAndOcPValuesAreUniformUnderTheNullAndNaiveOnesAreNot() throws Exception {
        Network net = TestNetworks.paperCam(16, NETWORK_SEED, true);
        System.out.print(NullStudy.assertCamNullStudiesValid(net, TRIALS, DATA_SEED, LEVEL));
    }
}
