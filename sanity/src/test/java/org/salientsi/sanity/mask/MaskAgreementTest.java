package org.salientsi.sanity.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidInputException;

/** IoU at mask size: the example of SANITY.md section 5, and the mask operations. */
class MaskAgreementTest {

    private static final double[] S = {.9, .1, 0, .8, .7, .2, 0, .3, .05};
    private static final boolean[] M = {true, true, false, true, false, false, false, false, false};

    @Test
    void iouExampleOfSanityMd() {
        MaskScores s = MaskAgreement.raw().score(S, M, 3, 3);
        assertThat(s.iou()).isCloseTo(0.5, within(1e-12));
        assertThat(s.iop()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(s.iot()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(s.predictedSize()).isEqualTo(3);
        assertThat(s.pointingHit()).isTrue();
        // top-3 pixels: (0,0), (1,0), (1,1); two inside the mask
        assertThat(s.rankAccuracy()).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void absoluteValueComesBeforeTheThreshold() {
        double[] signed = S.clone();
        signed[1] = -.95;
        // |S|: the threshold is 0.7333 and P is exactly the mask
        assertThat(new MaskAgreement(true, null).score(signed, M, 3, 3).iou()).isCloseTo(1.0, within(1e-12));
        // signed: -0.95 is the smallest value, the threshold stays 0.4333 and P = (0,0), (1,0), (1,1)
        assertThat(MaskAgreement.raw().score(signed, M, 3, 3).iou()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void emptyMaskIsRefused() {
        assertThatThrownBy(() -> MaskAgreement.viviano().score(S, new boolean[9], 3, 3))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("mask is empty");
    }

    @Test
    void zeroAndShuffleOutsideKeepTheRegionOfInterest() {
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        assertThat(Masks.zeroOutside(x, M)).containsExactly(1, 2, 0, 4, 0, 0, 0, 0, 0);
        double[] sh = Masks.shuffleOutside(x, M, new SplittableRandom(3));
        assertThat(new double[] {sh[0], sh[1], sh[3]}).containsExactly(1, 2, 4);
        assertThat(new double[] {sh[2], sh[4], sh[5], sh[6], sh[7], sh[8]})
                .containsExactlyInAnyOrder(3, 5, 6, 7, 8, 9);
        assertThat(Masks.shuffleOutside(x, M, new SplittableRandom(3))).containsExactly(sh);
    }

    @Test
    void acrossSeedsGivesMeanAndSampleStandardDeviation() {
        double[][] a = MaskStudy.acrossSeeds(java.util.List.of(new double[] {0.2, 1}, new double[] {0.4, 1}));
        assertThat(a[0]).containsExactly(new double[] {0.3, 1}, within(1e-15));
        assertThat(a[1][0]).isCloseTo(Math.sqrt(0.02), within(1e-15));
        assertThat(a[1][1]).isZero();
    }
}
