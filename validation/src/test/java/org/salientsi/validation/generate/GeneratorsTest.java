package org.salientsi.validation.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.image.ImageShape;

/**
 * The synthetic images: Gaussian noise with the requested sigma (KS test against Commons Math's
 * normal CDF), and the paper's shifted block (exact geometry, uniform position by a chi-square
 * test). Seeds are fixed; the {@value #CHECKS} stochastic checks share a family-wise 1%.
 */
class GeneratorsTest {

    private static final long NOISE_SEED = 7_2023L;
    private static final long BLOCK_SEED = 11_2023L;
    private static final int CHECKS = 2;
    private static final double LEVEL = 0.01 / CHECKS;

    @Test
    void noiseIsNormalWithTheRequestedSigma() {
        double sigma = 2.5;
        double[] v = new double[20_001];
        GaussianNoise.fill(new SplittableRandom(NOISE_SEED), sigma, v);
        double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new NormalDistribution(null, 0, sigma), v);
        assertThat(p).as("KS p against N(0, 2.5^2)").isGreaterThan(LEVEL);
    }

    @Test
    void noiseIsAFunctionOfTheSeedOnly() {
        double[] a = new double[101];
        double[] b = new double[101];
        GaussianNoise.fill(new SplittableRandom(5), 1, a);
        GaussianNoise.fill(new SplittableRandom(5), 1, b);
        assertThat(a).containsExactly(b);
        GaussianNoise.fill(new SplittableRandom(6), 1, b);
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void theSignalIsAHalfSizeBlockShiftedByDeltaOnEveryChannel() {
        ImageShape shape = ImageShape.of(8, 6, 3);
        double[] x = new double[shape.size()];
        new ShiftedBlock(2.0).draw(new SplittableRandom(3), shape, 0.0, x);
        int shifted = 0;
        int top = Integer.MAX_VALUE;
        int left = Integer.MAX_VALUE;
        int bottom = -1;
        int right = -1;
        for (int h = 0; h < 8; h++) {
            for (int w = 0; w < 6; w++) {
                double first = x[shape.index(h, w, 0)];
                for (int c = 1; c < 3; c++) {
                    assertThat(x[shape.index(h, w, c)]).isEqualTo(first);
                }
                if (first != 0) {
                    assertThat(first).isEqualTo(2.0);
                    shifted++;
                    top = Math.min(top, h);
                    bottom = Math.max(bottom, h);
                    left = Math.min(left, w);
                    right = Math.max(right, w);
                }
            }
        }
        assertThat(shifted).isEqualTo(4 * 3);
        assertThat(bottom - top + 1).isEqualTo(4);
        assertThat(right - left + 1).isEqualTo(3);
    }

    @Test
    void theBlockPositionIsUniformOverTheImage() {
        ImageShape shape = ImageShape.of(8, 8, 1);
        int positions = 5; // rows 0..4 for a 4-row block in 8
        long[] counts = new long[positions * positions];
        SplittableRandom rng = new SplittableRandom(BLOCK_SEED);
        double[] x = new double[shape.size()];
        int draws = 5000;
        for (int k = 0; k < draws; k++) {
            new ShiftedBlock(1.0).draw(rng, shape, 0.0, x);
            int first = 0;
            while (x[first] == 0) {
                first++;
            }
            counts[(first / 8) * positions + first % 8]++;
        }
        double[] expected = new double[counts.length];
        java.util.Arrays.fill(expected, draws / (double) counts.length);
        assertThat(new ChiSquareTest().chiSquareTest(expected, counts)).as("chi-square p of the positions")
                .isGreaterThan(LEVEL);
    }

    @Test
    void aZeroDeltaIsTheNullGeneratorAndABadOneIsRefused() {
        assertThat(ImageGenerator.signal(0)).isEqualTo(ImageGenerator.nullImages());
        assertThat(ImageGenerator.signal(1.5)).isEqualTo(new ShiftedBlock(1.5));
        assertThatThrownBy(() -> new ShiftedBlock(Double.NaN)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("delta");
    }
}
