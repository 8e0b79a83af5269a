package org.salientsi.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.error.NumericalBreakdownException;

/**
 * The noise model at the ends of the double range: sigma_T and the line's slope computed without
 * squaring sigma, a full covariance judged relative to its largest variance. Expected values are worked
 * out by hand (Pythagorean directions, a 2 x 2 matrix).
 */
class NoiseModelTest {

    private static final double[] SCALES = {1e-300, 1e-200, 1e-154, 1e-100, 1, 1e100, 1e154, 1e200, 1e300};

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -1.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void refusesASigmaThatIsNotAFinitePositiveNumber(double sigma) {
        assertThatThrownBy(() -> NoiseModel.isotropic(sigma)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("sigma");
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e-320, 4.9e-324, 2.2e-308})
    void refusesASubnormalSigma(double sigma) {
        assertThatThrownBy(() -> NoiseModel.isotropic(sigma)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("smallest normal");
    }

    @Test
    void sigmaTIsSigmaTimesTheNormOfEtaAtEveryScale() {
        for (double s : SCALES) {
            NoiseModel.Projection p = NoiseModel.isotropic(s).project(new double[] {3, 4}, 2, 0);
            assertThat(p.sigmaT() / s).as("sigma %s", s).isCloseTo(5, within(1e-15));
            assertThat(p.slope()).containsExactly(0.12, 0.16);
        }
        NoiseModel.Projection smallest = NoiseModel.isotropic(Double.MIN_NORMAL).project(new double[] {3, 4}, 2, 0);
        assertThat(smallest.sigmaT()).isEqualTo(5 * Double.MIN_NORMAL);
    }

    @Test
    void theReferenceBlockHasTheVarianceDividedByTheReferenceCount() {
        // T = x - mean of 4 references: var = sigma^2 (1 + 1/4)
        for (double s : SCALES) {
            NoiseModel.Projection p = NoiseModel.isotropic(s).project(new double[] {1, -1}, 1, 4);
            assertThat(p.sigmaT() / s).isCloseTo(Math.sqrt(1.25), within(1e-15));
            assertThat(p.slope()[0]).isCloseTo(1 / 1.25, within(1e-15));
            assertThat(p.slope()[1]).isCloseTo(-0.25 / 1.25, within(1e-15));
        }
    }

    @Test
    void tinyAndHugeDirectionsAreScaledBeforeTheyAreSquared() {
        NoiseModel.Projection tiny = NoiseModel.isotropic(1).project(new double[] {3e-200, 4e-200}, 2, 0);
        assertThat(tiny.sigmaT()).isCloseTo(5e-200, within(1e-214));
        NoiseModel.Projection huge = NoiseModel.isotropic(1).project(new double[] {3e200, 4e200}, 2, 0);
        assertThat(huge.sigmaT()).isCloseTo(5e200, within(1e186));
    }

    @Test
    void aSigmaTOutOfTheDoubleRangeIsRefusedNotRounded() {
        assertThatThrownBy(() -> NoiseModel.isotropic(1e300).project(new double[] {3e10, 4e10}, 2, 0))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("sigma_T");
        assertThatThrownBy(() -> NoiseModel.isotropic(1e-300).project(new double[] {3e-10, 4e-10}, 2, 0))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("sigma_T");
        assertThatThrownBy(() -> NoiseModel.isotropic(1).project(new double[] {0, 0}, 2, 0))
                .isInstanceOf(NumericalBreakdownException.class).hasMessageContaining("zero");
    }

    private static double[] times(double[] m, double s) {
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i] * s;
        }
        return out;
    }

    @Test
    void aCovarianceGivesTheSameTestAtEveryScale() {
        // Sigma = [[4, 2], [2, 3]] s^2, eta = (1, 1): eta' Sigma eta = 11 s^2, Sigma eta = (6, 5) s^2
        double[] c = {4, 2, 2, 3};
        for (double s : new double[] {1e-150, 1e-100, 1, 1e100, 1e150}) {
            NoiseModel.Projection p = NoiseModel.covariance(times(c, s * s), 2).project(new double[] {1, 1}, 2, 0);
            assertThat(p.sigmaT() / s).as("scale %s", s).isCloseTo(Math.sqrt(11), within(1e-14));
            assertThat(p.slope()[0]).isCloseTo(6.0 / 11, within(1e-15));
            assertThat(p.slope()[1]).isCloseTo(5.0 / 11, within(1e-15));
        }
    }

    @Test
    void positiveDefinitenessIsJudgedRelativeToTheLargestVariance() {
        double[] spd = {4, 2, 2, 3};
        double[] indefinite = {1, 2, 2, 1};
        double[] singular = {1, 1, 1, 1};
        // condition number about 4e15: a pivot within rounding of zero at every scale
        double[] nearlySingular = {1, 1, 1, 1 + 0x1p-52};
        for (double s : new double[] {1e-307, 1e-300, 1e-200, 1, 1e200, 1e300}) {
            assertThat(NoiseModel.covariance(times(spd, s), 2).isIsotropic()).isFalse();
            for (double[] bad : new double[][] {indefinite, singular, nearlySingular}) {
                assertThatThrownBy(() -> NoiseModel.covariance(times(bad, s), 2)).as("scale %s", s)
                        .isInstanceOf(InvalidValueException.class).hasMessageContaining("positive definite");
            }
        }
    }

    @Test
    void symmetryIsJudgedRelativeToTheLargestVariance() {
        // entries far below the variances may differ in every digit: (C + C^T)/2 is used
        NoiseModel m = NoiseModel.covariance(new double[] {1, 1e-30, 2e-30, 1}, 2);
        assertThat(m.project(new double[] {1, 0}, 2, 0).slope()[1]).isCloseTo(1.5e-30, within(1e-45));
        for (double s : new double[] {1e-300, 1e-200, 1, 1e200, 1e300}) {
            assertThatThrownBy(() -> NoiseModel.covariance(new double[] {s, 0.5 * s, 0.5001 * s, s}, 2))
                    .as("scale %s", s).isInstanceOf(InvalidValueException.class)
                    .hasMessageContaining("not symmetric");
        }
    }

    @Test
    void aCovarianceOfSubnormalOrNonPositiveVariancesIsRefused() {
        assertThatThrownBy(() -> NoiseModel.covariance(new double[] {1e-310}, 1))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("smallest normal");
        assertThatThrownBy(() -> NoiseModel.covariance(new double[] {1, 0, 0, 0}, 2))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("positive definite");
        assertThatThrownBy(() -> NoiseModel.covariance(new double[] {1, 0, 0, Double.NaN}, 2))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("not finite");
    }
}
