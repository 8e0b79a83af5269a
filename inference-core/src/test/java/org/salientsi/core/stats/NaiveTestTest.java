package org.salientsi.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.result.Alternative;

/**
 * {@link NaiveTest} against Commons Math 3's {@code NormalDistribution(0, sigmaT)}: less is
 * {@code P(T <= t)}, greater is {@code P(T >= t) = P(T <= -t)} (by symmetry, so that no value near 1
 * is subtracted), and two-sided (and abs) is twice the smaller.
 */
class NaiveTestTest {

    private static final double REL = 1e-12;

    @Test
    void matchesCommonsMathForSeededStatistics() {
        SplittableRandom rng = new SplittableRandom(123456789L);
        for (int trial = 0; trial < 2000; trial++) {
            double sigma = Math.exp(rng.nextDouble(-4, 4));
            double z = rng.nextDouble(-8, 8);
            double t = z * sigma;
            NormalDistribution null0 = new NormalDistribution(null, 0, sigma);
            double less = null0.cumulativeProbability(t);
            double greater = null0.cumulativeProbability(-t);
            double twoSided = Math.min(1, 2 * Math.min(less, greater));
            String what = String.format("t %s sigma %s", t, sigma);
            assertThat(NaiveTest.pValue(t, sigma, Alternative.LESS)).as(what)
                    .isCloseTo(less, within(REL * less));
            assertThat(NaiveTest.pValue(t, sigma, Alternative.GREATER)).as(what)
                    .isCloseTo(greater, within(REL * greater));
            assertThat(NaiveTest.pValue(t, sigma, Alternative.TWO_SIDED)).as(what)
                    .isCloseTo(twoSided, within(REL * twoSided));
            assertThat(NaiveTest.pValue(t, sigma, Alternative.ABS)).as(what)
                    .isCloseTo(twoSided, within(REL * twoSided));
        }
    }

    @Test
    void matchesCommonsMathAtEightSigma() {
        for (double z : new double[] {-8, -7.5, 7.5, 8}) {
            for (double sigma : new double[] {1e-3, 0.7, 1, 250}) {
                double t = z * sigma;
                NormalDistribution null0 = new NormalDistribution(null, 0, sigma);
                double twoSided = 2 * null0.cumulativeProbability(-Math.abs(t));
                assertThat(twoSided).isLessThan(1.3e-13);
                assertThat(NaiveTest.pValue(t, sigma, Alternative.TWO_SIDED)).as("z %s sigma %s", z, sigma)
                        .isCloseTo(twoSided, within(REL * twoSided));
            }
        }
    }

    @Test
    void zeroStatisticGivesOneAndOneHalf() {
        assertThat(NaiveTest.pValue(0, 2, Alternative.TWO_SIDED)).isEqualTo(1.0);
        assertThat(NaiveTest.pValue(0, 2, Alternative.ABS)).isEqualTo(1.0);
        assertThat(NaiveTest.pValue(0, 2, Alternative.GREATER)).isEqualTo(0.5);
        assertThat(NaiveTest.pValue(0, 2, Alternative.LESS)).isEqualTo(0.5);
    }

    @Test
    void oneSidedPValuesAddUpToOne() {
        SplittableRandom rng = new SplittableRandom(55L);
        for (int trial = 0; trial < 500; trial++) {
            double sigma = Math.exp(rng.nextDouble(-2, 2));
            double t = rng.nextDouble(-5, 5) * sigma;
            assertThat(NaiveTest.pValue(t, sigma, Alternative.LESS) + NaiveTest.pValue(t, sigma, Alternative.GREATER))
                    .isCloseTo(1.0, within(1e-15));
        }
    }

    @Test
    void rejectsNaNOrInfiniteStatisticNamingIt() {
        assertThatThrownBy(() -> NaiveTest.pValue(Double.NaN, 1, Alternative.TWO_SIDED))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("statistic")
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> NaiveTest.pValue(Double.POSITIVE_INFINITY, 1, Alternative.GREATER))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("Infinity");
    }

    @Test
    void rejectsNonPositiveOrNonFiniteSigmaNamingIt() {
        for (double sigma : new double[] {0, -1.5, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> NaiveTest.pValue(1, sigma, Alternative.TWO_SIDED)).as("sigma %s", sigma)
                    .isInstanceOf(InvalidValueException.class)
                    .hasMessageContaining("sigma_t")
                    .hasMessageContaining(Double.toString(sigma));
        }
    }
}
