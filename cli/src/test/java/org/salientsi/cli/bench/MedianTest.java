package org.salientsi.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Medians of measurements some of which are lower bounds (searches stopped by their budget). */
class MedianTest {

    private static Median.Value exact(double v) {
        return new Median.Value(v, false);
    }

    private static Median.Value atLeast(double v) {
        return new Median.Value(v, true);
    }

    @Test
    void exactValuesGiveTheUsualMedian() {
        assertThat(Median.ofExact(3, 1, 2)).isEqualTo(new Median(2, false, 3));
        assertThat(Median.ofExact(4, 1, 3, 2)).isEqualTo(new Median(2.5, false, 4));
        assertThat(Median.of(List.of()).count()).isZero();
    }

    @Test
    void boundsAboveTheMiddleLeaveItExact() {
        assertThat(Median.of(List.of(exact(1), exact(2), atLeast(10)))).isEqualTo(new Median(2, false, 3));
    }

    @Test
    void boundsInTheMiddleGiveALowerBound() {
        assertThat(Median.of(List.of(exact(1), atLeast(10), atLeast(10)))).isEqualTo(new Median(10, true, 3));
        // the upper middle is a bound: the median is at least (2 + 10) / 2
        assertThat(Median.of(List.of(exact(1), exact(2), atLeast(10), atLeast(10))))
                .isEqualTo(new Median(6, true, 4));
        // a bound below an exact middle value: the true order is unknown
        assertThat(Median.of(List.of(exact(1), exact(5), atLeast(3)))).isEqualTo(new Median(3, true, 3));
    }
}
