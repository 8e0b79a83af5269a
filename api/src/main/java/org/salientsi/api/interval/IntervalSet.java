package org.salientsi.api.interval;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.salientsi.api.error.InvalidValueException;

/**
 * A finite union of closed intervals, kept normalised: sorted, pairwise disjoint and with no two
 * intervals touching (touching or overlapping intervals are merged). Immutable.
 *
 * <p>Sets are compared up to measure zero: an intersection that leaves a single point is empty, and
 * a complement is the closure of the set-theoretic one, so that {@code s} and
 * {@code s.complement(range)} share only their boundary points. This is the form a truncation set
 * takes on the test line: {@code Z = {z : O(a + c z) = O_obs}} (Miwa et al., ICLR 2023).
 *
 * <p>In JSON a set is {@code [[lo, hi], ...]} with {@code null} for an infinite end.
 */
public final class IntervalSet implements java.io.Serializable {

    private static final long serialVersionUID = 1L;
    private static final IntervalSet EMPTY = new IntervalSet(new double[0]);

    /** Ends, {@code lo_0, hi_0, lo_1, hi_1, ...}, strictly increasing. */
    private final double[] ends;

    private IntervalSet(double[] ends) {
        this.ends = ends;
    }

    /** Checks a deserialised set as the factories would: an even number of strictly increasing ends. */
    private Object readResolve() throws java.io.InvalidObjectException {
        if (ends == null || ends.length % 2 != 0) {
            throw new java.io.InvalidObjectException("an interval set needs an even number of ends");
        }
        for (int i = 0; i + 1 < ends.length; i++) {
            if (!(ends[i] < ends[i + 1])) {
                throw new java.io.InvalidObjectException("interval set ends must increase strictly, got "
                        + ends[i] + " then " + ends[i + 1]);
            }
        }
        return ends.length == 0 ? EMPTY : this;
    }

    /** @return the empty set */
    public static IntervalSet empty() {
        return EMPTY;
    }

    /**
     * @param intervals intervals in any order, possibly overlapping
     * @return their union
     */
    public static IntervalSet of(Interval... intervals) {
        return of(Arrays.asList(intervals));
    }

    /**
     * @param intervals intervals in any order, possibly overlapping
     * @return their union
     */
    public static IntervalSet of(Collection<Interval> intervals) {
        Builder b = builder();
        for (Interval i : intervals) {
            b.add(i.lo(), i.hi());
        }
        return b.build();
    }

    /**
     * @param lo lower end
     * @param hi upper end, {@code > lo}
     * @return the set holding one interval
     */
    public static IntervalSet of(double lo, double hi) {
        Interval.of(lo, hi);
        return new IntervalSet(new double[] {lo + 0.0, hi + 0.0});
    }

    /** @return a builder that collects intervals in any order */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the number of disjoint intervals */
    public int size() {
        return ends.length / 2;
    }

    /** @return whether the set has no interval */
    public boolean isEmpty() {
        return ends.length == 0;
    }

    /**
     * @param i index, {@code 0 <= i < size()}
     * @return the lower end of the i-th interval
     */
    public double lower(int i) {
        return ends[2 * i];
    }

    /**
     * @param i index, {@code 0 <= i < size()}
     * @return the upper end of the i-th interval
     */
    public double upper(int i) {
        return ends[2 * i + 1];
    }

    /**
     * @param i index, {@code 0 <= i < size()}
     * @return the i-th interval in increasing order
     */
    public Interval interval(int i) {
        return new Interval(ends[2 * i], ends[2 * i + 1]);
    }

    /** @return the intervals in increasing order (a read-only view) */
    public List<Interval> intervals() {
        return new AbstractList<>() {
            @Override
            public Interval get(int index) {
                return interval(index);
            }

            @Override
            public int size() {
                return IntervalSet.this.size();
            }
        };
    }

    /**
     * @param x a point
     * @return whether some interval contains {@code x} (ends included)
     */
    public boolean contains(double x) {
        int i = indexOf(x);
        return i >= 0;
    }

    /**
     * @param x a point
     * @return the index of the interval that contains {@code x}, or {@code -1}
     */
    public int indexOf(double x) {
        if (!Double.isFinite(x)) {
            return -1;
        }
        int lo = 0;
        int hi = size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (x < ends[2 * mid]) {
                hi = mid - 1;
            } else if (x > ends[2 * mid + 1]) {
                lo = mid + 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** @return the Lebesgue measure (sum of lengths), possibly infinite */
    public double measure() {
        double m = 0;
        for (int i = 0; i < ends.length; i += 2) {
            m += ends[i + 1] - ends[i];
        }
        return m;
    }

    /**
     * @return the smallest lower end
     * @throws IllegalStateException if the set is empty
     */
    public double infimum() {
        if (isEmpty()) {
            throw new IllegalStateException("empty interval set has no infimum");
        }
        return ends[0];
    }

    /**
     * @return the largest upper end
     * @throws IllegalStateException if the set is empty
     */
    public double supremum() {
        if (isEmpty()) {
            throw new IllegalStateException("empty interval set has no supremum");
        }
        return ends[ends.length - 1];
    }

    /**
     * @param other another set
     * @return the union
     */
    public IntervalSet union(IntervalSet other) {
        Builder b = builder();
        b.addAll(this);
        b.addAll(other);
        return b.build();
    }

    /**
     * @param other another set
     * @return the intersection (single points dropped)
     */
    public IntervalSet intersect(IntervalSet other) {
        Builder b = builder();
        int i = 0;
        int j = 0;
        while (i < size() && j < other.size()) {
            double lo = Math.max(lower(i), other.lower(j));
            double hi = Math.min(upper(i), other.upper(j));
            if (lo < hi) {
                b.add(lo, hi);
            }
            if (upper(i) < other.upper(j)) {
                i++;
            } else {
                j++;
            }
        }
        return b.build();
    }

    /**
     * @param range the interval to intersect with
     * @return the intersection
     */
    public IntervalSet intersect(Interval range) {
        return intersect(new IntervalSet(new double[] {range.lo(), range.hi()}));
    }

    /**
     * The closure of {@code range \ this}.
     *
     * @param range the universe
     * @return the complement within {@code range}
     */
    public IntervalSet complement(Interval range) {
        Builder b = builder();
        double start = range.lo();
        for (int i = 0; i < size() && start < range.hi(); i++) {
            double lo = lower(i);
            if (lo > start) {
                b.add(start, Math.min(lo, range.hi()));
            }
            start = Math.max(start, upper(i));
        }
        if (start < range.hi()) {
            b.add(start, range.hi());
        }
        return b.build();
    }

    /** @return the intervals as {@code [[lo, hi], ...]}, {@code null} for infinite ends */
    @JsonValue
    public List<Double[]> toJson() {
        List<Double[]> out = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            out.add(interval(i).toJson());
        }
        return out;
    }

    /**
     * Reads the JSON form.
     *
     * @param json {@code [[lo, hi], ...]}
     * @return the set (normalised)
     */
    @JsonCreator
    public static IntervalSet fromJson(List<Double[]> json) {
        Builder b = builder();
        for (Double[] pair : json) {
            Interval i = Interval.fromJson(pair);
            b.add(i.lo(), i.hi());
        }
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntervalSet s && Arrays.equals(ends, s.ends);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ends);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < size(); i++) {
            sb.append(i == 0 ? "" : " U ").append(interval(i));
        }
        return sb.append('}').toString();
    }

    /**
     * Collects intervals and builds their normalised union. Appending intervals in increasing order
     * (as a left-to-right search does) costs O(1) each; otherwise {@link #build()} sorts once.
     * Not thread-safe.
     */
    public static final class Builder {
        private double[] buf = new double[16];
        private int n;
        private boolean sorted = true;

        private Builder() {
        }

        /**
         * @param lo lower end
         * @param hi upper end, {@code > lo}
         * @return this builder
         * @throws InvalidValueException if the ends are NaN or out of order
         */
        public Builder add(double lo, double hi) {
            if (Double.isNaN(lo) || Double.isNaN(hi) || !(lo < hi)) {
                throw InvalidValueException.of("interval needs lo < hi, got [%s, %s]", lo, hi);
            }
            lo += 0.0; // -0.0 -> 0.0, so that equal sets compare equal
            hi += 0.0;
            if (sorted && n > 0) {
                double lastHi = buf[n - 1];
                if (lo >= buf[n - 2] && lo <= lastHi) {
                    buf[n - 1] = Math.max(lastHi, hi);
                    return this;
                }
                if (lo < buf[n - 2]) {
                    sorted = false;
                }
            }
            if (n + 2 > buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            buf[n++] = lo;
            buf[n++] = hi;
            return this;
        }

        /**
         * @param set intervals to add
         * @return this builder
         */
        public Builder addAll(IntervalSet set) {
            for (int i = 0; i < set.size(); i++) {
                add(set.lower(i), set.upper(i));
            }
            return this;
        }

        /** @return whether nothing has been added */
        public boolean isEmpty() {
            return n == 0;
        }

        /** @return the normalised union of what was added */
        public IntervalSet build() {
            if (n == 0) {
                return EMPTY;
            }
            int count = n / 2;
            double[] src = buf;
            if (!sorted) {
                Integer[] order = new Integer[count];
                for (int i = 0; i < count; i++) {
                    order[i] = i;
                }
                final double[] b = buf;
                Arrays.sort(order, (x, y) -> Double.compare(b[2 * x], b[2 * y]));
                src = new double[n];
                for (int i = 0; i < count; i++) {
                    src[2 * i] = b[2 * order[i]];
                    src[2 * i + 1] = b[2 * order[i] + 1];
                }
            }
            double[] out = new double[n];
            int m = 0;
            for (int i = 0; i < count; i++) {
                double lo = src[2 * i];
                double hi = src[2 * i + 1];
                if (m > 0 && lo <= out[m - 1]) {
                    out[m - 1] = Math.max(out[m - 1], hi);
                } else {
                    out[m++] = lo;
                    out[m++] = hi;
                }
            }
            return new IntervalSet(Arrays.copyOf(out, m));
        }
    }
}
