package org.salientsi.core.stats;

import org.apache.commons.numbers.gamma.Erfc;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.result.Alternative;

/**
 * The naive z-test of \( \eta^\top \mu = 0 \) that ignores selection: \( T \sim N(0, \sigma_T^2) \).
 * Invalid whenever the data chose the hypothesis; reported beside the selective p-value to show the
 * difference.
 */
public final class NaiveTest {

    private NaiveTest() {
    }

    /**
     * @param t the observed statistic
     * @param sigmaT its standard deviation, {@code > 0}
     * @param alternative two-sided and abs: \( 2 \bar\Phi(|t|/\sigma_T) \); greater:
     *     \( \bar\Phi(t/\sigma_T) \); less: \( \Phi(t/\sigma_T) \)
     * @return the p-value
     * @throws InvalidValueException if t is not finite or sigmaT is not positive and finite
     */
    public static double pValue(double t, double sigmaT, Alternative alternative) {
        if (!Double.isFinite(t)) {
            throw InvalidValueException.of("statistic must be finite, got %s", t);
        }
        if (!(sigmaT > 0) || Double.isInfinite(sigmaT)) {
            throw InvalidValueException.of("sigma_t must be finite and > 0, got %s", sigmaT);
        }
        double x = t / sigmaT;
        return switch (alternative) {
            case TWO_SIDED, ABS -> Math.min(1, Erfc.value(Math.abs(x) / Math.sqrt(2)));
            case GREATER -> 0.5 * Erfc.value(x / Math.sqrt(2));
            case LESS -> 0.5 * Erfc.value(-x / Math.sqrt(2));
        };
    }
}
