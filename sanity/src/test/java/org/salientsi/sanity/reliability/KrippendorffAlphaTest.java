package org.salientsi.sanity.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.sanity.reliability.KrippendorffAlpha.Level;

/** Krippendorff's alpha on the test vectors of SANITY.md section 5. */
class KrippendorffAlphaTest {

    private static final double N = Double.NaN;

    /** Krippendorff's published example: 4 coders x 12 units, "." missing. */
    static final double[][] PUBLISHED = {
        {1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N},
        {1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3},
        {N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N},
        {1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N},
    };

    /** The saliency-metric toy: 5 images x 4 methods, higher is better. */
    static final double[][] TOY = {
        {.90, .50, .40, .10}, {.80, .60, .30, .20}, {.70, .75, .20, .10}, {.60, .40, .50, .30}, {.95, .20, .30, .25},
    };

    @Test
    void reproducesKrippendorffsPublishedExampleWithMissingValuesAtEveryLevel() {
        assertThat(KrippendorffAlpha.alpha(PUBLISHED, Level.NOMINAL)).isCloseTo(0.743, within(5e-4));
        assertThat(KrippendorffAlpha.alpha(PUBLISHED, Level.ORDINAL)).isCloseTo(0.815, within(5e-4));
        assertThat(KrippendorffAlpha.alpha(PUBLISHED, Level.INTERVAL)).isCloseTo(0.849, within(5e-4));
        assertThat(KrippendorffAlpha.alpha(PUBLISHED, Level.RATIO)).isCloseTo(0.797, within(5e-4));
    }

    @Test
    void toyRankMatrixHasIntervalAndOrdinalAlphaOfPointSixTwo() {
        double[][] ranks = ScoreMatrix.of("toy", Direction.HIGHER_IS_BETTER, TOY).ranks();
        assertThat(KrippendorffAlpha.alpha(ranks, Level.INTERVAL)).isCloseTo(0.62, within(1e-12));
        assertThat(KrippendorffAlpha.alpha(ranks, Level.ORDINAL)).isCloseTo(0.62, within(1e-12));
    }

    @Test
    void unitsWithFewerThanTwoValuesDoNotCount() {
        // a 13th unit with a single value (coder A only) is not pairable, so alpha must not change
        double[][] extra = new double[4][13];
        for (int r = 0; r < 4; r++) {
            System.arraycopy(PUBLISHED[r], 0, extra[r], 0, 12);
            extra[r][12] = r == 0 ? 4 : N;
        }
        for (Level level : Level.values()) {
            assertThat(KrippendorffAlpha.alpha(extra, level)).as("%s", level)
                    .isEqualTo(KrippendorffAlpha.alpha(PUBLISHED, level));
        }
    }

    @Test
    void perfectAgreementIsOneAndNoVariationIsUndefined() {
        double[][] same = {{1, 2, 3}, {1, 2, 3}, {1, 2, 3}};
        assertThat(KrippendorffAlpha.alpha(same, Level.ORDINAL)).isEqualTo(1.0);
        double[][] flat = {{2, 2, 2}, {2, 2, 2}};
        assertThat(KrippendorffAlpha.alpha(flat, Level.INTERVAL)).isNaN();
    }

    @Test
    void bootstrapIsSeededAndBracketsTheEstimate() {
        KrippendorffAlpha.Estimate a = KrippendorffAlpha.bootstrap(PUBLISHED, Level.INTERVAL, 500, 0.95, 7L);
        KrippendorffAlpha.Estimate b = KrippendorffAlpha.bootstrap(PUBLISHED, Level.INTERVAL, 500, 0.95, 7L);
        assertThat(a).isEqualTo(b);
        assertThat(a.alpha()).isCloseTo(0.849, within(5e-4));
        assertThat(a.lower()).isLessThanOrEqualTo(a.upper());
        assertThat(a.replicates()).isPositive();
    }

    @Test
    void refusesInfiniteAndNegativeRatioValues() {
        assertThatThrownBy(() -> KrippendorffAlpha.alpha(new double[][] {{1, Double.POSITIVE_INFINITY}, {1, 2}},
                Level.INTERVAL)).isInstanceOf(InvalidValueException.class).hasMessageContaining("unit 1");
        assertThatThrownBy(() -> KrippendorffAlpha.alpha(new double[][] {{1, -1}, {1, 2}}, Level.RATIO))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("non-negative");
    }
}
