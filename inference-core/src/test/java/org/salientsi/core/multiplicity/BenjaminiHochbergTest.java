package org.salientsi.core.multiplicity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidValueException;

/** Benjamini-Hochberg adjusted p-values against a worked example and the brute-force definition. */
public class BenjaminiHochbergTest {

    private static final long SEED = 20240611L;

    @Test
    void workedExample() {
        // sorted: 0.005 (1), 0.01 (2), 0.03 (3), 0.04 (4), 0.5 (5); m p / rank = 0.025, 0.025, 0.05, 0.05, 0.5;
        // running minimum from the top: 0.5, 0.05, 0.05, 0.025, 0.025
        double[] p = {0.01, 0.04, 0.5, 0.03, 0.005};
        assertThat(BenjaminiHochberg.adjust(p)).containsExactly(new double[] {0.025, 0.05, 0.5, 0.05, 0.025},
                within(1e-15));
    }

    @Test
    void capsAtOneAndKeepsTiesAndEdgeCases() {
        assertThat(BenjaminiHochberg.adjust(new double[] {0.9, 0.95, 0.9})).containsExactly(0.95, 0.95, 0.95);
        assertThat(BenjaminiHochberg.adjust(new double[] {0.3})).containsExactly(0.3);
        assertThat(BenjaminiHochberg.adjust(new double[0])).isEmpty();
        assertThat(BenjaminiHochberg.adjust(new double[] {0, 1})).containsExactly(0, 1);
    }

    @Test
    void equalsTheBruteForceDefinitionOnRandomPValues() {
        SplittableRandom rng = new SplittableRandom(SEED);
        for (int trial = 0; trial < 200; trial++) {
            int m = 1 + rng.nextInt(40);
            double[] p = new double[m];
            for (int i = 0; i < m; i++) {
                // some ties on purpose
                p[i] = rng.nextInt(4) == 0 ? Math.round(rng.nextDouble() * 10) / 10.0 : Math.pow(rng.nextDouble(), 3);
            }
            double[] adjusted = BenjaminiHochberg.adjust(p);
            for (int i = 0; i < m; i++) {
                assertThat(adjusted[i]).isCloseTo(bruteForce(p, i), within(1e-15));
                assertThat(adjusted[i]).isGreaterThanOrEqualTo(p[i]);
            }
        }
    }

    /**
     * The definition, without sorting: the least {@code min(1, m p_j / rank_j)} over the p-values
     * {@code p_j >= p_i}, where {@code rank_j} counts the p-values {@code <= p_j}.
     *
     * @param p the p-values
     * @param i an index
     * @return the adjusted {@code p[i]}
     */
    public static double bruteForce(double[] p, int i) {
        int m = p.length;
        double expected = 1;
        for (int j = 0; j < m; j++) {
            if (p[j] >= p[i]) {
                int rank = 0;
                for (double v : p) {
                    rank += v <= p[j] ? 1 : 0;
                }
                expected = Math.min(expected, Math.min(1, m * p[j] / rank));
            }
        }
        return expected;
    }

    @Test
    void refusesValuesOutsideTheUnitInterval() {
        assertThatThrownBy(() -> BenjaminiHochberg.adjust(new double[] {0.2, Double.NaN}))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> BenjaminiHochberg.adjust(new double[] {1.5}))
                .isInstanceOf(InvalidValueException.class);
    }
}
