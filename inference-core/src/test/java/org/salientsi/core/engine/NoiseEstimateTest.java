package org.salientsi.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.InvalidOptionException;
import org.salientsi.api.error.ShapeMismatchException;
import org.salientsi.api.image.Image;
import org.salientsi.core.testing.Gaussian;

/**
 * {@link NoiseEstimate} against the two-pass pooled variance, its degrees of freedom, the upper limit against
 * Commons Math's chi-square quantile, its coverage by simulation, and its typed refusals.
 */
class NoiseEstimateTest {

    private static Image grey(SplittableRandom rng, int n, double mean, double sigma) {
        double[] v = Gaussian.vector(rng, n, sigma);
        for (int i = 0; i < n; i++) {
            v[i] += mean;
        }
        return Image.grey(1, n, v);
    }

    @Test
    void pooledVarianceAndDegreesOfFreedomOverScenesOfDifferentSizes() {
        SplittableRandom rng = new SplittableRandom(3);
        List<Image> a = List.of(grey(rng, 10, 5, 2), grey(rng, 10, 5, 2), grey(rng, 10, 5, 2));
        List<Image> b = List.of(grey(rng, 10, -7, 2), grey(rng, 10, -7, 2));
        NoiseEstimate e = NoiseEstimate.of(List.of(a, b), "scans");
        double ss = 0;
        for (List<Image> g : List.of(a, b)) {
            for (int i = 0; i < 10; i++) {
                double mean = 0;
                for (Image im : g) {
                    mean += im.toArray()[i] / g.size();
                }
                for (Image im : g) {
                    ss += Math.pow(im.toArray()[i] - mean, 2);
                }
            }
        }
        assertThat(e.df()).isEqualTo(10 * 2 + 10);
        assertThat(e.sigma()).isCloseTo(Math.sqrt(ss / 30), within(1e-14));
        assertThat(e.images()).isEqualTo(5);
        assertThat(e.groups()).isEqualTo(2);
    }

    @Test
    void upperLimitUsesTheChiSquareQuantile() {
        NoiseEstimate e = new NoiseEstimate(1.7, 20, 2, 1);
        double q = new ChiSquaredDistribution(null, 20).inverseCumulativeProbability(0.05);
        assertThat(e.upperLimit(0.05)).isCloseTo(1.7 * Math.sqrt(20 / q), within(1e-9));
        assertThat(e.upperLimit(0.05)).isGreaterThan(e.upperLimit(0.2)).isGreaterThan(1.7);
    }

    @Test
    void upperLimitCoversTheTrueSigmaAtItsLevel() {
        SplittableRandom rng = new SplittableRandom(9);
        int covered = 0;
        int trials = 4000;
        for (int t = 0; t < trials; t++) {
            NoiseEstimate e = NoiseEstimate.of(List.of(List.of(grey(rng, 5, 0, 1.3), grey(rng, 5, 0, 1.3))), "s");
            covered += e.upperLimit(0.1) >= 1.3 ? 1 : 0;
        }
        // Binomial(4000, 0.9): mean 3600, sd 19; +-5 sd
        assertThat(covered).isBetween(3505, 3695);
    }

    @Test
    void refusesTooFewScansShapesThatDifferAndScansThatDoNotVary() {
        SplittableRandom rng = new SplittableRandom(1);
        Image one = grey(rng, 4, 0, 1);
        assertThatThrownBy(() -> NoiseEstimate.of(List.of(), "DIR")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("DIR");
        assertThatThrownBy(() -> NoiseEstimate.of(List.of(List.of(one)), "DIR"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at least two");
        assertThatThrownBy(() -> NoiseEstimate.of(List.of(List.of(one, grey(rng, 5, 0, 1))), "DIR"))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("one shape");
        assertThatThrownBy(() -> NoiseEstimate.of(List.of(List.of(one, one)), "DIR"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("zero variance");
        NoiseEstimate e = new NoiseEstimate(1, 10, 2, 1);
        assertThatThrownBy(() -> e.upperLimit(0)).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("sigma-upper");
        assertThatThrownBy(() -> e.upperLimit(1)).isInstanceOf(InvalidOptionException.class);
        assertThatThrownBy(() -> new EstimatedNoise(e, 1.5, "DIR")).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("1.5");
    }

    @Test
    void estimatedNoiseRecordsItsOriginAndUsesTheLimitWhenAsked() {
        NoiseEstimate e = new NoiseEstimate(2, 50, 3, 1);
        EstimatedNoise plugIn = new EstimatedNoise(e, 0, "scans/");
        EstimatedNoise upper = new EstimatedNoise(e, 0.05, "scans/");
        assertThat(plugIn.model(4).sigma()).isEqualTo(2.0);
        assertThat(plugIn.conservative()).isFalse();
        assertThat(plugIn.provenance()).containsEntry("sigma_source", "estimated").containsEntry("sigma_df", "50")
                .containsEntry("noise_from", "scans/").doesNotContainKey("sigma_upper_beta");
        assertThat(upper.model(4).sigma()).isEqualTo(e.upperLimit(0.05));
        assertThat(upper.conservative()).isTrue();
        assertThat(upper.provenance()).containsEntry("sigma_source", "upper-limit")
                .containsEntry("sigma_upper_beta", "0.05");
    }
}
