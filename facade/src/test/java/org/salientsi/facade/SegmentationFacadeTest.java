package org.salientsi.facade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.result.SelectiveResult;

/**
 * The segmentation method through the Java facade (found by name in the plugin registry): on the Keras
 * U-Net of backend-dl4j, tests against a reference and against the background give p-values of the
 * segmented region {@code threshold:0}; on a classifier the builder refuses it with a typed error.
 */
class SegmentationFacadeTest {

    /** backend-dl4j's Keras U-Net fixture (make_keras_unet.py). */
    private static final Path UNET = Path.of("..", "backend-dl4j", "src", "test", "resources", "org", "salientsi",
            "backend", "dl4j", "keras", "functional_unet.h5");

    @Test
    void segmentedRegionsAreTestedAgainstAReferenceAndAgainstTheBackground() throws Exception {
        int tested = 0;
        for (String statistic : new String[] {"ref-mean", "contrast"}) {
            try (SalientTester tester = SalientSI.builder().model(UNET).method("segmentation").selector("threshold:0")
                    .statistic(statistic).sigma(1).build()) {
                SplittableRandom rng = new SplittableRandom(9);
                for (int k = 0; k < 5; k++) {
                    SelectiveResult r = statistic.equals("contrast")
                            ? tester.test(SalientTesterTest.image(rng, "x" + k, 2))
                            : tester.test(SalientTesterTest.image(rng, "x" + k, 2),
                                    SalientTesterTest.image(rng, "r", 0));
                    assertThat(r.provenance().method()).isEqualTo("segmentation");
                    if (r.tested()) {
                        assertThat(r.selectiveP()).isBetween(0.0, 1.0);
                        assertThat(r.region().toMask()).hasSize(64);
                        tested++;
                    }
                }
            }
        }
        assertThat(tested).as("tested draws of 10").isPositive();
    }

    @Test
    void aClassifierHasNoSpatialOutput() {
        assertThatThrownBy(() -> {
            try (SalientTester t = SalientSI.builder().model(SalientTesterTest.paperModel(8)).method("segmentation")
                    .selector("threshold:0").statistic("ref-mean").sigma(1).build()) {
                t.map(SalientTesterTest.image(new SplittableRandom(1), "x", 0));
            }
        }).isInstanceOf(InvalidInputException.class).hasMessageContaining("spatial output");
    }
}
