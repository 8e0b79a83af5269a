package org.salientsi.api.interval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidValueException;

class IntervalTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void rejectsNaNLowerEndNamingIt() {
        assertThatThrownBy(() -> Interval.of(Double.NaN, 1.5))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("NaN");
    }

    @Test
    void rejectsNaNUpperEndNamingIt() {
        assertThatThrownBy(() -> new Interval(-2.5, Double.NaN))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("NaN");
    }

    @Test
    void rejectsEqualEndsNamingThem() {
        assertThatThrownBy(() -> Interval.of(2.75, 2.75))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("2.75");
    }

    @Test
    void rejectsReversedEndsNamingBoth() {
        assertThatThrownBy(() -> Interval.of(3.25, -1.5))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("3.25")
                .hasMessageContaining("-1.5");
    }

    @Test
    void rejectsPositiveInfinityAsLowerEnd() {
        assertThatThrownBy(() -> Interval.of(INF, INF))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("Infinity");
    }

    @Test
    void rejectsNegativeInfinityAsUpperEnd() {
        assertThatThrownBy(() -> Interval.of(-INF, -INF))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("-Infinity");
    }

    @Test
    void invalidValueExceptionIsAnIllegalArgumentException() {
        assertThatThrownBy(() -> Interval.of(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void allowsInfiniteEndsWithInfiniteLength() {
        Interval left = Interval.of(-INF, 0.5);
        Interval right = Interval.of(-3, INF);
        assertThat(left.length()).isEqualTo(INF);
        assertThat(right.length()).isEqualTo(INF);
        assertThat(Interval.REAL_LINE.length()).isEqualTo(INF);
        assertThat(left.isBounded()).isFalse();
        assertThat(right.isBounded()).isFalse();
        assertThat(Interval.REAL_LINE.isBounded()).isFalse();
        assertThat(left.contains(-1e300)).isTrue();
        assertThat(right.contains(1e300)).isTrue();
    }

    @Test
    void infiniteEndsAreOpen() {
        // the class doc: "an infinite end is open in the usual sense", so no interval holds an infinity
        assertThat(Interval.of(0, INF).contains(INF)).isFalse();
        assertThat(Interval.of(-INF, 0).contains(-INF)).isFalse();
        assertThat(Interval.REAL_LINE.contains(INF)).isFalse();
        assertThat(Interval.REAL_LINE.contains(-INF)).isFalse();
    }

    @Test
    void lengthIsHiMinusLo() {
        assertThat(Interval.of(-1.25, 2.5).length()).isEqualTo(3.75);
        assertThat(Interval.of(-1.25, 2.5).isBounded()).isTrue();
    }

    @Test
    void containsIncludesBothEndsAndNothingOutside() {
        Interval i = Interval.of(-1, 2);
        assertThat(i.contains(-1)).isTrue();
        assertThat(i.contains(2)).isTrue();
        assertThat(i.contains(0.5)).isTrue();
        assertThat(i.contains(Math.nextDown(-1.0))).isFalse();
        assertThat(i.contains(Math.nextUp(2.0))).isFalse();
        assertThat(i.contains(Double.NaN)).isFalse();
    }

    @Test
    void jsonIsPairOfNumbers() throws Exception {
        assertThat(json.writeValueAsString(Interval.of(-1.5, 2.25))).isEqualTo("[-1.5,2.25]");
    }

    @Test
    void jsonWritesInfiniteEndsAsNull() throws Exception {
        assertThat(json.writeValueAsString(Interval.of(-INF, 2.25))).isEqualTo("[null,2.25]");
        assertThat(json.writeValueAsString(Interval.of(-1.5, INF))).isEqualTo("[-1.5,null]");
        assertThat(json.writeValueAsString(Interval.REAL_LINE)).isEqualTo("[null,null]");
    }

    @Test
    void jsonReadsNullEndsAsInfinities() throws Exception {
        assertThat(json.readValue("[null,2.25]", Interval.class)).isEqualTo(Interval.of(-INF, 2.25));
        assertThat(json.readValue("[-1.5,null]", Interval.class)).isEqualTo(Interval.of(-1.5, INF));
        assertThat(json.readValue("[null,null]", Interval.class)).isEqualTo(Interval.REAL_LINE);
    }

    @Test
    void jsonRoundTripKeepsEveryKindOfInterval() throws Exception {
        for (Interval i : new Interval[] {Interval.of(-7.125, 3e-5), Interval.of(-INF, -2), Interval.of(4, INF),
                Interval.REAL_LINE}) {
            assertThat(json.readValue(json.writeValueAsString(i), Interval.class)).isEqualTo(i);
        }
    }

    @Test
    void jsonRejectsWrongArity() {
        assertThatThrownBy(() -> json.readValue("[1.0]", Interval.class))
                .hasRootCauseInstanceOf(InvalidValueException.class);
    }

    @Test
    void jsonRejectsReversedEnds() {
        assertThatThrownBy(() -> json.readValue("[2.0,1.0]", Interval.class))
                .hasRootCauseInstanceOf(InvalidValueException.class);
    }
}
