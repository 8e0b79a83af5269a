package org.salientsi.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;
import org.salientsi.validation.executor.LocalTrialExecutor;
import org.salientsi.validation.executor.TrialExecutor;
import org.salientsi.validation.run.StudyListener;
import org.salientsi.validation.run.StudyOutcome;
import org.salientsi.validation.run.StudyRunner;
import org.salientsi.validation.study.ModelSource;
import org.salientsi.validation.study.Study;
import org.salientsi.validation.summary.PValueStats;

/**
 * Validity on two models exported from PyTorch to ONNX (backend-onnx's fixtures): the paper's CAM
 * architecture with a sigmoid output, and a 2-class head with a softmax output explained for its arg-max
 * class (the arg-max decision joins the selection event). {@value #TRIALS} null p-values each at 8x8
 * (CAM, threshold 0, ref-mean, one reference, sigma 1): the selective rejection count at 0.05 lies in
 * the Binomial acceptance band and the KS test against U(0, 1) does not reject; the {@value #CHECKS}
 * checks share a family-wise level of 1%. Seeds fixed before the first run.
 */
class OnnxModelValidityTest {

    private static final int TRIALS = 500;
    private static final long SEED = 20_260_606L;
    private static final String[] MODELS = {"paper_cam.onnx", "reducemean_gap_softmax.onnx"};
    private static final int CHECKS = 2 * MODELS.length;
    private static final double LEVEL = 0.01 / CHECKS;

    @Test
    void selectivePValuesAreUniformOnExportedOnnxModels() {
        Path fixtures = Path.of(System.getProperty("salientsi.onnxFixtures",
                "../backend-onnx/src/test/resources/fixtures"));
        BinomialDistribution null05 = new BinomialDistribution(null, TRIALS, 0.05);
        long lo = null05.inverseCumulativeProbability(LEVEL / 2);
        long hi = null05.inverseCumulativeProbability(1 - LEVEL / 2);
        try (TrialExecutor pool = new LocalTrialExecutor(2)) {
            for (String model : MODELS) {
                Study study = Study.of(ModelSource.of(fixtures.resolve(model))).withTrials(TRIALS).withSeed(SEED);
                StudyOutcome outcome = StudyRunner.run(study, pool, null, StudyListener.NONE);
                PValueStats sel = outcome.stats().selective();
                System.out.printf(Locale.ROOT, "%s, %d null trials: selective %.4f (KS p %.3f), OC %.4f, naive %.4f, "
                                + "band [%d, %d], empty draws %d%n", model, TRIALS, sel.rejectionRate(), sel.ksP(),
                        outcome.stats().oc().rejectionRate(), outcome.stats().naive().rejectionRate(), lo, hi,
                        outcome.stats().emptyDraws());
                assertThat(sel.rejections()).as("%s selective rejections", model).isBetween(lo, hi);
                assertThat(sel.ksP()).as("%s selective KS p", model).isGreaterThan(LEVEL);
            }
        }
    }
}
