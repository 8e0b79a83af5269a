package org.salientsi.facade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidOptionException;
import org.salientsi.api.image.Image;
import org.salientsi.api.result.Alternative;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.core.engine.NoiseEstimate;

/**
 * The facade's {@code noiseFrom}: the estimate (or its upper limit) is the sigma of the test, with its source
 * and degrees of freedom in the result; the upper limit is refused with a two-sided linear test; a chi statistic
 * reports its distribution.
 */
class NoiseFromFacadeTest {

    private static final int SIZE = 8;

    @Test
    void upperLimitIsTheSigmaOfTheTestAndTheResultSaysWhereItCameFrom() throws Exception {
        SplittableRandom rng = new SplittableRandom(8);
        List<List<Image>> scans = List.of(List.of(SalientTesterTest.image(rng, "s1", 0),
                SalientTesterTest.image(rng, "s2", 0)));
        double limit = NoiseEstimate.of(scans, "scans").upperLimit(0.05);
        try (SalientTester t = SalientSI.builder().model(SalientTesterTest.paperModel(SIZE)).statistic("ref-chi")
                .noiseFrom(scans, 0.05).build()) {
            SelectiveResult r = null;
            while (r == null || !r.tested()) {
                r = t.test(SalientTesterTest.image(rng, "x", 0), SalientTesterTest.image(rng, "r", 0));
            }
            assertThat(r.provenance().sigma()).isCloseTo(limit, within(1e-15 * limit));
            assertThat(r.sigmaSource()).isEqualTo("upper-limit");
            assertThat(r.sigmaDf()).isEqualTo(64.0);
            assertThat(r.statisticDistribution()).isEqualTo("chi");
            assertThat(r.degreesOfFreedom()).isEqualTo(r.regionSize());
            assertThat(r.sigmaT()).isCloseTo(limit, within(1e-12 * limit));
        }
    }

    @Test
    void upperLimitWithATwoSidedLinearTestIsRefused() {
        SplittableRandom rng = new SplittableRandom(9);
        List<List<Image>> scans = List.of(List.of(SalientTesterTest.image(rng, "s1", 0),
                SalientTesterTest.image(rng, "s2", 0)));
        assertThatThrownBy(() -> SalientSI.builder().model(SalientTesterTest.paperModel(SIZE)).statistic("ref-mean")
                .alternative(Alternative.TWO_SIDED).noiseFrom(scans, 0.05).build())
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("sigma-upper")
                .hasMessageContaining("abs");
    }
}
