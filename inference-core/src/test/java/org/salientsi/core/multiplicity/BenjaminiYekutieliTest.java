package org.salientsi.core.multiplicity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidOptionException;
import org.salientsi.api.error.InvalidValueException;

/** Benjamini-Yekutieli adjusted p-values against a worked example and the brute-force definition. */
class BenjaminiYekutieliTest {

    private static final long SEED = 20_261_207L;

    @Test
    void workedExample() {
        // m = 5, c(5) = 1 + 1/2 + 1/3 + 1/4 + 1/5 = 137/60; sorted 0.005, 0.01, 0.03, 0.04, 0.5;
        // c m p / rank = (137/60) (0.025, 0.025, 0.05, 0.05, 0.5); running minimum from the top, capped at 1
        double c = 137.0 / 60;
        double[] p = {0.01, 0.04, 0.5, 0.03, 0.005};
        assertThat(BenjaminiYekutieli.adjust(p)).containsExactly(
                new double[] {0.025 * c, 0.05 * c, 1, 0.05 * c, 0.025 * c}, within(1e-15));
        assertThat(BenjaminiYekutieli.harmonic(5)).isCloseTo(c, within(1e-15));
    }

    @Test
    void oneTestIsItsOwnPValueAndNoneIsEmpty() {
        assertThat(BenjaminiYekutieli.adjust(new double[] {0.3})).containsExactly(0.3);
        assertThat(BenjaminiYekutieli.adjust(new double[0])).isEmpty();
    }

    @Test
    void equalsTheBruteForceDefinitionAndIsNeverBelowBenjaminiHochberg() {
        SplittableRandom rng = new SplittableRandom(SEED);
        for (int trial = 0; trial < 200; trial++) {
            int m = 1 + rng.nextInt(40);
            double[] p = new double[m];
            for (int i = 0; i < m; i++) {
                p[i] = rng.nextInt(4) == 0 ? Math.round(rng.nextDouble() * 10) / 10.0 : Math.pow(rng.nextDouble(), 3);
            }
            double c = 0;
            for (int k = 1; k <= m; k++) {
                c += 1.0 / k;
            }
            double[] adjusted = BenjaminiYekutieli.adjust(p);
            double[] bh = BenjaminiHochberg.adjust(p);
            for (int i = 0; i < m; i++) {
                assertThat(adjusted[i]).isCloseTo(bruteForce(p, i, c), within(1e-14));
                assertThat(adjusted[i]).isGreaterThanOrEqualTo(bh[i]).isLessThanOrEqualTo(1);
            }
        }
    }

    /** The definition: the least {@code min(1, c m p_j / rank_j)} over the p-values {@code p_j >= p_i}. */
    private static double bruteForce(double[] p, int i, double c) {
        int m = p.length;
        double expected = 1;
        for (int j = 0; j < m; j++) {
            if (p[j] >= p[i]) {
                int rank = 0;
                for (double v : p) {
                    rank += v <= p[j] ? 1 : 0;
                }
                expected = Math.min(expected, Math.min(1, c * m * p[j] / rank));
            }
        }
        return expected;
    }

    @Test
    void refusesValuesOutsideTheUnitIntervalAndUnknownMethods() {
        assertThatThrownBy(() -> BenjaminiYekutieli.adjust(new double[] {0.2, Double.NaN}))
                .isInstanceOf(InvalidValueException.class);
        assertThat(FdrMethod.parse("BY")).isEqualTo(FdrMethod.BY);
        assertThat(FdrMethod.parse(" bh ")).isEqualTo(FdrMethod.BH);
        assertThat(FdrMethod.BH.note()).contains("not proven");
        assertThatThrownBy(() -> FdrMethod.parse("xyz")).isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith("fdr must be by").hasMessageContaining("'xyz'");
    }
}
