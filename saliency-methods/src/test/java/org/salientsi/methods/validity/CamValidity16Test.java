package org.salientsi.methods.validity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.salientsi.api.ir.Network;
import org.salientsi.core.statistic.InImageContrastStatistic;
import org.salientsi.core.statistic.ReferenceAbsStatistic;
import org.salientsi.core.statistic.ReferenceMeanStatistic;
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
        List<Callable<NullStudy.Outcome>> studies = List.of(
                () -> NullStudy.run(net, new ReferenceMeanStatistic(), TRIALS, DATA_SEED, true),
                () -> NullStudy.run(net, new ReferenceAbsStatistic(), TRIALS, DATA_SEED + 1, false),
                () -> NullStudy.run(net, new InImageContrastStatistic(), TRIALS, DATA_SEED + 2, false));
        List<NullStudy.Outcome> outcomes = NullStudy.runAll(studies);
        int[] band = NullStudy.binomialBand(TRIALS, 0.05, LEVEL);
        StringBuilder report = new StringBuilder();
        for (NullStudy.Outcome o : outcomes) {
            int sel = o.rejections(o.selective(), 0.05);
            int oc = o.rejections(o.oc(), 0.05);
            int naive = o.rejections(o.naive(), 0.05);
            double ksSel = o.ks(o.selective());
            double ksOc = o.ks(o.oc());
            report.append(String.format(java.util.Locale.ROOT,
                    "%dpx %s: selective FPR %.4f (KS p %.3f), OC %.4f (KS p %.3f), naive %.4f, redrawn %d, "
                            + "pieces/p %.1f%s%n", 16, o.statistic(), sel / (double) TRIALS, ksSel,
                    oc / (double) TRIALS, ksOc, naive / (double) TRIALS, o.redrawn(), o.pieces() / (double) TRIALS,
                    o.ciTrials() > 0 ? String.format(java.util.Locale.ROOT, ", CI coverage %.4f",
                            o.ciCovers() / (double) o.ciTrials()) : ""));
            assertThat(sel).as("%s selective rejections (band %s)", o.statistic(), java.util.Arrays.toString(band))
                    .isBetween(band[0], band[1]);
            assertThat(ksSel).as("%s selective KS p", o.statistic()).isGreaterThan(LEVEL);
            assertThat(oc).as("%s OC rejections", o.statistic()).isBetween(band[0], band[1]);
            assertThat(ksOc).as("%s OC KS p", o.statistic()).isGreaterThan(LEVEL);
            assertThat(naive / (double) TRIALS).as("%s naive rejection rate", o.statistic()).isGreaterThan(0.15);
            if (o.ciTrials() > 0) {
                int[] coverBand = NullStudy.binomialBand(o.ciTrials(), 0.95, LEVEL);
                assertThat(o.ciCovers()).as("CI coverage").isBetween(coverBand[0], coverBand[1]);
            }
        }
        System.out.print(report);
    }
}
