package org.salientsi.api.statistic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidValueException;

/** {@link Subspace}: its refusals and the whitened direction of the observed projection, by hand. */
class SubspaceTest {

    @Test
    void refusesNoRowsZeroRowsAndSharedIndices() {
        assertThatThrownBy(() -> Subspace.of(new int[] {0}, new int[0], new double[0]))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> Subspace.of(new int[] {0, 1, 2}, new int[] {0, 1}, new double[] {1, 0}))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("direction 1 is zero");
        assertThatThrownBy(() -> Subspace.of(new int[] {0, 2, 3}, new int[] {0, 3, 3}, new double[] {1, 1, 2}))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("index 3");
    }

    @Test
    void directionIsTheWhitenedProjectionAndItsNormIsTheStatistic() {
        // g_0 = e_0 - e_2 (variances 1 and 1/2), g_1 = 2 e_1 (variance 1): sd = sqrt(1.5), 2
        Subspace s = Subspace.of(new int[] {0, 2, 3}, new int[] {0, 2, 1}, new double[] {1, -1, 2});
        double[] y = {3, 1, 0.5, 9};
        double[] variance = {1, 1, 0.5, 1};
        Contrast c = s.direction(y, i -> variance[i]);
        double w0 = 2.5 / Math.sqrt(1.5);
        double w1 = 2.0 / 2;
        double t = Math.hypot(w0, w1);
        double[] eta = c.eta();
        assertThat(eta[0]).isCloseTo(w0 / t / Math.sqrt(1.5), within(1e-15));
        assertThat(eta[2]).isCloseTo(-w0 / t / Math.sqrt(1.5), within(1e-15));
        assertThat(eta[1]).isCloseTo(w1 / t * 2 / 2, within(1e-15));
        assertThat(eta[3]).isZero();
        double dot = 0;
        double quadratic = 0;
        for (int i = 0; i < 4; i++) {
            dot += eta[i] * y[i];
            quadratic += eta[i] * eta[i] * variance[i];
        }
        assertThat(dot).isCloseTo(t, within(1e-14));
        assertThat(quadratic).isCloseTo(1.0, within(1e-14));
        assertThat(s.dimension()).isEqualTo(2);
    }

    @Test
    void aZeroProjectionHasNoDirection() {
        Subspace s = Subspace.of(new int[] {0, 2}, new int[] {0, 1}, new double[] {1, -1});
        assertThatThrownBy(() -> s.direction(new double[] {2, 2}, i -> 1.0))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("norm");
        assertThatThrownBy(() -> s.direction(new double[] {2}, i -> 1.0))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("outside");
    }
}
