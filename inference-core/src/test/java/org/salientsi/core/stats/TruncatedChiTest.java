package org.salientsi.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.apache.commons.numbers.gamma.RegularizedGamma;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.interval.Interval;
import org.salientsi.api.interval.IntervalSet;
import org.salientsi.api.result.Alternative;

/**
 * {@link TruncatedChi} against independent forms in the range where they are exact to about 1e-14: chi_1 is
 * the half-normal (the truncated normal on a set above 0), chi_2 has the closed tail exp(-r^2/2), and for any
 * d the untruncated tails are Commons Numbers' regularised incomplete gamma functions. Plus the properties the
 * chi test relies on: masses add across the forms' switch points, and the p-value does not decrease as the
 * scale grows (the conservative noise option's premise).
 */
class TruncatedChiTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void rejectsBadDegreesScaleAndSetsNamingThem() {
        IntervalSet s = IntervalSet.of(1, 2);
        assertThatThrownBy(() -> TruncatedChi.of(0, 1, s)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("degrees").hasMessageContaining("0");
        assertThatThrownBy(() -> TruncatedChi.of(TruncatedChi.MAX_DEGREES + 1, 1, s))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> TruncatedChi.of(3, Double.NaN, s)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("scale").hasMessageContaining("NaN");
        assertThatThrownBy(() -> TruncatedChi.of(3, 0, s)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("scale");
        assertThatThrownBy(() -> TruncatedChi.of(3, INF, s)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("Infinity");
        assertThatThrownBy(() -> TruncatedChi.of(3, 1, IntervalSet.empty())).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> TruncatedChi.of(3, 1, null)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> TruncatedChi.of(3, 1, IntervalSet.of(-3, 0))).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("above 0");
    }

    @Test
    void rejectsNaNNegativeAndOutsideObservationsNamingThem() {
        TruncatedChi tc = TruncatedChi.of(4, 1, IntervalSet.of(Interval.of(1, 2), Interval.of(3, INF)));
        assertThatThrownBy(() -> tc.pValue(Double.NaN)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> tc.pValue(-1)).isInstanceOf(InvalidValueException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> tc.pValue(INF)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> tc.pValue(2.5)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("outside");
        assertThatThrownBy(() -> tc.cdf(Double.NaN)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> tc.sf(Double.NaN)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void endsOfTheSupportGiveZeroAndOne() {
        TruncatedChi tc = TruncatedChi.of(3, 2, IntervalSet.of(Interval.of(-1, 2), Interval.of(3, INF)));
        assertThat(tc.cdf(0)).isZero();
        assertThat(tc.sf(0)).isEqualTo(1.0);
        assertThat(tc.cdf(INF)).isEqualTo(1.0);
        assertThat(tc.sf(INF)).isZero();
        assertThat(tc.cdf(2.5) + tc.sf(2.5)).isCloseTo(1.0, within(1e-15));
    }

    @Test
    void oneDegreeOfFreedomIsTheHalfNormalOnAnySetAboveZero() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int trial = 0; trial < 200; trial++) {
            double s = 0.1 + 5 * rng.nextDouble();
            IntervalSet set = randomSet(rng, 0, 6 * s);
            double t = pointIn(rng, set);
            double expected = TruncatedNormal.of(0, s, set).pValue(t, Alternative.GREATER);
            assertThat(TruncatedChi.of(1, s, set).pValue(t)).as("%s at %s, s %s", set, t, s)
                    .isCloseTo(expected, within(1e-12 * expected));
        }
    }

    @Test
    void twoDegreesOfFreedomFollowTheClosedTail() {
        SplittableRandom rng = new SplittableRandom(12);
        for (int trial = 0; trial < 200; trial++) {
            double a = 4 * rng.nextDouble();
            double b = a + 0.3 + 3 * rng.nextDouble();
            double t = a + (b - a) * rng.nextDouble();
            // P(R >= t | a <= R <= b) = (e^{-t^2/2} - e^{-b^2/2}) / (e^{-a^2/2} - e^{-b^2/2}), t as the reference
            double expected = -Math.expm1(-(b - t) * (b + t) / 2) / (Math.expm1((t - a) * (t + a) / 2)
                    - Math.expm1(-(b - t) * (b + t) / 2));
            assertThat(TruncatedChi.of(2, 1, IntervalSet.of(a, b)).pValue(t)).as("[%s, %s] at %s", a, b, t)
                    .isCloseTo(expected, within(1e-12 * expected));
        }
    }

    @Test
    void untruncatedTailsAreTheRegularisedIncompleteGammaFunctions() {
        for (int d : new int[] {1, 3, 5, 20, 77, 500, 4000}) {
            double mode = Math.sqrt(d - 1);
            for (double offset : new double[] {-3, -1, -0.2, 0, 0.4, 1, 2.5, 5, 9}) {
                double r = mode + offset;
                if (r <= 0.05) {
                    continue;
                }
                TruncatedChi tc = TruncatedChi.of(d, 1, IntervalSet.of(0, INF));
                double q = RegularizedGamma.Q.value(d / 2.0, r * r / 2);
                double p = RegularizedGamma.P.value(d / 2.0, r * r / 2);
                assertThat(tc.sf(r)).as("Q d=%d r=%s", d, r).isCloseTo(q, within(2e-13 * q));
                assertThat(tc.cdf(r)).as("P d=%d r=%s", d, r).isCloseTo(p, within(2e-13 * p));
            }
        }
    }

    @Test
    void massesAddAcrossTheSwitchesBetweenSeriesFractionAndQuadrature() {
        SplittableRandom rng = new SplittableRandom(13);
        for (int d : new int[] {1, 2, 7, 60, 900, 10000}) {
            double c = Math.sqrt(d + 2.0);
            for (int trial = 0; trial < 100; trial++) {
                double a = Math.max(0, c + (rng.nextDouble() - 0.5) * 4);
                double b = a + Math.pow(10, -6 + 6.5 * rng.nextDouble());
                double m = a + (b - a) * rng.nextDouble();
                double ref = c;
                double whole = ChiMass.scaledLogMass(a, b, d, 1, ref);
                double parts = IntervalMass.logAdd(ChiMass.scaledLogMass(a, m, d, 1, ref),
                        ChiMass.scaledLogMass(m, b, d, 1, ref));
                assertThat(parts).as("d=%d [%s, %s] split at %s", d, a, b, m).isCloseTo(whole, within(1e-12));
            }
        }
    }

    @Test
    void pValueDoesNotDecreaseAsTheScaleGrows() {
        SplittableRandom rng = new SplittableRandom(14);
        for (int trial = 0; trial < 300; trial++) {
            int d = 1 + rng.nextInt(200);
            double spread = Math.sqrt(d) + 6;
            IntervalSet set = randomSet(rng, 0, spread);
            double t = pointIn(rng, set);
            double s = 0.3 + rng.nextDouble();
            double previous = TruncatedChi.of(d, s, set).pValue(t);
            for (int step = 1; step <= 5; step++) {
                double next = TruncatedChi.of(d, s * (1 + 0.2 * step), set).pValue(t);
                assertThat(next).as("d=%d %s at %s", d, set, t).isGreaterThanOrEqualTo(previous * (1 - 1e-12));
                previous = next;
            }
        }
    }

    /** A union of one to four intervals within [lo, hi] (the last one sometimes unbounded). */
    private static IntervalSet randomSet(SplittableRandom rng, double lo, double hi) {
        int k = 1 + rng.nextInt(4);
        double[] ends = new double[2 * k];
        for (int i = 0; i < ends.length; i++) {
            ends[i] = lo + (hi - lo) * rng.nextDouble();
        }
        java.util.Arrays.sort(ends);
        IntervalSet.Builder b = IntervalSet.builder();
        for (int i = 0; i < k; i++) {
            double upper = i == k - 1 && rng.nextInt(4) == 0 ? INF : ends[2 * i + 1];
            if (ends[2 * i] < upper) {
                b.add(ends[2 * i], upper);
            }
        }
        IntervalSet s = b.build();
        return s.isEmpty() ? IntervalSet.of(lo + 0.1, hi) : s;
    }

    private static double pointIn(SplittableRandom rng, IntervalSet set) {
        int i = rng.nextInt(set.size());
        double lo = set.lower(i);
        double hi = Double.isInfinite(set.upper(i)) ? lo + 2 : set.upper(i);
        return lo + (hi - lo) * (0.05 + 0.9 * rng.nextDouble());
    }
}
