package org.salientsi.validation.segmentation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.salientsi.validation.executor.LocalTrialExecutor;
import org.salientsi.validation.executor.TrialExecutor;
import org.salientsi.validation.run.StudyOutcome;

/**
 * Behind the Maven profile {@code -Pvalidity} (tag {@code validity}): null validity of the segmentation
 * method on the 16 px and 32 px U-Nets ({@value #TRIALS} null p-values each against a reference and
 * against the background; rejection count in the Binomial band and KS not rejecting, {@value #CHECKS}
 * checks at a family-wise 1%), and the power at signal strengths 1, 2 and 3 (the paper's block of
 * H/2 x W/2 pixels shifted by delta, {@value #POWER_TRIALS} trials each, ref-mean) with the time per
 * p-value, written to target/validity/segmentation.md. Power is reported, and checked only to grow with
 * delta past the null rate.
 */
@Tag("validity")
class SegmentationValidityStudyTest {

    private static final int TRIALS = 1000;
    private static final int POWER_TRIALS = 500;
    private static final long SEED = 20_261_208L;
    private static final int CHECKS = 8;
    private static final double LEVEL = 0.01 / CHECKS;

    @Test
    void nullValidityAt16And32PixelsAndPowerAtSeveralSignalStrengths() {
        long[] band = SegmentationStudies.band(TRIALS, LEVEL);
        StringBuilder table = new StringBuilder(SegmentationStudies.header()).append('\n');
        try (TrialExecutor pool = new LocalTrialExecutor(2)) {
            long seed = SEED;
            for (int size : new int[] {16, 32}) {
                for (String statistic : new String[] {"ref-mean", "contrast"}) {
                    StudyOutcome o = SegmentationStudies.run(size, statistic, 0, TRIALS, seed++, pool);
                    table.append(SegmentationStudies.row(size, statistic, 0, o)).append('\n');
                    assertThat(o.stats().selective().rejections()).as("%d px %s selective rejections (band [%d, %d])",
                            size, statistic, band[0], band[1]).isBetween(band[0], band[1]);
                    assertThat(o.stats().selective().ksP()).as("%d px %s KS p", size, statistic).isGreaterThan(LEVEL);
                }
            }
            double previous = 0.05;
            for (double delta : new double[] {1, 2, 3}) {
                StudyOutcome o = SegmentationStudies.run(16, "ref-mean", delta, POWER_TRIALS, seed++, pool);
                table.append(SegmentationStudies.row(16, "ref-mean", delta, o)).append('\n');
                double power = o.stats().selective().rejectionRate();
                assertThat(power).as("power at delta %s", delta).isGreaterThan(previous);
                previous = power;
            }
        }
        System.out.print(table);
        SegmentationStudies.report("segmentation.md", table.toString());
    }
}
