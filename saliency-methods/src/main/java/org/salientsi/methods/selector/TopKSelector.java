package org.salientsi.methods.selector;

import java.util.Set;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.NumericalBreakdownException;
import org.salientsi.api.eval.Decisions;
import org.salientsi.api.image.Region;
import org.salientsi.api.saliency.LinearMap;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.selection.RegionMask;
import org.salientsi.api.selection.RegionSelector;
import org.salientsi.api.selection.RegionSelectorProvider;
import org.salientsi.api.spi.Capabilities;

/**
 * Selects the {@code K} pixels of largest saliency, ties broken by the lower flat (row-major) index:
 * {@code top-k:K}, or {@code percentile:P} with \( K = \lceil n (100 - P) / 100 \rceil \) for a map of
 * {@code n} pixels (the pixels above the P-th percentile).
 *
 * <p>On a linear piece the identity of the K-th largest pixel \( j^* \) is fixed: every other pixel is
 * compared with it (a decision with root \( -(p_i - p_{j^*}) / (q_i - q_{j^*}) \); identical lines are
 * ordered by index), and the region is \( j^* \) with the \( K - 1 \) pixels that beat it. The
 * candidate \( j^* \) comes from sorting the values at {@code z} (then slopes, then indices); if the
 * comparisons, taken by the line's rule just right of {@code z}, rank it elsewhere (values within
 * rounding of each other at a breakpoint, or a block of tied zeros), the other pixels are tried by the
 * closeness of their value to the candidate's. The comparisons of a rejected candidate are true on the
 * piece too, so their narrowing is harmless.
 */
public final class TopKSelector implements RegionSelector {

    /** The selector's name. */
    public static final String NAME = "top-k";
    /** The percentile form's name. */
    public static final String PERCENTILE = "percentile";

    /** Relative margin of {@link #excludes} against rounding and ties. */
    private static final double MARGIN = 1e-9;

    private final int k;
    private final double percentile;

    private TopKSelector(int k, double percentile) {
        this.k = k;
        this.percentile = percentile;
    }

    /**
     * @param k the number of pixels, {@code >= 1}
     * @return the selector
     * @throws InvalidInputException if {@code k < 1}
     */
    public static TopKSelector of(int k) {
        if (k < 1) {
            throw new InvalidInputException("selector top-k needs K >= 1, got " + k);
        }
        return new TopKSelector(k, Double.NaN);
    }

    /**
     * @param p the percentile, in {@code [0, 100)}
     * @return the selector of the top \( \lceil n (100 - P) / 100 \rceil \) pixels
     * @throws InvalidInputException if {@code p} is outside {@code [0, 100)}
     */
    public static TopKSelector percentile(double p) {
        if (!(p >= 0 && p < 100)) {
            throw new InvalidInputException("selector percentile needs P in [0, 100), got " + p);
        }
        return new TopKSelector(-1, p);
    }

    @Override
    public String name() {
        return k > 0 ? NAME + ":" + k : PERCENTILE + ":" + Specs.format(percentile);
    }

    /**
     * @param n pixels in the map
     * @return how many this selector takes
     * @throws InvalidInputException if {@code K > n}
     */
    public int count(int n) {
        if (k > 0) {
            if (k > n) {
                throw new InvalidInputException("selector top-k:" + k + " asks for more pixels than the map's " + n);
            }
            return k;
        }
        // the 1e-9 absorbs binary rounding of (100 - P) n / 100 when it is an integer
        return Math.max(1, (int) Math.ceil((100 - percentile) * n / 100.0 - 1e-9));
    }

    @Override
    public Region select(SaliencyMap map) {
        double[] v = map.values();
        int n = v.length;
        int count = count(n);
        int[] order = new int[n];
        sort(order, n, v, null, new int[n]);
        boolean[] mask = new boolean[n];
        for (int r = 0; r < count; r++) {
            mask[order[r]] = true;
        }
        return Region.of(map.height(), map.width(), mask);
    }

    @Override
    public void select(LinearMap map, Decisions line, RegionMask out) {
        double[] p = map.p();
        double[] q = map.q();
        int n = map.size();
        int count = count(n);
        if (count == n) {
            for (int i = 0; i < n; i++) {
                out.set(i, true);
            }
            return;
        }
        SelectorScratch s = SelectorScratch.get();
        double[] v = s.doubles(0, n);
        for (int i = 0; i < n; i++) {
            v[i] = line.valueAtStart(p[i], q[i]);
        }
        int[] order = s.ints(0, n);
        sort(order, n, v, q, s.ints(1, n));
        int first = order[count - 1];
        if (beaten(line, p, q, n, first, out) == count - 1) {
            return;
        }
        // values within rounding of each other at z (a line that crosses the K-th one exactly at z, or a
        // block of tied pixels) may be ranked otherwise just right of z: try the other pixels by the
        // closeness of their value at z to the first candidate's
        double[] distance = s.doubles(1, n);
        for (int i = 0; i < n; i++) {
            distance[i] = -Math.abs(v[i] - v[first]);
        }
        sort(order, n, distance, null, s.ints(1, n));
        for (int r = 0; r < n; r++) {
            int j = order[r];
            if (j != first && beaten(line, p, q, n, j, out) == count - 1) {
                return;
            }
        }
        throw new NumericalBreakdownException("top-" + count + " selection has no consistent K-th pixel on the piece "
                + "(saliency values within rounding of each other)");
    }

    /**
     * Marks in {@code out} candidate {@code j} and the pixels that beat it just right of {@code z} (by the
     * line's rule, narrowing the piece; identical lines by index).
     *
     * @return how many pixels beat it
     */
    private static int beaten(Decisions line, double[] p, double[] q, int n, int j, RegionMask out) {
        int beaten = 0;
        for (int i = 0; i < n; i++) {
            if (i == j) {
                out.set(i, true);
                continue;
            }
            double dp = p[i] - p[j];
            double dq = q[i] - q[j];
            boolean beats = dp == 0 && dq == 0 ? i < j : line.positive(dp, dq);
            out.set(i, beats);
            beaten += beats ? 1 : 0;
        }
        return beaten;
    }

    /**
     * Sorts {@code order[0..n)} = the indices by value descending, then slope descending (if given), then
     * index ascending; a stable merge sort with {@code tmp} as buffer, no allocation.
     */
    static void sort(int[] order, int n, double[] v, double[] q, int[] tmp) {
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n - width; lo += 2 * width) {
                int mid = lo + width;
                int hi = Math.min(lo + 2 * width, n);
                int a = lo;
                int b = mid;
                int t = lo;
                while (a < mid && b < hi) {
                    tmp[t++] = before(order[b], order[a], v, q) ? order[b++] : order[a++];
                }
                while (a < mid) {
                    tmp[t++] = order[a++];
                }
                while (b < hi) {
                    tmp[t++] = order[b++];
                }
                System.arraycopy(tmp, lo, order, lo, hi - lo);
            }
        }
    }

    /** Whether {@code i} ranks strictly before {@code j}. */
    private static boolean before(int i, int j, double[] v, double[] q) {
        if (v[i] != v[j]) {
            return v[i] > v[j];
        }
        if (q != null && q[i] != q[j]) {
            return q[i] > q[j];
        }
        return i < j;
    }

    @Override
    public Set<String> capabilities() {
        return Set.of(Capabilities.EXCLUDES_REGIONS, Capabilities.INCLUDES_REGIONS);
    }

    /**
     * True when some pixel of the observed region is surely beaten by K others (its upper bound is below
     * the K-th largest lower bound), or some pixel outside it surely beats all but fewer than K (its lower
     * bound is above the (K+1)-th largest upper bound), by a margin of {@code 1e-9 (1 + |bounds|)} that
     * absorbs rounding and keeps ties out.
     */
    @Override
    public boolean excludes(double[] lower, double[] upper, int height, int width, boolean[] observed) {
        int n = height * width;
        int kk = count(n);
        if (kk >= n) {
            return false;
        }
        double[] lo = java.util.Arrays.copyOf(lower, n);
        double[] hi = java.util.Arrays.copyOf(upper, n);
        java.util.Arrays.sort(lo);
        java.util.Arrays.sort(hi);
        double kthLower = lo[n - kk];
        double nextUpper = hi[n - kk - 1];
        for (int i = 0; i < n; i++) {
            if (observed[i]) {
                if (upper[i] < kthLower - MARGIN * (1 + Math.abs(upper[i]) + Math.abs(kthLower))) {
                    return true;
                }
            } else if (lower[i] > nextUpper + MARGIN * (1 + Math.abs(lower[i]) + Math.abs(nextUpper))) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the observed region has exactly K pixels and its smallest lower bound is above the largest
     * upper bound outside it, by the margin of {@link #excludes} (then every map within the bounds ranks
     * the region's pixels first, with no tie to break).
     */
    @Override
    public boolean includes(double[] lower, double[] upper, int height, int width, boolean[] observed) {
        int n = height * width;
        int kk = count(n);
        double inside = Double.POSITIVE_INFINITY;
        double outside = Double.NEGATIVE_INFINITY;
        int size = 0;
        for (int i = 0; i < n; i++) {
            if (observed[i]) {
                size++;
                inside = Math.min(inside, lower[i]);
            } else {
                outside = Math.max(outside, upper[i]);
            }
        }
        if (kk >= n) {
            return size == n;
        }
        if (size != kk) {
            return false;
        }
        return inside > outside + MARGIN * (1 + Math.abs(inside) + Math.abs(outside));
    }

    /** Provides {@code top-k:K}. */
    public static final class Provider implements RegionSelectorProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "top-k:K selects the K pixels of largest saliency (ties to the lower index)";
        }

        @Override
        public int rank() {
            return 30;
        }

        @Override
        public RegionSelector create(String argument) {
            double v = Specs.number(NAME, argument, Double.NaN);
            if (v != Math.rint(v) || v < 1 || v > Integer.MAX_VALUE) {
                throw new InvalidInputException("selector top-k:" + argument + " needs a whole number K >= 1");
            }
            return of((int) v);
        }
    }

    /** Provides {@code percentile:P}. */
    public static final class PercentileProvider implements RegionSelectorProvider {
        @Override
        public String name() {
            return PERCENTILE;
        }

        @Override
        public String description() {
            return "percentile:P selects the top ceil(n (100 - P) / 100) pixels (top-k with that K)";
        }

        @Override
        public int rank() {
            return 31;
        }

        @Override
        public RegionSelector create(String argument) {
            return percentile(Specs.number(PERCENTILE, argument, Double.NaN));
        }
    }
}
