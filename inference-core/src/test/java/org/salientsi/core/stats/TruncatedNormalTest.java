package org.salientsi.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.interval.Interval;
import org.salientsi.api.interval.IntervalSet;
import org.salientsi.api.result.Alternative;

/**
 * {@link TruncatedNormal} against closed forms built from Commons Math 3's {@link NormalDistribution}:
 * for one interval {@code [l, u]}, \( F(x) = (\Phi(x) - \Phi(l)) / (\Phi(u) - \Phi(l)) \). Each mass
 * {@code P(a <= X <= b)} is formed in the tail where it does not cancel (lower CDFs below the mean,
 * upper tails, through the mirrored distribution, above it), and the test keeps the ends within three
 * standard deviations and the pieces at least a quarter of one wide, so that the reference itself is
 * good to about 1e-14 relative.
 */
class TruncatedNormalTest {

    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double REL = 1e-12;

    /** Reference masses under N(mean, sd^2) from Commons Math. */
    private static final class Reference {
        private final double mean;
        private final NormalDistribution lower;
        private final NormalDistribution mirrored;

        Reference(double mean, double sd) {
            this.mean = mean;
            this.lower = new NormalDistribution(null, mean, sd);
            this.mirrored = new NormalDistribution(null, -mean, sd);
        }

        /** P(X <= x). */
        double cdf(double x) {
            return lower.cumulativeProbability(x);
        }

        /** P(X >= x), through the mirror -X ~ N(-mean, sd^2). */
        double upper(double x) {
            return mirrored.cumulativeProbability(-x);
        }

        /** P(a <= X <= b), without cancellation between two values near 1. */
        double mass(double a, double b) {
            if (!(a < b)) {
                return 0;
            }
            if (a >= mean) {
                return upper(a) - upper(b);
            }
            if (b <= mean) {
                return cdf(b) - cdf(a);
            }
            return (0.5 - cdf(a)) + (0.5 - upper(b));
        }

        double mass(IntervalSet s, double a, double b) {
            double m = 0;
            for (int i = 0; i < s.size(); i++) {
                m += mass(Math.max(a, s.lower(i)), Math.min(b, s.upper(i)));
            }
            return m;
        }
    }

    private static Offset<Double> rel(double expected) {
        return within(REL * Math.abs(expected));
    }

    // ---------------------------------------------------------------- typed errors

    @Test
    void rejectsNaNMeanNamingIt() {
        assertThatThrownBy(() -> TruncatedNormal.of(Double.NaN, 1, IntervalSet.of(-1, 1)))
                .isInstanceOf(InvalidValueException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mean")
                .hasMessageContaining("NaN");
    }

    @Test
    void rejectsInfiniteMean() {
        assertThatThrownBy(() -> TruncatedNormal.of(INF, 1, IntervalSet.of(-1, 1)))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("Infinity");
    }

    @Test
    void rejectsNaNSdNamingIt() {
        assertThatThrownBy(() -> TruncatedNormal.of(0, Double.NaN, IntervalSet.of(-1, 1)))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("sd")
                .hasMessageContaining("NaN");
    }

    @Test
    void rejectsZeroAndNegativeSdNamingThem() {
        assertThatThrownBy(() -> TruncatedNormal.of(0, 0, IntervalSet.of(-1, 1)))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("sd")
                .hasMessageContaining("0.0");
        assertThatThrownBy(() -> TruncatedNormal.of(0, -2.5, IntervalSet.of(-1, 1)))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("-2.5");
    }

    @Test
    void rejectsInfiniteSdNamingIt() {
        assertThatThrownBy(() -> TruncatedNormal.of(0, INF, IntervalSet.of(-1, 1)))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("sd")
                .hasMessageContaining("Infinity");
    }

    @Test
    void rejectsEmptyOrMissingSet() {
        assertThatThrownBy(() -> TruncatedNormal.of(0, 1, IntervalSet.empty()))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> TruncatedNormal.of(0, 1, null))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void rejectsNaNArgumentsNamingThem() {
        TruncatedNormal tn = TruncatedNormal.of(0, 1, IntervalSet.of(-1, 1));
        for (Alternative alt : Alternative.values()) {
            assertThatThrownBy(() -> tn.pValue(Double.NaN, alt)).as("%s", alt)
                    .isInstanceOf(InvalidValueException.class)
                    .hasMessageContaining("NaN");
        }
        assertThatThrownBy(() -> tn.cdf(Double.NaN)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> tn.sf(Double.NaN)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> tn.logCdf(Double.NaN)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> tn.logSf(Double.NaN)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void rejectsObservedStatisticOutsideTheSetNamingIt() {
        TruncatedNormal tn = TruncatedNormal.of(0, 1, IntervalSet.of(Interval.of(-2, -1), Interval.of(1, 2)));
        for (double t : new double[] {0.375, -2.125, 2.625}) {
            for (Alternative alt : Alternative.values()) {
                assertThatThrownBy(() -> tn.pValue(t, alt)).as("t %s %s", t, alt)
                        .isInstanceOf(InvalidValueException.class)
                        .hasMessageContaining(Double.toString(t));
                assertThatThrownBy(() -> tn.logPValue(t, alt)).isInstanceOf(InvalidValueException.class);
            }
        }
    }

    @Test
    void rejectsInfiniteStatisticAsInvalidValue() {
        // T = eta^T Y is always finite; an infinite t is bad input (exit code 2), not a numerical breakdown
        TruncatedNormal tn = TruncatedNormal.of(0, 1, IntervalSet.of(Interval.of(Double.NEGATIVE_INFINITY, -1),
                Interval.of(0, INF)));
        for (double t : new double[] {Double.NEGATIVE_INFINITY, INF}) {
            for (Alternative alt : Alternative.values()) {
                assertThatThrownBy(() -> tn.pValue(t, alt)).as("t %s %s", t, alt)
                        .isInstanceOf(InvalidValueException.class)
                        .hasMessageContaining(Double.toString(t));
            }
        }
    }

    // ---------------------------------------------------------------- single interval against Commons Math

    @Test
    void singleIntervalCdfSfAndPValuesMatchTheClosedForm() {
        SplittableRandom rng = new SplittableRandom(0xC0FFEEL);
        int checked = 0;
        for (int trial = 0; trial < 300; trial++) {
            double mean = rng.nextDouble(-2, 2);
            double sd = Math.exp(rng.nextDouble(-1.5, 1.5));
            double zl = rng.nextDouble(-3, 2.5);
            double zu = rng.nextDouble(zl + 0.5, 3);
            double l = mean + zl * sd;
            double u = mean + zu * sd;
            TruncatedNormal tn = TruncatedNormal.of(mean, sd, IntervalSet.of(l, u));
            Reference ref = new Reference(mean, sd);
            double total = ref.mass(l, u);
            for (int k = 0; k < 10; k++) {
                double x = l + rng.nextDouble(0.05, 0.95) * (u - l);
                String what = String.format("N(%s, %s^2) on [%s, %s] at %s", mean, sd, l, u, x);
                double cdf = ref.mass(l, x) / total;
                double sf = ref.mass(x, u) / total;
                assertThat(tn.cdf(x)).as(what).isCloseTo(cdf, rel(cdf));
                assertThat(tn.sf(x)).as(what).isCloseTo(sf, rel(sf));
                assertThat(tn.pValue(x, Alternative.LESS)).as(what).isCloseTo(cdf, rel(cdf));
                assertThat(tn.pValue(x, Alternative.GREATER)).as(what).isCloseTo(sf, rel(sf));
                double twoSided = Math.min(1, 2 * Math.min(cdf, sf));
                assertThat(tn.pValue(x, Alternative.TWO_SIDED)).as(what).isCloseTo(twoSided, rel(twoSided));
                double r = Math.abs(x - mean);
                double abs = (ref.mass(l, Math.min(u, mean - r)) + ref.mass(Math.max(l, mean + r), u)) / total;
                if (abs > 1e-3) {
                    // the two tails |X - mean| >= r; skip near-empty ones where the reference cancels
                    assertThat(tn.pValue(x, Alternative.ABS)).as(what).isCloseTo(abs, within(1e-12 + REL * abs));
                }
                assertThat(tn.logCdf(x)).as(what).isCloseTo(Math.log(cdf), within(1e-12));
                assertThat(tn.logSf(x)).as(what).isCloseTo(Math.log(sf), within(1e-12));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(3000);
    }

    @Test
    void cdfOutsideTheSetIsZeroBelowAndOneAbove() {
        TruncatedNormal tn = TruncatedNormal.of(0.5, 2, IntervalSet.of(Interval.of(-1, 0), Interval.of(1, 3)));
        assertThat(tn.cdf(-5)).isZero();
        assertThat(tn.sf(-5)).isEqualTo(1.0);
        assertThat(tn.cdf(7)).isEqualTo(1.0);
        assertThat(tn.sf(7)).isZero();
    }

    @Test
    void cdfAndSfAtInfinityAreZeroAndOne() {
        // documented to throw only for NaN; F(-inf) = 0 and F(+inf) = 1 for every set
        IntervalSet bounded = IntervalSet.of(-1, 1);
        IntervalSet unbounded = IntervalSet.of(Interval.of(Double.NEGATIVE_INFINITY, -1), Interval.of(0, 1));
        for (IntervalSet set : new IntervalSet[] {bounded, unbounded}) {
            TruncatedNormal tn = TruncatedNormal.of(0, 1, set);
            assertThat(tn.cdf(Double.NEGATIVE_INFINITY)).as("%s", set).isZero();
            assertThat(tn.sf(Double.NEGATIVE_INFINITY)).as("%s", set).isEqualTo(1.0);
            assertThat(tn.cdf(INF)).as("%s", set).isEqualTo(1.0);
            assertThat(tn.sf(INF)).as("%s", set).isZero();
        }
    }

    @Test
    void cdfIsFlatAcrossAGapAndEqualsTheMassOfWhatLiesBelow() {
        IntervalSet set = IntervalSet.of(Interval.of(-1.5, -0.25), Interval.of(0.5, 2.0));
        TruncatedNormal tn = TruncatedNormal.of(0.25, 1.25, set);
        Reference ref = new Reference(0.25, 1.25);
        double expected = ref.mass(-1.5, -0.25) / (ref.mass(-1.5, -0.25) + ref.mass(0.5, 2.0));
        for (double x : new double[] {-0.25, 0, 0.25, 0.5}) {
            assertThat(tn.cdf(x)).as("x %s", x).isCloseTo(expected, rel(expected));
            assertThat(tn.sf(x)).as("x %s", x).isCloseTo(1 - expected, rel(1 - expected));
        }
    }

    // ---------------------------------------------------------------- identities on unions of intervals

    private static IntervalSet randomSet(SplittableRandom rng, double mean, double sd) {
        IntervalSet.Builder b = IntervalSet.builder();
        int n = 1 + rng.nextInt(5);
        for (int i = 0; i < n; i++) {
            double lo = mean + sd * rng.nextDouble(-6, 5);
            double hi = lo + sd * rng.nextDouble(0.01, 2);
            b.add(rng.nextInt(10) == 0 ? Double.NEGATIVE_INFINITY : lo, rng.nextInt(10) == 0 ? INF : hi);
        }
        return b.build();
    }

    /** A finite point of the set, within 3 sd of a finite end of an unbounded interval. */
    private static double pointInside(SplittableRandom rng, IntervalSet s, double mean, double sd) {
        int i = rng.nextInt(s.size());
        double lo = s.lower(i);
        double hi = s.upper(i);
        if (Double.isInfinite(lo) && Double.isInfinite(hi)) {
            lo = mean - 3 * sd;
            hi = mean + 3 * sd;
        } else if (Double.isInfinite(lo)) {
            lo = hi - 3 * sd;
        } else if (Double.isInfinite(hi)) {
            hi = lo + 3 * sd;
        }
        return lo + rng.nextDouble() * (hi - lo);
    }

    @Test
    void cdfPlusSfIsOneInsideTheSet() {
        SplittableRandom rng = new SplittableRandom(31337L);
        for (int trial = 0; trial < 300; trial++) {
            double mean = rng.nextDouble(-3, 3);
            double sd = Math.exp(rng.nextDouble(-1, 1));
            IntervalSet set = randomSet(rng, mean, sd);
            TruncatedNormal tn = TruncatedNormal.of(mean, sd, set);
            for (int k = 0; k < 10; k++) {
                double x = pointInside(rng, set, mean, sd);
                assertThat(tn.cdf(x) + tn.sf(x)).as("%s at %s", tn, x).isCloseTo(1.0, within(1e-14));
            }
        }
    }

    /**
     * Non-decreasing up to rounding: the log-space evaluation uses the argument as its reference point,
     * so inside a gap (where F is flat) it can wobble by a few ulps (at most 1.6e-15 seen over 2000
     * random sets); 1e-14 is the slack.
     */
    @Test
    void cdfIsMonotoneAcrossTheWholeLine() {
        SplittableRandom rng = new SplittableRandom(4242L);
        for (int trial = 0; trial < 100; trial++) {
            double mean = rng.nextDouble(-3, 3);
            double sd = Math.exp(rng.nextDouble(-1, 1));
            IntervalSet set = randomSet(rng, mean, sd);
            TruncatedNormal tn = TruncatedNormal.of(mean, sd, set);
            double previous = 0;
            for (int k = 0; k <= 2000; k++) {
                double x = mean + sd * (-8 + 15.0 * k / 2000);
                double cdf = tn.cdf(x);
                assertThat(cdf).as("%s at %s", tn, x).isBetween(0.0, 1.0).isGreaterThanOrEqualTo(previous - 1e-14);
                previous = cdf;
            }
        }
    }

    @Test
    void statisticAtTheEndsOfTheSetGivesExtremePValues() {
        TruncatedNormal tn = TruncatedNormal.of(0, 1, IntervalSet.of(-1.5, 2));
        assertThat(tn.cdf(-1.5)).isZero();
        assertThat(tn.pValue(-1.5, Alternative.LESS)).isZero();
        assertThat(tn.pValue(-1.5, Alternative.GREATER)).isEqualTo(1.0);
        assertThat(tn.pValue(-1.5, Alternative.TWO_SIDED)).isZero();
        assertThat(tn.sf(2)).isZero();
        assertThat(tn.cdf(2)).isEqualTo(1.0);
        assertThat(tn.pValue(2, Alternative.GREATER)).isZero();
        assertThat(tn.pValue(2, Alternative.LESS)).isEqualTo(1.0);
        assertThat(tn.pValue(2, Alternative.TWO_SIDED)).isZero();
        assertThat(tn.logPValue(2, Alternative.GREATER)).isEqualTo(Double.NEGATIVE_INFINITY);
        // |X| >= 2 within [-1.5, 2] is the single point 2
        assertThat(tn.pValue(2, Alternative.ABS)).isZero();
    }

    @Test
    void statisticAtAnInnerEndIsInsideAndSplitsTheMass() {
        IntervalSet set = IntervalSet.of(Interval.of(-2, -0.5), Interval.of(0.75, 2.5));
        TruncatedNormal tn = TruncatedNormal.of(0.125, 0.875, set);
        Reference ref = new Reference(0.125, 0.875);
        double below = ref.mass(-2, -0.5);
        double total = below + ref.mass(0.75, 2.5);
        for (double t : new double[] {-0.5, 0.75}) {
            double cdf = below / total;
            assertThat(tn.pValue(t, Alternative.LESS)).as("t %s", t).isCloseTo(cdf, rel(cdf));
            assertThat(tn.pValue(t, Alternative.GREATER)).as("t %s", t).isCloseTo(1 - cdf, rel(1 - cdf));
        }
    }

    @Test
    void untruncatedDistributionIsThePlainNormal() {
        SplittableRandom rng = new SplittableRandom(2718L);
        IntervalSet line = IntervalSet.of(Interval.REAL_LINE);
        for (int trial = 0; trial < 500; trial++) {
            double mean = rng.nextDouble(-5, 5);
            double sd = Math.exp(rng.nextDouble(-2, 2));
            double z = rng.nextDouble(-6, 6);
            double x = mean + z * sd;
            TruncatedNormal tn = TruncatedNormal.of(mean, sd, line);
            Reference ref = new Reference(mean, sd);
            double cdf = ref.cdf(x);
            double sf = ref.upper(x);
            String what = String.format("N(%s, %s^2) at %s", mean, sd, x);
            assertThat(tn.cdf(x)).as(what).isCloseTo(cdf, rel(cdf));
            assertThat(tn.sf(x)).as(what).isCloseTo(sf, rel(sf));
            double twoSided = 2 * Math.min(cdf, sf);
            assertThat(tn.pValue(x, Alternative.TWO_SIDED)).as(what).isCloseTo(twoSided, rel(twoSided));
            assertThat(tn.pValue(x, Alternative.ABS)).as(what).isCloseTo(twoSided, rel(twoSided));
        }
    }

    @Test
    void absOnASetSymmetricAboutTheMeanEqualsTwoSided() {
        SplittableRandom rng = new SplittableRandom(99L);
        for (int trial = 0; trial < 200; trial++) {
            double mean = rng.nextInt(-16, 16) * 0.25;
            double sd = 0.5 + rng.nextInt(8) * 0.25;
            IntervalSet.Builder b = IntervalSet.builder();
            int n = 1 + rng.nextInt(4);
            for (int i = 0; i < n; i++) {
                // offsets on a 1/8 lattice so that mean +- offset is exact
                int a = rng.nextInt(0, 24);
                int c = rng.nextInt(a + 1, 32);
                b.add(mean + a * 0.125, mean + c * 0.125);
                b.add(mean - c * 0.125, mean - a * 0.125);
            }
            IntervalSet set = b.build();
            TruncatedNormal tn = TruncatedNormal.of(mean, sd, set);
            for (int k = 0; k < 10; k++) {
                double t = pointInside(rng, set, mean, sd);
                double twoSided = tn.pValue(t, Alternative.TWO_SIDED);
                assertThat(tn.pValue(t, Alternative.ABS)).as("%s at %s", tn, t)
                        .isCloseTo(twoSided, within(1e-14 + 1e-12 * twoSided));
            }
        }
    }

    @Test
    void absOnAnAsymmetricSetIsTheMassOfBothTails() {
        // N(0, 1) on [-1, 0.5] U [1, 3], t = 1.25: P(|X| >= 1.25) = P([1.25, 3]) (nothing below -1.25)
        IntervalSet set = IntervalSet.of(Interval.of(-1, 0.5), Interval.of(1, 3));
        TruncatedNormal tn = TruncatedNormal.of(0, 1, set);
        Reference ref = new Reference(0, 1);
        double total = ref.mass(-1, 0.5) + ref.mass(1, 3);
        double abs = ref.mass(1.25, 3) / total;
        double twoSided = 2 * abs;
        assertThat(tn.pValue(1.25, Alternative.ABS)).isCloseTo(abs, rel(abs));
        assertThat(tn.pValue(1.25, Alternative.TWO_SIDED)).isCloseTo(twoSided, rel(twoSided));
        // t = -0.75: P(|X| >= 0.75) = P([-1, -0.75]) + P([1, 3]); two-sided uses the lower tail only
        double abs2 = (ref.mass(-1, -0.75) + ref.mass(1, 3)) / total;
        double two2 = 2 * ref.mass(-1, -0.75) / total;
        assertThat(tn.pValue(-0.75, Alternative.ABS)).isCloseTo(abs2, rel(abs2));
        assertThat(tn.pValue(-0.75, Alternative.TWO_SIDED)).isCloseTo(two2, rel(two2));
    }

    @Test
    void absAtTheMeanIsOne() {
        TruncatedNormal tn = TruncatedNormal.of(0.5, 1, IntervalSet.of(Interval.of(-1, 0.75), Interval.of(2, 3)));
        assertThat(tn.pValue(0.5, Alternative.ABS)).isEqualTo(1.0);
    }

    @Test
    void pValuesLieInTheUnitInterval() {
        SplittableRandom rng = new SplittableRandom(8080L);
        for (int trial = 0; trial < 300; trial++) {
            double mean = rng.nextDouble(-3, 3);
            double sd = Math.exp(rng.nextDouble(-1, 1));
            IntervalSet set = randomSet(rng, mean, sd);
            TruncatedNormal tn = TruncatedNormal.of(mean, sd, set);
            double t = pointInside(rng, set, mean, sd);
            for (Alternative alt : Alternative.values()) {
                assertThat(tn.pValue(t, alt)).as("%s at %s %s", tn, t, alt).isBetween(0.0, 1.0);
                assertThat(tn.logPValue(t, alt)).isLessThanOrEqualTo(0.0);
            }
        }
    }

    // ---------------------------------------------------------------- withMean

    @Test
    void withMeanShiftsTheMeanAndKeepsSdAndSet() {
        IntervalSet set = IntervalSet.of(Interval.of(-2, -0.5), Interval.of(0.25, 3));
        TruncatedNormal tn = TruncatedNormal.of(0, 1.5, set);
        TruncatedNormal shifted = tn.withMean(0.75);
        assertThat(shifted.mean()).isEqualTo(0.75);
        assertThat(shifted.sd()).isEqualTo(1.5);
        assertThat(shifted.set()).isEqualTo(set);
        assertThat(tn.mean()).isZero();
        Reference ref = new Reference(0.75, 1.5);
        double total = ref.mass(set, -INF, INF);
        double cdf = ref.mass(set, -INF, 1.0) / total;
        assertThat(shifted.cdf(1.0)).isCloseTo(cdf, rel(cdf));
        double before = new Reference(0, 1.5).mass(set, -INF, 1.0) / new Reference(0, 1.5).mass(set, -INF, INF);
        assertThat(tn.cdf(1.0)).isCloseTo(before, rel(before));
    }

    @Test
    void withMeanValidates() {
        TruncatedNormal tn = TruncatedNormal.of(0, 1, IntervalSet.of(-1, 1));
        assertThatThrownBy(() -> tn.withMean(Double.NaN)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("NaN");
    }

    @Test
    void scaledLogMassOfTheWholeSetMatchesItsMass() {
        IntervalSet set = IntervalSet.of(Interval.of(-2, -0.5), Interval.of(0.25, 3));
        TruncatedNormal tn = TruncatedNormal.of(0.5, 1.25, set);
        double ref0 = 1.5;
        double z0 = (ref0 - 0.5) / 1.25;
        double expected = Math.log(new Reference(0.5, 1.25).mass(set, -INF, INF)) + 0.5 * z0 * z0;
        assertThat(tn.scaledLogMass(set, ref0)).isCloseTo(expected, within(1e-13));
        assertThat(tn.scaledLogMass(IntervalSet.empty(), ref0)).isEqualTo(Double.NEGATIVE_INFINITY);
    }
}
