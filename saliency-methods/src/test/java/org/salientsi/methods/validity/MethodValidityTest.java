package org.salientsi.methods.validity;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.salientsi.api.ir.Network;
import org.salientsi.core.testing.TestNetworks;

/**
 * Type-I error of the selective test for every saliency method with one selector each, at 8x8 on the
 * paper's CAM architecture with pass-through first filters ({@link TestNetworks#paperCam}, so that the
 * map and the region depend strongly on the data): {@value #TRIALS} null p-values per configuration,
 * SmoothGrad and integrated gradients with {@code m = 4}.
 *
 * <p>Checks, with seeds fixed before the first run, each at 0.01 / {@value #CHECKS} (Bonferroni over the
 * class): selective and OC rejection counts at 0.05 in the binomial acceptance band, KS p-values against
 * uniform above the level, and the naive rejection count above the band: every configuration selects on
 * the data in a way that biases its statistic (regions of large positive CAM, Grad-CAM, gradient x input
 * or integrated gradients for ref-mean; the sign-agnostic gradient maps with ref-abs, whose signs are part
 * of the selection; a smoothed CAM region against its background for contrast).
 */
class MethodValidityTest {

    private static final int TRIALS = 200;
    private static final long NETWORK_SEED = 20261125L;
    private static final long DATA_SEED = 909L;
    private static final List<MethodStudy.Config> CONFIGS = List.of(
            MethodStudy.Config.of("gradcam", "top-k:8", "ref-mean"),
            MethodStudy.Config.of("gradient", "percentile:75", "ref-abs"),
            MethodStudy.Config.of("signed-gradient", "threshold:0.001", "ref-abs"),
            MethodStudy.Config.of("grad-x-input", "top-k:8", "ref-mean"),
            MethodStudy.Config.of("smoothgrad", "smooth:1+top-k:8", "ref-abs", "m", "4", "noise", "0.5"),
            MethodStudy.Config.of("integrated-gradients", "minmax:0.75", "ref-mean", "m", "4"),
            MethodStudy.Config.of("cam", "smooth:1+threshold:0", "contrast"));
    private static final int CHECKS = 5 * 7;
    private static final double LEVEL = 0.01 / CHECKS;

    @Test
    void everyMethodHasValidSelectiveAndOcPValuesAndAnInflatedNaiveTest() throws Exception {
        Network net = TestNetworks.paperCam(8, NETWORK_SEED, true);
        List<Callable<NullStudy.Outcome>> studies = new ArrayList<>();
        for (int k = 0; k < CONFIGS.size(); k++) {
            MethodStudy.Config c = CONFIGS.get(k);
            long seed = DATA_SEED + k;
            studies.add(() -> NullStudy.run(c.selection(net), TRIALS, seed, false, null));
        }
        List<NullStudy.Outcome> outcomes = NullStudy.runAll(studies);
        StringBuilder table = new StringBuilder(MethodStudy.nullHeader()).append('\n');
        List<String> rows = new ArrayList<>();
        for (int k = 0; k < CONFIGS.size(); k++) {
            rows.add(MethodStudy.assertValidNullStudy(CONFIGS.get(k), outcomes.get(k), TRIALS, LEVEL, true));
        }
        rows.forEach(r -> table.append(r).append('\n'));
        MethodStudy.report("method-validity-8px.md", table.toString());
    }
}
