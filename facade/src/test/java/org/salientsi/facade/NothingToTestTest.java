package org.salientsi.facade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.image.Image;
import org.salientsi.api.result.Outcome;
import org.salientsi.api.result.SelectiveResult;

/**
 * The facade returns nothing to test as a typed outcome, not an error: the region, the map and no p-value.
 */
class NothingToTestTest {

    @Test
    void aNullImageThatSelectsNoPixelIsTheNoRegionOutcome() throws Exception {
        try (SalientTester tester = SalientSI.builder().model(SalientTesterTest.paperModel(8)).method("cam")
                .selector("threshold:0").statistic("ref-mean").sigma(1).build()) {
            SplittableRandom rng = new SplittableRandom(5);
            SelectiveResult none = null;
            Image x = null;
            int tested = 0;
            for (int draw = 0; draw < 40 && none == null; draw++) {
                x = SalientTesterTest.image(rng, "x" + draw, 0);
                SelectiveResult r = tester.test(x, SalientTesterTest.image(rng, "r" + draw, 0));
                if (r.tested()) {
                    tested++;
                    assertThat(r.selectiveP()).isBetween(0.0, 1.0);
                } else {
                    none = r;
                }
            }
            assertThat(none).as("a null image of 40 that selects no pixel").isNotNull();
            assertThat(none.outcome()).isEqualTo(Outcome.NO_REGION);
            assertThat(none.selectiveP()).isNull();
            assertThat(none.ocP()).isNull();
            assertThat(none.naiveP()).isNull();
            assertThat(none.pBounds()).isNull();
            assertThat(none.ci()).isNull();
            assertThat(none.region().isEmpty()).isTrue();
            assertThat(none.reject(0.05)).isFalse();
            assertThat(none.image()).isEqualTo(x.name());
            // the map explains it: CAM below the threshold 0 everywhere, and it is the tester's map of the image
            assertThat(none.map().values()).containsExactly(tester.map(x).values());
            assertThat(java.util.Arrays.stream(none.map().values()).max().orElseThrow()).isNegative();
            assertThat(none.provenance().selector()).isEqualTo("threshold:0");
        }
    }

    @Test
    void contrastWithEveryPixelSelectedIsTheFullRegionOutcome() throws Exception {
        try (SalientTester tester = SalientSI.builder().model(SalientTesterTest.paperModel(8)).method("cam")
                .selector("threshold:-1e9").statistic("contrast").sigma(1).build()) {
            SelectiveResult r = tester.test(SalientTesterTest.image(new SplittableRandom(3), "x", 0));
            assertThat(r.outcome()).isEqualTo(Outcome.FULL_REGION);
            assertThat(r.regionSize()).isEqualTo(64);
            assertThat(r.selectiveP()).isNull();
            assertThat(r.map()).isNotNull();
        }
    }
}
