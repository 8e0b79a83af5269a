package org.salientsi.core.search;

import org.apache.commons.numbers.gamma.Erfc;
import org.salientsi.api.interval.IntervalSet;
import org.salientsi.api.result.Alternative;
import org.salientsi.core.stats.ChiMass;
import org.salientsi.core.stats.NaiveTest;
import org.salientsi.core.stats.TruncatedChi;
import org.salientsi.core.stats.TruncatedNormal;

/**
 * The null distribution of the statistic on the test line, and the p-values the search reports from it: a
 * normal \( N(0, \sigma_T^2) \) for a linear contrast, a scaled chi \( \sigma_T \chi_d \) for the norm of a
 * projection (then the alternative is always {@link Alternative#GREATER}: large norms).
 */
sealed interface NullLaw {

    /**
     * @param alternative the test's alternative
     * @param sigmaT the statistic's standard deviation
     * @return the normal law
     */
    static NullLaw normal(Alternative alternative, double sigmaT) {
        return new Normal(alternative, sigmaT);
    }

    /**
     * @param degrees d
     * @param sigmaT the scale
     * @return the chi law
     */
    static NullLaw chi(int degrees, double sigmaT) {
        return new Chi(degrees, sigmaT);
    }

    /** @return the alternative the p-values test */
    Alternative alternative();

    /**
     * @param set the truncation set (the whole one, or the piece that contains t)
     * @param t the observed statistic
     * @return the selective p-value given {@code set}
     */
    double pValue(IntervalSet set, double t);

    /**
     * @param t the observed statistic
     * @return the p-value that ignores the selection
     */
    double naive(double t);

    /**
     * @param zMin the search range's lower end
     * @param zMax its upper end
     * @return the null mass outside {@code [zMin, zMax]}
     */
    double massOutside(double zMin, double zMax);

    /**
     * @param t the observed statistic
     * @return running bounds on the selective p-value for early stops
     */
    PValueBounds bounds(double t);

    /** @return whether the selective confidence interval for the contrast's mean applies */
    boolean hasInterval();

    /** The normal law of a linear contrast. */
    record Normal(Alternative alternative, double sigmaT) implements NullLaw {
        private static final double SQRT1_2 = Math.sqrt(0.5);

        @Override
        public double pValue(IntervalSet set, double t) {
            return TruncatedNormal.of(0, sigmaT, set).pValue(t, alternative);
        }

        @Override
        public double naive(double t) {
            return NaiveTest.pValue(t, sigmaT, alternative);
        }

        @Override
        public double massOutside(double zMin, double zMax) {
            return 0.5 * Erfc.value(-zMin / sigmaT * SQRT1_2) + 0.5 * Erfc.value(zMax / sigmaT * SQRT1_2);
        }

        @Override
        public PValueBounds bounds(double t) {
            return new PValueBounds(alternative, t, sigmaT);
        }

        @Override
        public boolean hasInterval() {
            return true;
        }
    }

    /** The scaled chi law of a norm. */
    record Chi(int degrees, double sigmaT) implements NullLaw {

        @Override
        public Alternative alternative() {
            return Alternative.GREATER;
        }

        @Override
        public double pValue(IntervalSet set, double t) {
            return TruncatedChi.of(degrees, sigmaT, set).pValue(t);
        }

        @Override
        public double naive(double t) {
            return pValue(IntervalSet.of(0, Double.POSITIVE_INFINITY), t);
        }

        @Override
        public double massOutside(double zMin, double zMax) {
            TruncatedChi whole = TruncatedChi.of(degrees, sigmaT, IntervalSet.of(0, Double.POSITIVE_INFINITY));
            return Math.min(1, whole.cdf(zMin) + whole.sf(zMax));
        }

        @Override
        public PValueBounds bounds(double t) {
            return new PValueBounds(Alternative.GREATER, t, sigmaT,
                    (a, b, ref) -> ChiMass.scaledLogMass(a, b, degrees, sigmaT, ref));
        }

        @Override
        public boolean hasInterval() {
            return false;
        }
    }
}
