package org.salientsi.api.interval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidValueException;

/**
 * Normalisation and algebra of {@link IntervalSet}. The algebra is checked against a brute-force
 * oracle: random raw interval lists with ends on a lattice of step 0.25 in [-5, 5] (so that touching
 * and overlapping intervals are common), plus some infinite ends, evaluated on a grid made of the
 * lattice points, the midpoints between them, and far points.
 */
class IntervalSetTest {

    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double STEP = 0.25;
    private static final int PAIRS = 200;

    private final ObjectMapper json = new ObjectMapper();

    // ---------------------------------------------------------------- normalisation, by hand

    @Test
    void emptySetHasNothing() {
        IntervalSet e = IntervalSet.empty();
        assertThat(e.isEmpty()).isTrue();
        assertThat(e.size()).isZero();
        assertThat(e.measure()).isZero();
        assertThat(e.contains(0)).isFalse();
        assertThat(e.indexOf(0)).isEqualTo(-1);
        assertThat(e.intervals()).isEmpty();
        assertThat(IntervalSet.builder().build()).isEqualTo(e);
        assertThat(IntervalSet.of()).isEqualTo(e);
    }

    @Test
    void emptySetHasNoInfimumOrSupremum() {
        assertThatThrownBy(() -> IntervalSet.empty().infimum()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> IntervalSet.empty().supremum()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void emptySetIsNeutralForUnionAndAbsorbingForIntersection() {
        IntervalSet s = IntervalSet.of(Interval.of(-1, 0), Interval.of(2, 3));
        assertThat(s.union(IntervalSet.empty())).isEqualTo(s);
        assertThat(IntervalSet.empty().union(s)).isEqualTo(s);
        assertThat(s.intersect(IntervalSet.empty())).isEqualTo(IntervalSet.empty());
        assertThat(IntervalSet.empty().complement(Interval.of(-2, 5))).isEqualTo(IntervalSet.of(-2, 5));
    }

    @Test
    void singleIntervalFactoryValidates() {
        assertThat(IntervalSet.of(-1.5, 2.5).intervals()).containsExactly(Interval.of(-1.5, 2.5));
        assertThatThrownBy(() -> IntervalSet.of(2.5, -1.5)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("2.5");
        assertThatThrownBy(() -> IntervalSet.of(Double.NaN, 1)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("NaN");
    }

    @Test
    void sortsIntervalsGivenInReverseOrder() {
        IntervalSet s = IntervalSet.of(Interval.of(4, 5), Interval.of(2, 3), Interval.of(-1, 0));
        assertThat(s.intervals()).containsExactly(Interval.of(-1, 0), Interval.of(2, 3), Interval.of(4, 5));
    }

    @Test
    void mergesTouchingIntervals() {
        IntervalSet s = IntervalSet.of(Interval.of(1, 2), Interval.of(0, 1), Interval.of(2, 3));
        assertThat(s.intervals()).containsExactly(Interval.of(0, 3));
    }

    @Test
    void mergesOverlappingAndNestedIntervals() {
        IntervalSet s = IntervalSet.of(Interval.of(0, 2), Interval.of(1, 4), Interval.of(1.5, 1.75),
                Interval.of(6, 7), Interval.of(5, 6.5));
        assertThat(s.intervals()).containsExactly(Interval.of(0, 4), Interval.of(5, 7));
    }

    @Test
    void keepsSeparatedIntervalsApart() {
        IntervalSet s = IntervalSet.of(Interval.of(0, 1), Interval.of(Math.nextUp(1.0), 2));
        assertThat(s.size()).isEqualTo(2);
    }

    @Test
    void mergesInfiniteIntervals() {
        IntervalSet s = IntervalSet.of(Interval.of(-INF, 0), Interval.of(-1, 1), Interval.of(3, INF),
                Interval.of(2, 3));
        assertThat(s.intervals()).containsExactly(Interval.of(-INF, 1), Interval.of(2, INF));
        assertThat(IntervalSet.of(Interval.of(-INF, 0), Interval.of(0, INF)).intervals())
                .containsExactly(Interval.REAL_LINE);
    }

    @Test
    void builderGivesTheSameSetInEveryOrder() {
        List<Interval> parts = new ArrayList<>(List.of(Interval.of(-4, -3), Interval.of(-3, -2.5),
                Interval.of(-1, 1), Interval.of(0, 0.5), Interval.of(0.75, 2), Interval.of(3, 4), Interval.of(5, INF)));
        IntervalSet expected = IntervalSet.of(Interval.of(-4, -2.5), Interval.of(-1, 2), Interval.of(3, 4),
                Interval.of(5, INF));
        Random shuffler = new Random(20240611L);
        for (int round = 0; round < 100; round++) {
            Collections.shuffle(parts, shuffler);
            IntervalSet.Builder b = IntervalSet.builder();
            for (Interval i : parts) {
                b.add(i.lo(), i.hi());
            }
            assertThat(b.build()).as("order %s", parts).isEqualTo(expected);
            assertThat(IntervalSet.of(parts)).as("order %s", parts).isEqualTo(expected);
        }
    }

    @Test
    void builderRejectsNaNAndReversedEnds() {
        assertThatThrownBy(() -> IntervalSet.builder().add(Double.NaN, 1)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> IntervalSet.builder().add(1.75, 1.25)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("1.75");
        assertThatThrownBy(() -> IntervalSet.builder().add(1, 1)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void builderReportsWhetherEmpty() {
        IntervalSet.Builder b = IntervalSet.builder();
        assertThat(b.isEmpty()).isTrue();
        b.add(0, 1);
        assertThat(b.isEmpty()).isFalse();
    }

    @Test
    void builderGrowsPastItsInitialCapacity() {
        IntervalSet.Builder b = IntervalSet.builder();
        for (int k = 99; k >= 0; k--) {
            b.add(2 * k, 2 * k + 1);
        }
        IntervalSet s = b.build();
        assertThat(s.size()).isEqualTo(100);
        for (int k = 0; k < 100; k++) {
            assertThat(s.interval(k)).isEqualTo(Interval.of(2 * k, 2 * k + 1));
        }
    }

    @Test
    void intervalsViewIsReadOnly() {
        IntervalSet s = IntervalSet.of(0, 1);
        assertThatThrownBy(() -> s.intervals().add(Interval.of(2, 3)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void intersectionDropsSinglePoints() {
        IntervalSet a = IntervalSet.of(Interval.of(0, 1), Interval.of(2, 3));
        IntervalSet b = IntervalSet.of(Interval.of(1, 2));
        assertThat(a.intersect(b)).isEqualTo(IntervalSet.empty());
    }

    @Test
    void complementIsTheClosureWithinTheRange() {
        IntervalSet s = IntervalSet.of(Interval.of(-1, 0), Interval.of(2, 3));
        assertThat(s.complement(Interval.of(-5, 5)).intervals())
                .containsExactly(Interval.of(-5, -1), Interval.of(0, 2), Interval.of(3, 5));
        assertThat(s.complement(Interval.REAL_LINE).intervals())
                .containsExactly(Interval.of(-INF, -1), Interval.of(0, 2), Interval.of(3, INF));
        assertThat(s.complement(Interval.of(-0.5, 2.5)).intervals()).containsExactly(Interval.of(0, 2));
        assertThat(s.complement(Interval.of(-0.75, -0.25))).isEqualTo(IntervalSet.empty());
    }

    @Test
    void infiniteEndsAreOpen() {
        // as Interval: an infinite end is open, so +-inf is in no set (TruncatedNormal relies on contains(t))
        IntervalSet s = IntervalSet.of(Interval.of(-INF, -1), Interval.of(1, INF));
        assertThat(s.contains(INF)).isFalse();
        assertThat(s.contains(-INF)).isFalse();
        assertThat(s.indexOf(INF)).isEqualTo(-1);
        assertThat(s.indexOf(-INF)).isEqualTo(-1);
    }

    @Test
    void measureAddsLengths() {
        assertThat(IntervalSet.of(Interval.of(-1, 0.5), Interval.of(2, 2.25)).measure()).isEqualTo(1.75);
        assertThat(IntervalSet.of(Interval.of(-1, 0.5), Interval.of(2, INF)).measure()).isEqualTo(INF);
    }

    // ---------------------------------------------------------------- algebra against brute force

    /** Raw (unnormalised) intervals as {lo, hi} pairs; membership is checked by scanning them. */
    private record Raw(List<double[]> parts) {
        boolean contains(double x) {
            for (double[] p : parts) {
                if (p[0] <= x && x <= p[1]) {
                    return true;
                }
            }
            return false;
        }

        double min() {
            return parts.stream().mapToDouble(p -> p[0]).min().orElseThrow();
        }

        double max() {
            return parts.stream().mapToDouble(p -> p[1]).max().orElseThrow();
        }

        boolean bounded() {
            return Double.isFinite(min()) && Double.isFinite(max());
        }

        IntervalSet build() {
            IntervalSet.Builder b = IntervalSet.builder();
            for (double[] p : parts) {
                b.add(p[0], p[1]);
            }
            return b.build();
        }
    }

    private static Raw randomRaw(SplittableRandom rng) {
        int n = 1 + rng.nextInt(6);
        List<double[]> parts = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int a = rng.nextInt(-20, 20); // lattice index of lo, in [-5, 5)
            int b = rng.nextInt(a + 1, Math.min(a + 1 + rng.nextInt(1, 12), 21)); // hi > lo, in (lo, 5]
            double lo = a * STEP;
            double hi = b * STEP;
            if (rng.nextInt(12) == 0) {
                lo = -INF;
            }
            if (rng.nextInt(12) == 0) {
                hi = INF;
            }
            parts.add(new double[] {lo, hi});
        }
        return new Raw(parts);
    }

    private static Interval randomRange(SplittableRandom rng) {
        int kind = rng.nextInt(6);
        if (kind == 0) {
            return Interval.REAL_LINE;
        }
        int a = rng.nextInt(-22, 22);
        int b = rng.nextInt(a + 1, 23);
        double lo = kind == 1 ? -INF : a * STEP;
        double hi = kind == 2 ? INF : b * STEP;
        return Interval.of(lo, hi);
    }

    /** Lattice points k * 0.25 for |k| <= 24 (covering [-6, 6]). */
    private static double[] latticePoints() {
        double[] xs = new double[49];
        for (int k = -24; k <= 24; k++) {
            xs[k + 24] = k * STEP;
        }
        return xs;
    }

    /** Midpoints (k + 1/2) * 0.25 for -24 <= k < 24, plus far points on both sides. */
    private static double[] midpoints() {
        double[] xs = new double[48 + 4];
        for (int k = -24; k < 24; k++) {
            xs[k + 24] = (k + 0.5) * STEP;
        }
        xs[48] = -1e9;
        xs[49] = 1e9;
        xs[50] = -1e300;
        xs[51] = 1e300;
        return xs;
    }

    private static double[] allPoints() {
        double[] l = latticePoints();
        double[] m = midpoints();
        double[] out = new double[l.length + m.length];
        System.arraycopy(l, 0, out, 0, l.length);
        System.arraycopy(m, 0, out, l.length, m.length);
        return out;
    }

    /** Grid-counted measure within [-6, 6]: cells of width 0.25 whose midpoint belongs. */
    private static double gridMeasure(java.util.function.DoublePredicate member) {
        int cells = 0;
        for (int k = -24; k < 24; k++) {
            if (member.test((k + 0.5) * STEP)) {
                cells++;
            }
        }
        return cells * STEP;
    }

    private static void assertNormalised(IntervalSet s, String label) {
        for (int i = 0; i < s.size(); i++) {
            assertThat(s.lower(i)).as("%s: interval %d ends in order", label, i).isLessThan(s.upper(i));
            assertThat(s.interval(i)).isEqualTo(Interval.of(s.lower(i), s.upper(i)));
            if (i + 1 < s.size()) {
                assertThat(s.upper(i)).as("%s: interval %d ends strictly before the next starts", label, i)
                        .isLessThan(s.lower(i + 1));
            }
        }
    }

    @Test
    void normalisationKeepsExactlyTheRawMembership() {
        SplittableRandom rng = new SplittableRandom(0x5EED0001L);
        for (int trial = 0; trial < PAIRS; trial++) {
            Raw raw = randomRaw(rng);
            IntervalSet s = raw.build();
            String label = "trial " + trial + " " + s;
            assertNormalised(s, label);
            for (double x : allPoints()) {
                assertThat(s.contains(x)).as("%s contains %s", label, x).isEqualTo(raw.contains(x));
            }
        }
    }

    @Test
    void unionMatchesPointwiseOrOnTheGrid() {
        SplittableRandom rng = new SplittableRandom(0x5EED0002L);
        for (int trial = 0; trial < PAIRS; trial++) {
            Raw a = randomRaw(rng);
            Raw b = randomRaw(rng);
            IntervalSet u = a.build().union(b.build());
            String label = "trial " + trial + " " + a.build() + " U " + b.build();
            assertNormalised(u, label);
            for (double x : allPoints()) {
                assertThat(u.contains(x)).as("%s at %s", label, x).isEqualTo(a.contains(x) || b.contains(x));
            }
            assertThat(b.build().union(a.build())).as(label).isEqualTo(u);
        }
    }

    @Test
    void intersectionMatchesPointwiseAndUpToMeasureZero() {
        SplittableRandom rng = new SplittableRandom(0x5EED0003L);
        for (int trial = 0; trial < PAIRS; trial++) {
            Raw a = randomRaw(rng);
            Raw b = randomRaw(rng);
            IntervalSet i = a.build().intersect(b.build());
            String label = "trial " + trial + " " + a.build() + " n " + b.build();
            assertNormalised(i, label);
            for (double x : midpoints()) {
                assertThat(i.contains(x)).as("%s at %s", label, x).isEqualTo(a.contains(x) && b.contains(x));
            }
            for (double x : latticePoints()) {
                if (i.contains(x)) {
                    assertThat(a.contains(x) && b.contains(x)).as("%s: %s is in both", label, x).isTrue();
                }
            }
            assertThat(b.build().intersect(a.build())).as(label).isEqualTo(i);
        }
    }

    @Test
    void intersectionWithAnIntervalMatchesIntersectionWithItsSet() {
        SplittableRandom rng = new SplittableRandom(0x5EED0004L);
        for (int trial = 0; trial < PAIRS; trial++) {
            Raw a = randomRaw(rng);
            Interval range = randomRange(rng);
            IntervalSet i = a.build().intersect(range);
            for (double x : midpoints()) {
                assertThat(i.contains(x)).as("trial %d: %s n %s at %s", trial, a.build(), range, x)
                        .isEqualTo(a.contains(x) && range.contains(x));
            }
        }
    }

    @Test
    void complementMatchesPointwiseNegationWithinTheRange() {
        SplittableRandom rng = new SplittableRandom(0x5EED0005L);
        for (int trial = 0; trial < PAIRS; trial++) {
            Raw a = randomRaw(rng);
            Interval range = randomRange(rng);
            IntervalSet s = a.build();
            IntervalSet c = s.complement(range);
            String label = "trial " + trial + " " + range + " \\ " + s;
            assertNormalised(c, label);
            for (double x : midpoints()) {
                boolean inRange = range.contains(x);
                assertThat(c.contains(x)).as("%s at %s", label, x).isEqualTo(inRange && !a.contains(x));
            }
            for (double x : latticePoints()) {
                boolean strictlyInside = range.lo() < x && x < range.hi();
                if (strictlyInside && !a.contains(x)) {
                    assertThat(c.contains(x)).as("%s: %s is outside the set", label, x).isTrue();
                }
                if (!range.contains(x)) {
                    assertThat(c.contains(x)).as("%s: %s is outside the range", label, x).isFalse();
                }
                if (range.contains(x)) {
                    assertThat(s.contains(x) || c.contains(x)).as("%s: set and complement cover %s", label, x)
                            .isTrue();
                }
            }
            assertThat(s.intersect(c)).as("%s: set and complement overlap in measure zero", label)
                    .isEqualTo(IntervalSet.empty());
        }
    }

    @Test
    void containsAndIndexOfAgreeWithALinearScan() {
        SplittableRandom rng = new SplittableRandom(0x5EED0006L);
        for (int trial = 0; trial < PAIRS; trial++) {
            Raw raw = randomRaw(rng);
            IntervalSet s = raw.build();
            for (double x : allPoints()) {
                int expected = -1;
                for (int k = 0; k < s.size(); k++) {
                    if (s.lower(k) <= x && x <= s.upper(k)) {
                        expected = k;
                    }
                }
                assertThat(s.indexOf(x)).as("trial %d: %s indexOf %s", trial, s, x).isEqualTo(expected);
                assertThat(s.contains(x)).isEqualTo(expected >= 0);
            }
            assertThat(s.indexOf(Double.NaN)).isEqualTo(-1);
            assertThat(s.contains(Double.NaN)).isFalse();
        }
    }

    @Test
    void measureMatchesGridCountedLength() {
        SplittableRandom rng = new SplittableRandom(0x5EED0007L);
        for (int trial = 0; trial < PAIRS; trial++) {
            Raw a = randomRaw(rng);
            Raw b = randomRaw(rng);
            IntervalSet sa = a.build();
            IntervalSet sb = b.build();
            String label = "trial " + trial + " " + sa + ", " + sb;
            if (a.bounded()) {
                assertThat(sa.measure()).as(label).isEqualTo(gridMeasure(a::contains));
            } else {
                assertThat(sa.measure()).as(label).isEqualTo(INF);
            }
            IntervalSet both = sa.intersect(sb);
            if (a.bounded() || b.bounded()) {
                assertThat(both.measure()).as(label).isEqualTo(gridMeasure(x -> a.contains(x) && b.contains(x)));
            }
            if (a.bounded() && b.bounded()) {
                assertThat(sa.union(sb).measure()).as(label)
                        .isEqualTo(gridMeasure(x -> a.contains(x) || b.contains(x)));
            }
            Interval range = Interval.of(-5.5, 5.5);
            assertThat(sa.complement(range).measure()).as(label)
                    .isEqualTo(gridMeasure(x -> range.contains(x) && !a.contains(x)));
        }
    }

    @Test
    void infimumAndSupremumAreTheExtremeRawEnds() {
        SplittableRandom rng = new SplittableRandom(0x5EED0008L);
        for (int trial = 0; trial < PAIRS; trial++) {
            Raw raw = randomRaw(rng);
            IntervalSet s = raw.build();
            assertThat(s.infimum()).as("trial %d: %s", trial, s).isEqualTo(raw.min());
            assertThat(s.supremum()).as("trial %d: %s", trial, s).isEqualTo(raw.max());
        }
    }

    @Test
    void factoriesAndBuilderAgreeOnRandomInput() {
        SplittableRandom rng = new SplittableRandom(0x5EED0009L);
        for (int trial = 0; trial < PAIRS; trial++) {
            Raw raw = randomRaw(rng);
            List<Interval> list = raw.parts().stream().map(p -> Interval.of(p[0], p[1])).toList();
            IntervalSet built = raw.build();
            assertThat(IntervalSet.of(list)).isEqualTo(built);
            assertThat(IntervalSet.of(list.toArray(new Interval[0]))).isEqualTo(built);
            assertThat(IntervalSet.of(list).hashCode()).isEqualTo(built.hashCode());
        }
    }

    // ---------------------------------------------------------------- JSON

    @Test
    void jsonWritesInfiniteEndsAsNull() throws Exception {
        IntervalSet s = IntervalSet.of(Interval.of(-INF, -2), Interval.of(0.5, 1.25), Interval.of(3, INF));
        assertThat(json.writeValueAsString(s)).isEqualTo("[[null,-2.0],[0.5,1.25],[3.0,null]]");
        assertThat(json.writeValueAsString(IntervalSet.empty())).isEqualTo("[]");
    }

    @Test
    void jsonRoundTripKeepsTheSet() throws Exception {
        SplittableRandom rng = new SplittableRandom(0x5EED000AL);
        for (int trial = 0; trial < 50; trial++) {
            IntervalSet s = randomRaw(rng).build();
            assertThat(json.readValue(json.writeValueAsString(s), IntervalSet.class)).isEqualTo(s);
        }
        assertThat(json.readValue("[]", IntervalSet.class)).isEqualTo(IntervalSet.empty());
    }

    @Test
    void jsonReadNormalises() throws Exception {
        IntervalSet s = json.readValue("[[3.0,null],[1.0,2.0],[null,-1.0],[1.5,2.5]]", IntervalSet.class);
        assertThat(s.intervals()).containsExactly(Interval.of(-INF, -1), Interval.of(1, 2.5), Interval.of(3, INF));
    }

    @Test
    void jsonInsideAContainerUsesTheSameForm() throws Exception {
        List<IntervalSet> sets = List.of(IntervalSet.of(0, 1), IntervalSet.of(-INF, INF));
        String text = json.writeValueAsString(sets);
        assertThat(text).isEqualTo("[[[0.0,1.0]],[[null,null]]]");
        assertThat(json.readValue(text, new TypeReference<List<IntervalSet>>() { })).isEqualTo(sets);
    }
}
