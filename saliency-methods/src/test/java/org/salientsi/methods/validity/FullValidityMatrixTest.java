package org.salientsi.methods.validity;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.salientsi.api.ir.Network;
import org.salientsi.core.testing.TestNetworks;

/**
 * The full validity matrix, behind the Maven profile {@code -Pvalidity} (tag {@code validity}): every
 * piecewise-linear method (SmoothGrad and integrated gradients with {@code m} = 4 and 16) times every
 * selector (threshold, min-max, top-k, percentile, smoothing + threshold), {@value #TRIALS} null
 * p-values each with the ref-mean statistic, at 8x8 on the paper's architecture with pass-through
 * filters. Checks, with seeds fixed before the first run, each at 0.01 / {@value #CHECKS} (Bonferroni):
 * selective and OC rejection counts at 0.05 in the binomial band and KS p-values above the level. The
 * naive rates are reported (target/validity/full-matrix-8px.md), not checked: some of these regions are
 * fixed or sign-balanced, where the naive test is not inflated.
 */
@Tag("validity")
class FullValidityMatrixTest {

    private static final int TRIALS = 500;
    private static final long NETWORK_SEED = 20261126L;
    private static final long DATA_SEED = 50_000L;
    /** Methods with their options and the threshold that suits their scale (0 for signed maps). */
    private static final String[][] METHODS = {
        {"cam", "0"}, {"gradcam", "0.001"}, {"gradient", "0.001"}, {"signed-gradient", "0.001"},
        {"grad-x-input", "0"}, {"smoothgrad", "0.001", "4"}, {"smoothgrad", "0.001", "16"},
        {"integrated-gradients", "0", "4"}, {"integrated-gradients", "0", "16"}};
    private static final int CONFIGS = 9 * 5;
    private static final int CHECKS = 4 * CONFIGS;
    private static final double LEVEL = 0.01 / CHECKS;

    @Test
    void everyMethodWithEverySelectorHasValidSelectiveAndOcPValues() throws Exception {
        Network net = TestNetworks.paperCam(8, NETWORK_SEED, true);
        List<MethodStudy.Config> configs = new ArrayList<>();
        for (String[] m : METHODS) {
            String[] options = m.length < 3 ? new String[0] : m[0].equals("smoothgrad")
                    ? new String[] {"m", m[2], "noise", "0.5"} : new String[] {"m", m[2]};
            for (String selector : new String[] {"threshold:" + m[1], "minmax:0.75", "top-k:8", "percentile:75",
                "smooth:1+threshold:" + m[1]}) {
                configs.add(MethodStudy.Config.of(m[0], selector, "ref-mean", options));
            }
        }
        List<Callable<NullStudy.Outcome>> studies = new ArrayList<>();
        for (int k = 0; k < configs.size(); k++) {
            MethodStudy.Config c = configs.get(k);
            long seed = DATA_SEED + k;
            studies.add(() -> NullStudy.run(c.selection(net), TRIALS, seed, false, null));
        }
        List<NullStudy.Outcome> outcomes = NullStudy.runAll(studies);
        StringBuilder table = new StringBuilder(MethodStudy.nullHeader()).append('\n');
        List<AssertionError> failures = new ArrayList<>();
        for (int k = 0; k < configs.size(); k++) {
            try {
                table.append(MethodStudy.assertValidNullStudy(configs.get(k), outcomes.get(k), TRIALS, LEVEL, false))
                        .append('\n');
            } catch (AssertionError e) {
                table.append("| ").append(configs.get(k).label()).append(" | FAILED: ").append(e.getMessage()
                        .replace('\n', ' ')).append(" |\n");
                failures.add(e);
            }
        }
        MethodStudy.report("full-matrix-8px.md", table.toString());
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }
}
