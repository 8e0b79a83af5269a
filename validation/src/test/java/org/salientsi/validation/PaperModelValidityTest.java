package org.salientsi.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;
import org.salientsi.api.result.Alternative;
import org.salientsi.validation.executor.LocalTrialExecutor;
import org.salientsi.validation.executor.TrialExecutor;
import org.salientsi.validation.generate.ShiftedBlock;
import org.salientsi.validation.run.StudyListener;
import org.salientsi.validation.run.StudyOutcome;
import org.salientsi.validation.run.StudyRunner;
import org.salientsi.validation.study.Study;
import org.salientsi.validation.summary.PValueStats;

/**
 * Validity and power of the selective test on the paper's trained models (DL4J backend), through the
 * study code: CAM, threshold 0, one reference, sigma 1, two-sided.
 *
 * <p>Null studies of {@value #TRIALS_8} p-values at 8x8 and {@value #TRIALS_16} at 16x16 for each of
 * ref-mean, ref-abs and contrast (draws with an empty region are redrawn): the selective and the OC
 * rejection counts at 0.05 lie in the Binomial(n, 0.05) acceptance band and their KS tests against
 * U(0, 1) do not reject; these {@value #CHECKS} checks share a family-wise level of 1% (Bonferroni).
 * The naive test is inflated above 0.15 at 16x16 (at 8x8 the correct naive variance
 * {@code 2 sigma^2 / |O|} gives about 0.09; the paper's code reports 0.24 with {@code sigma^2 / |O|}).
 * Power: {@value #POWER_TRIALS} signal images at 16x16 with an 8x8 block shifted by 3, ref-mean with the
 * paper's p-value form ({@code abs}): selective rejection rate at least 0.75 (the paper reports 0.85).
 * Seeds fixed before the first run.
 */
class PaperModelValidityTest {

    private static final int TRIALS_8 = 1000;
    private static final int TRIALS_16 = 300;
    private static final int POWER_TRIALS = 200;
    private static final long SEED_8 = 20_260_110L;
    private static final long SEED_16 = 20_260_116L;
    private static final long POWER_SEED = 20_260_301L;
    private static final String[] STATISTICS = {"ref-mean", "ref-abs", "contrast"};
    private static final int CHECKS = 2 * STATISTICS.length * 4;
    private static final double LEVEL = 0.01 / CHECKS;

    @Test
    void selectiveAndOcPValuesAreUniformUnderTheNullOnThePapersModels() {
        List<String> report = new ArrayList<>();
        try (TrialExecutor pool = new LocalTrialExecutor(2)) {
            for (int size : new int[] {8, 16}) {
                int trials = size == 8 ? TRIALS_8 : TRIALS_16;
                BinomialDistribution null05 = new BinomialDistribution(null, trials, 0.05);
                long lo = null05.inverseCumulativeProbability(LEVEL / 2);
                long hi = null05.inverseCumulativeProbability(1 - LEVEL / 2);
                for (String statistic : STATISTICS) {
                    Study study = Study.of(PaperModels.source(size)).withStatistic(statistic).withTrials(trials)
                            .withSeed(size == 8 ? SEED_8 : SEED_16);
                    StudyOutcome outcome = StudyRunner.run(study, pool, null, StudyListener.NONE);
                    PValueStats sel = outcome.stats().selective();
                    PValueStats oc = outcome.stats().oc();
                    PValueStats naive = outcome.stats().naive();
                    report.add(String.format(Locale.ROOT, "paper %dpx %s, %d null trials: selective %.4f (KS p %.3f),"
                                    + " OC %.4f (KS p %.3f), naive %.4f, band [%d, %d], empty draws %d", size,
                            statistic, trials, sel.rejectionRate(), sel.ksP(), oc.rejectionRate(), oc.ksP(),
                            naive.rejectionRate(), lo, hi, outcome.stats().emptyDraws()));
                    assertThat(sel.rejections()).as("%dpx %s selective rejections", size, statistic)
                            .isBetween(lo, hi);
                    assertThat(sel.ksP()).as("%dpx %s selective KS p", size, statistic).isGreaterThan(LEVEL);
                    assertThat(oc.rejections()).as("%dpx %s OC rejections", size, statistic).isBetween(lo, hi);
                    assertThat(oc.ksP()).as("%dpx %s OC KS p", size, statistic).isGreaterThan(LEVEL);
                    if (size == 16) {
                        assertThat(naive.rejectionRate()).as("16px %s naive rate", statistic).isGreaterThan(0.15);
                    }
                }
            }
        }
        report.forEach(System.out::println);
    }

    @Test
    void theSelectiveTestFindsTheSignalBlockAt16px() {
        Study study = Study.of(PaperModels.source(16)).withGenerator(new ShiftedBlock(3))
                .withAlternative(Alternative.ABS).withTrials(POWER_TRIALS).withSeed(POWER_SEED);
        StudyOutcome outcome;
        try (TrialExecutor pool = new LocalTrialExecutor(2)) {
            outcome = StudyRunner.run(study, pool, null, StudyListener.NONE);
        }
        PValueStats sel = outcome.stats().selective();
        System.out.printf(Locale.ROOT, "paper 16px, delta 3, abs, %d trials: selective TPR %.3f, OC %.3f, naive %.3f%n",
                POWER_TRIALS, sel.rejectionRate(), outcome.stats().oc().rejectionRate(),
                outcome.stats().naive().rejectionRate());
        assertThat(sel.rejectionRate()).as("selective power at delta 3").isGreaterThanOrEqualTo(0.75);
    }
}
