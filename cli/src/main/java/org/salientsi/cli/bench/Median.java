package org.salientsi.cli.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The median of some measurements, some of which may be only lower bounds (a search stopped by its
 * budget ran at least that long). With an even count, the mean of the two middle values.
 *
 * @param value the median, or a lower bound of it; NaN for no measurement
 * @param lowerBound whether {@code value} is only a lower bound (the true median is larger)
 * @param count how many measurements
 */
public record Median(double value, boolean lowerBound, int count) {

    /** Checks the values. */
    public Median {
        if (count < 0 || (count == 0) != Double.isNaN(value) || (count == 0 && lowerBound)) {
            throw new IllegalArgumentException("a median of " + count + " values cannot be " + value);
        }
    }

    /** One measurement: a value, exact or a lower bound. */
    record Value(double value, boolean lowerBound) {
    }

    /**
     * The median, exact when it does not depend on how far the lower bounds are exceeded: when the
     * middle values are exact and no bound lies below them. Otherwise the median with each bound
     * taken at its value, which is a lower bound of the true median (the median grows with every value).
     *
     * @param values the measurements
     * @return their median
     */
    static Median of(List<Value> values) {
        int n = values.size();
        if (n == 0) {
            return new Median(Double.NaN, false, 0);
        }
        double[] low = values.stream().mapToDouble(Value::value).sorted().toArray();
        double median = 0.5 * (low[(n - 1) / 2] + low[n / 2]);
        List<Value> ordered = new ArrayList<>(values);
        ordered.sort(Comparator.comparingDouble(v -> v.lowerBound() ? Double.POSITIVE_INFINITY : v.value()));
        Value a = ordered.get((n - 1) / 2);
        Value b = ordered.get(n / 2);
        double minBound = values.stream().filter(Value::lowerBound).mapToDouble(Value::value).min()
                .orElse(Double.POSITIVE_INFINITY);
        boolean exact = !a.lowerBound() && !b.lowerBound() && minBound >= b.value();
        return new Median(median, !exact, n);
    }

    /**
     * @param values exact measurements
     * @return their median
     */
    static Median ofExact(double... values) {
        return of(Arrays.stream(values).mapToObj(v -> new Value(v, false)).toList());
    }
}
