package org.salientsi.sanity.shift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The synthetic shift benchmark and the AUC. */
class CrossDistractorTest {

    @Test
    void crossesCarryTheLabelAndTheDistractorSitsOnTheClassSide() {
        for (CrossDistractor.Sample s : CrossDistractor.generate(40, 5L, false)) {
            int maskPixels = 0;
            for (boolean b : s.mask()) {
                maskPixels += b ? 1 : 0;
            }
            // a cross of half-length a has 4a + 1 pixels; two crosses with distinct rows and columns overlap in
            // at most 2 pixels
            if (s.label() == 0) {
                assertThat(maskPixels).isIn(13, 17);
            } else {
                assertThat(maskPixels).isBetween(2 * 13 - 2, 2 * 17);
            }
            int left = s.label() == 0 ? 5 : 20;
            for (int r = 21; r <= 22; r++) {
                for (int c = left; c <= left + 2; c++) {
                    assertThat(s.image()[r * 28 + c]).isEqualTo(1.0);
                }
            }
            int other = s.label() == 0 ? 20 : 5;
            boolean clear = true;
            for (int c = other; c <= other + 2; c++) {
                clear &= s.image()[21 * 28 + c] == 0 || s.mask()[21 * 28 + c];
            }
            assertThat(clear).isTrue();
        }
    }

    @Test
    void shiftedImagesAreMirrorImagesAndTheGeneratorIsSeeded() {
        List<CrossDistractor.Sample> a = CrossDistractor.generate(6, 9L, false);
        List<CrossDistractor.Sample> b = CrossDistractor.generate(6, 9L, true);
        for (int i = 0; i < 6; i++) {
            assertThat(b.get(i).image()).containsExactly(CrossDistractor.mirror(a.get(i).image()));
            assertThat(b.get(i).label()).isEqualTo(a.get(i).label());
        }
        assertThat(CrossDistractor.generate(6, 9L, false).get(3).image()).containsExactly(a.get(3).image());
    }

    @Test
    void aucIsTheMannWhitneyProbabilityWithHalfTies() {
        assertThat(RocAuc.of(new double[] {0.1, 0.4, 0.35, 0.8}, new int[] {0, 0, 1, 1}))
                .isCloseTo(0.75, within(1e-15));
        assertThat(RocAuc.of(new double[] {1, 1, 1, 1}, new int[] {0, 1, 0, 1})).isCloseTo(0.5, within(1e-15));
        assertThat(RocAuc.of(new double[] {3, 2, 1}, new int[] {0, 1, 1})).isZero();
    }
}
