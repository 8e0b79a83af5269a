package org.salientsi.methods.validity;

import org.junit.jupiter.api.Test;
import org.salientsi.api.ir.Network;
import org.salientsi.core.testing.TestNetworks;

/**
 * Type-I error of the chi tests at 8x8 ({@link ChiStudy}): 1000 null p-values per chi statistic on the
 * pass-through CAM network. The {@value #CHECKS} checks share a family-wise level of 1% (each at 0.01 /
 * {@value #CHECKS}). The table goes to {@code target/validity/chi-8px.md}.
 */
class ChiValidity8Test {

    private static final int TRIALS = 1000;
    private static final int CHECKS = 8;

    @Test
    void chiPValuesAreUniformUnderTheNull() throws Exception {
        Network net = TestNetworks.paperCam(8, 20261123L, true);
        MethodStudy.report("chi-8px.md", ChiStudy.header()
                + ChiStudy.assertChiNullStudiesValid(net, TRIALS, 8123L, 0.01 / CHECKS));
    }
}
