package org.salientsi.methods.validity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.salientsi.core.statistic.ReferenceChiStatistic;
import org.salientsi.core.testing.TestNetworks;

/**
 * The plug-in study of the README ({@link EstimatedSigmaStudy}): 1000 null trials at 8x8 and 16x16 for
 * {@code ref-mean} and for the chi statistic {@code ref-chi}, sigma estimated with 5, 20, 100 and 1000 degrees of
 * freedom; the table goes to
 * {@code target/validity/estimated-sigma.md}. Run with the validity profile:
 * {@code mvn -B -o -pl saliency-methods -am -Pvalidity verify -Dtest=EstimatedSigmaStudyTest
 * -Dsurefire.failIfNoSpecifiedTests=false}. Checks (each at 0.01 / 20): the known-sigma test's rejections lie in
 * the binomial band at 0.05 and the upper-limit abs test's at most at the band's top for alpha + beta.
 */
@Tag("validity")
class EstimatedSigmaStudyTest {

    private static final int TRIALS = 1000;
    private static final int[] DFS = {5, 20, 100, 1000};
    private static final double BETA = 0.05;
    private static final double LEVEL = 0.01 / 20;

    @Test
    void plugInFprByDegreesOfFreedom() throws Exception {
        StringBuilder table = new StringBuilder(EstimatedSigmaStudy.header());
        List<List<EstimatedSigmaStudy.Column>> sizes = new java.util.ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        List<java.util.concurrent.Callable<List<EstimatedSigmaStudy.Column>>> jobs = List.of(
                () -> EstimatedSigmaStudy.run(TestNetworks.paperCam(8, 20261123L, true), TRIALS, 808L, DFS, BETA),
                () -> EstimatedSigmaStudy.run(TestNetworks.paperCam(16, 20261124L, true), TRIALS, 1616L, DFS, BETA),
                () -> EstimatedSigmaStudy.run(TestNetworks.paperCam(8, 20261123L, true), TRIALS, 809L, DFS, BETA,
                        new ReferenceChiStatistic()),
                () -> EstimatedSigmaStudy.run(TestNetworks.paperCam(16, 20261124L, true), TRIALS, 1617L, DFS, BETA,
                        new ReferenceChiStatistic()));
        try {
            for (java.util.concurrent.Future<List<EstimatedSigmaStudy.Column>> f : pool.invokeAll(jobs)) {
                sizes.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        int[] band = NullStudy.binomialBand(TRIALS, 0.05, LEVEL);
        int[] upper = NullStudy.binomialBand(TRIALS, 0.05 + BETA, LEVEL);
        String[] label = {"8 px ref-mean", "16 px ref-mean", "8 px ref-chi", "16 px ref-chi"};
        for (int s = 0; s < label.length; s++) {
            for (EstimatedSigmaStudy.Column c : sizes.get(s)) {
                table.append(EstimatedSigmaStudy.row(label[s], c, BETA));
            }
        }
        MethodStudy.report("estimated-sigma.md", table.toString());
        for (int s = 0; s < label.length; s++) {
            EstimatedSigmaStudy.Column first = sizes.get(s).get(0);
            assertThat(EstimatedSigmaStudy.rejections(first.known(), 0.05)).isBetween(band[0], band[1]);
            for (EstimatedSigmaStudy.Column c : sizes.get(s)) {
                assertThat(EstimatedSigmaStudy.rejections(c.upperAbs(), 0.05)).as("df %d", c.df())
                        .isLessThanOrEqualTo(upper[1]);
            }
        }
    }
}
