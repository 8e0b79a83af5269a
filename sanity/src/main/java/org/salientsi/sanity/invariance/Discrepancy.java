package org.salientsi.sanity.invariance;

import java.util.Arrays;
import org.salientsi.sanity.reliability.PairwiseSpearman;

/**
 * How far two attributions {@code A1}, {@code A2} of the same image are apart (SANITY.md section 4.6,
 * step 5): relative L2 {@code ||A1 - A2|| / (||A1|| + eps)}, relative max
 * {@code max|A1 - A2| / (max|A1| + eps)}, Spearman's rho of the flattened maps, and the IoU of their
 * top-1% and top-5% pixels (by value, ties by lower index).
 *
 * @param relL2 relative L2 distance
 * @param relMax relative max distance
 * @param spearman rank correlation ({@code NaN} if a map is constant)
 * @param topIou1 IoU of the top 1% (at least one pixel)
 * @param topIou5 IoU of the top 5% (at least one pixel)
 */
public record Discrepancy(double relL2, double relMax, double spearman, double topIou1, double topIou5) {

    private static final double EPS = 1e-30;

    /**
     * @param a1 the first attribution
     * @param a2 the second, same length
     * @return their discrepancy
     */
    public static Discrepancy of(double[] a1, double[] a2) {
        double d2 = 0;
        double n2 = 0;
        double dm = 0;
        double nm = 0;
        for (int i = 0; i < a1.length; i++) {
            double d = a1[i] - a2[i];
            d2 += d * d;
            n2 += a1[i] * a1[i];
            dm = Math.max(dm, Math.abs(d));
            nm = Math.max(nm, Math.abs(a1[i]));
        }
        return new Discrepancy(Math.sqrt(d2) / (Math.sqrt(n2) + EPS), dm / (nm + EPS), PairwiseSpearman.rho(a1, a2),
                topIou(a1, a2, 0.01), topIou(a1, a2, 0.05));
    }

    private static double topIou(double[] a, double[] b, double fraction) {
        int k = Math.max(1, (int) Math.round(fraction * a.length));
        boolean[] ta = top(a, k);
        boolean[] tb = top(b, k);
        int inter = 0;
        int union = 0;
        for (int i = 0; i < a.length; i++) {
            inter += ta[i] && tb[i] ? 1 : 0;
            union += ta[i] || tb[i] ? 1 : 0;
        }
        return (double) inter / union;
    }

    private static boolean[] top(double[] v, int k) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (x, y) -> Double.compare(v[y], v[x]));
        boolean[] out = new boolean[v.length];
        for (int i = 0; i < k; i++) {
            out[idx[i]] = true;
        }
        return out;
    }
}
