package org.salientsi.api.interval;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.salientsi.api.error.InvalidValueException;

/**
 * A closed interval {@code [lo, hi]} of the extended real line with {@code lo < hi}; an infinite end
 * is open in the usual sense. Immutable.
 *
 * <p>In JSON an interval is the array {@code [lo, hi]}, with {@code null} for an infinite end.
 *
 * @param lo the lower end, {@code -Infinity} allowed
 * @param hi the upper end, {@code +Infinity} allowed
 */
public record Interval(double lo, double hi) {

    /** The whole real line. */
    public static final Interval REAL_LINE = new Interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

    /**
     * Validates the ends.
     *
     * @throws InvalidValueException if an end is NaN, {@code lo >= hi}, {@code lo = +inf} or
     *     {@code hi = -inf}
     */
    public Interval {
        if (Double.isNaN(lo) || Double.isNaN(hi)) {
            throw InvalidValueException.of("interval end is NaN: [%s, %s]", lo, hi);
        }
        if (!(lo < hi)) {
            throw InvalidValueException.of("interval needs lo < hi, got [%s, %s]", lo, hi);
        }
    }

    /**
     * @param lo the lower end
     * @param hi the upper end
     * @return the interval {@code [lo, hi]}
     * @throws InvalidValueException as the constructor
     */
    public static Interval of(double lo, double hi) {
        return new Interval(lo, hi);
    }

    /** @return {@code hi - lo}, possibly infinite */
    public double length() {
        return hi - lo;
    }

    /**
     * @param x a point
     * @return whether {@code lo <= x <= hi} (an infinite x is never contained: infinite ends are open)
     */
    public boolean contains(double x) {
        return lo <= x && x <= hi && Double.isFinite(x);
    }

    /** @return whether both ends are finite */
    public boolean isBounded() {
        return Double.isFinite(lo) && Double.isFinite(hi);
    }

    /** @return {@code [lo, hi]} with {@code null} for an infinite end */
    @JsonValue
    public Double[] toJson() {
        return new Double[] {Double.isInfinite(lo) ? null : lo, Double.isInfinite(hi) ? null : hi};
    }

    /**
     * Reads the JSON form.
     *
     * @param ends two numbers, {@code null} for an infinite end
     * @return the interval
     */
    @JsonCreator
    public static Interval fromJson(Double[] ends) {
        if (ends == null || ends.length != 2) {
            throw new InvalidValueException("an interval is [lo, hi], got " + java.util.Arrays.toString(ends));
        }
        return new Interval(ends[0] == null ? Double.NEGATIVE_INFINITY : ends[0],
                ends[1] == null ? Double.POSITIVE_INFINITY : ends[1]);
    }

    @Override
    public String toString() {
        return "[" + lo + ", " + hi + "]";
    }
}
