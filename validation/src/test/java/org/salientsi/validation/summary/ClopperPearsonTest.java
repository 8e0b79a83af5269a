package org.salientsi.validation.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidValueException;

/**
 * The Clopper-Pearson interval against closed forms at the edges, its defining binomial tail
 * equations inside, and a textbook value.
 */
class ClopperPearsonTest {

    @Test
    void edgesHaveClosedForms() {
        int n = 300;
        double[] zero = ClopperPearson.interval(0, n, 0.95);
        assertThat(zero[0]).isZero();
        assertThat(zero[1]).isCloseTo(1 - Math.pow(0.025, 1.0 / n), within(1e-12));
        double[] all = ClopperPearson.interval(n, n, 0.95);
        assertThat(all[0]).isCloseTo(Math.pow(0.025, 1.0 / n), within(1e-12));
        assertThat(all[1]).isEqualTo(1.0);
    }

    @Test
    void endsSolveTheBinomialTailEquations() {
        for (int[] c : new int[][] {{1, 10}, {3, 10}, {50, 1000}, {237, 1000}, {999, 1000}}) {
            int x = c[0];
            int n = c[1];
            double[] ci = ClopperPearson.interval(x, n, 0.95);
            // P(X >= x | lo) = 0.025 and P(X <= x | hi) = 0.025
            assertThat(1 - new BinomialDistribution(null, n, ci[0]).cumulativeProbability(x - 1))
                    .as("upper tail at lo for %d/%d", x, n).isCloseTo(0.025, within(1e-9));
            assertThat(new BinomialDistribution(null, n, ci[1]).cumulativeProbability(x))
                    .as("lower tail at hi for %d/%d", x, n).isCloseTo(0.025, within(1e-9));
        }
    }

    @Test
    void threeOfTenMatchesTheTextbook() {
        // Clopper-Pearson 95% for 3/10: (0.0667, 0.6525), e.g. Agresti & Coull (1998), Table 1
        double[] ci = ClopperPearson.interval(3, 10, 0.95);
        assertThat(ci[0]).isCloseTo(0.0667, within(5e-5));
        assertThat(ci[1]).isCloseTo(0.6525, within(5e-5));
    }

    @Test
    void badCountsAreRefused() {
        assertThatThrownBy(() -> ClopperPearson.interval(5, 4, 0.95)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> ClopperPearson.interval(0, 0, 0.95)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> ClopperPearson.interval(1, 4, 1.0)).isInstanceOf(InvalidValueException.class);
    }
}
