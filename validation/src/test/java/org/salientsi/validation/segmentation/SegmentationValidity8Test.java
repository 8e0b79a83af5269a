package org.salientsi.validation.segmentation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.salientsi.validation.executor.LocalTrialExecutor;
import org.salientsi.validation.executor.TrialExecutor;
import org.salientsi.validation.run.StudyOutcome;

/**
 * Null validity of the segmentation method at 8 px in the default build: the U-Net exported from PyTorch
 * ({@code unet_8.onnx}), {@code threshold:0} on its logit, {@value #TRIALS} null p-values against a
 * reference ({@code ref-mean}) and {@value #TRIALS} against the background ({@code contrast}). For each,
 * the selective rejection count at 0.05 lies in the Binomial acceptance band and the KS test against
 * U(0, 1) does not reject; the {@value #CHECKS} checks share a family-wise level of 1%. The naive test is
 * reported (target/validity/segmentation-8px.md). Seeds fixed before the first run.
 */
class SegmentationValidity8Test {

    private static final int TRIALS = 1000;
    private static final long SEED = 20_261_207L;
    private static final int CHECKS = 4;
    private static final double LEVEL = 0.01 / CHECKS;

    @Test
    void selectivePValuesOfTheSegmentedRegionAreUniformUnderTheNull() {
        long[] band = SegmentationStudies.band(TRIALS, LEVEL);
        StringBuilder table = new StringBuilder(SegmentationStudies.header()).append('\n');
        try (TrialExecutor pool = new LocalTrialExecutor(2)) {
            String[] statistics = {"ref-mean", "contrast"};
            for (int k = 0; k < statistics.length; k++) {
                StudyOutcome o = SegmentationStudies.run(8, statistics[k], 0, TRIALS, SEED + k, pool);
                table.append(SegmentationStudies.row(8, statistics[k], 0, o)).append('\n');
                assertThat(o.stats().selective().rejections()).as("%s selective rejections (band [%d, %d])",
                        statistics[k], band[0], band[1]).isBetween(band[0], band[1]);
                assertThat(o.stats().selective().ksP()).as("%s selective KS p", statistics[k]).isGreaterThan(LEVEL);
            }
        }
        System.out.print(table);
        SegmentationStudies.report("segmentation-8px.md", table.toString());
    }
}
