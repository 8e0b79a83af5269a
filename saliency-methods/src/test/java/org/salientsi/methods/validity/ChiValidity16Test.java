package org.salientsi.methods.validity;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.salientsi.api.ir.Network;
import org.salientsi.core.testing.TestNetworks;

/**
 * Type-I error of the chi tests at 16x16 ({@link ChiStudy}), with the validity profile
 * ({@code mvn -B -o -pl saliency-methods -am -Pvalidity verify -Dtest=ChiValidity16Test
 * -Dsurefire.failIfNoSpecifiedTests=false}): 1000 null p-values per chi statistic; the table goes to
 * {@code target/validity/chi-16px.md}.
 */
@Tag("validity")
class ChiValidity16Test {

    private static final int TRIALS = 1000;
    private static final int CHECKS = 8;

    @Test
    void chiPValuesAreUniformUnderTheNull() throws Exception {
        Network net = TestNetworks.paperCam(16, 20261124L, true);
        MethodStudy.report("chi-16px.md", ChiStudy.header()
                + ChiStudy.assertChiNullStudiesValid(net, TRIALS, 16123L, 0.01 / CHECKS));
    }
}
