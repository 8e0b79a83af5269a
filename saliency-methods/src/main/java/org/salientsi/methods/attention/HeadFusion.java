package org.salientsi.methods.attention;

import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.eval.LineBounds;

/**
 * How the heads of an attention node become one {@code N x N} matrix: their mean (the default, as Abnar
 * and Zuidema's rollout), their elementwise maximum, or one head. Over a segment of the test line each
 * head's probabilities lie between the lowest and highest values of their centre-radius lines, clipped to
 * {@code [0, 1]} and tightened by each row's sum being 1 ({@link RowSum}); the fused matrix's bounds
 * follow (for the mean also the lowest and highest of the mean of the lines, which keeps their common
 * dependence on {@code z}).
 *
 * @param kind mean, max or one head
 * @param head the head, for {@link Kind#ONE}; else -1
 */
record HeadFusion(Kind kind, int head) {

    /** The fusions. */
    enum Kind {
        /** The mean over heads. */
        MEAN,
        /** The elementwise maximum over heads. */
        MAX,
        /** One head. */
        ONE
    }

    /** The mean over heads. */
    static final HeadFusion MEAN = new HeadFusion(Kind.MEAN, -1);

    /**
     * @param heads the {@code heads} option (mean or max), or null
     * @param head the {@code head} option, or null
     * @return the fusion
     * @throws InvalidInputException if the value is not one of these, or both are given
     */
    static HeadFusion parse(String heads, String head) {
        if (head != null) {
            if (heads != null) {
                throw new InvalidInputException("method options " + AttentionMethod.HEADS + " and "
                        + AttentionMethod.HEAD + " exclude each other; give one");
            }
            int k;
            try {
                k = Integer.parseInt(head.trim());
            } catch (NumberFormatException e) {
                k = -1;
            }
            if (k < 0) {
                throw new InvalidInputException("method option " + AttentionMethod.HEAD
                        + " must be a head's index >= 0, got '" + head + "'");
            }
            return new HeadFusion(Kind.ONE, k);
        }
        if (heads == null || heads.equals("mean")) {
            return MEAN;
        }
        if (heads.equals("max")) {
            return new HeadFusion(Kind.MAX, -1);
        }
        throw new InvalidInputException("method option " + AttentionMethod.HEADS + " must be mean or max, got '"
                + heads + "'");
    }

    /**
     * @param heads the node's heads
     * @param node its name
     * @throws InvalidInputException if the chosen head is not one of them
     */
    void check(int heads, String node) {
        if (kind == Kind.ONE && head >= heads) {
            throw new InvalidInputException("method option " + AttentionMethod.HEAD + " " + head + " is not a head of '"
                    + node + "', which has " + heads + " (0 to " + (heads - 1) + ")");
        }
    }

    /**
     * Fuses rows {@code 0..rows-1} of the heads' {@code N x N} matrices.
     *
     * @param a the node's values, {@code heads x n x n} (CHW)
     * @param heads heads
     * @param n tokens
     * @param rows how many leading rows
     * @param out receives {@code rows x n} values
     */
    void fuse(double[] a, int heads, int n, int rows, double[] out) {
        int size = rows * n;
        int plane = n * n;
        switch (kind) {
            case ONE -> System.arraycopy(a, head * plane, out, 0, size);
            case MAX -> {
                System.arraycopy(a, 0, out, 0, size);
                for (int h = 1; h < heads; h++) {
                    for (int i = 0; i < size; i++) {
                        out[i] = Math.max(out[i], a[h * plane + i]);
                    }
                }
            }
            default -> {
                java.util.Arrays.fill(out, 0, size, 0.0);
                for (int h = 0; h < heads; h++) {
                    for (int i = 0; i < size; i++) {
                        out[i] += a[h * plane + i];
                    }
                }
                for (int i = 0; i < size; i++) {
                    out[i] /= heads;
                }
            }
        }
    }

    /**
     * Bounds the fused rows {@code 0..rows-1} over the segment of {@code bounds}.
     *
     * @param bounds the network's bounds over a segment
     * @param node the attention node's id
     * @param heads heads
     * @param n tokens
     * @param rows how many leading rows
     * @param lower receives {@code rows x n} lower bounds
     * @param upper receives {@code rows x n} upper bounds
     * @param scratch {@code 2 x n} values of work space
     */
    void bound(LineBounds bounds, int node, int heads, int n, int rows, double[] lower, double[] upper,
               double[][] scratch) {
        double[] cp = bounds.centreIntercept(node);
        double[] cq = bounds.centreSlope(node);
        double[] rp = bounds.radiusIntercept(node);
        double[] rq = bounds.radiusSlope(node);
        int plane = n * n;
        double[] lo = scratch[0];
        double[] hi = scratch[1];
        for (int r = 0; r < rows; r++) {
            int row = r * n;
            java.util.Arrays.fill(lower, row, row + n, 0.0);
            java.util.Arrays.fill(upper, row, row + n, 0.0);
            int first = kind == Kind.ONE ? head : 0;
            int end = kind == Kind.ONE ? head + 1 : heads;
            for (int h = first; h < end; h++) {
                int base = h * plane + row;
                for (int j = 0; j < n; j++) {
                    int i = base + j;
                    lo[j] = Math.max(0.0, bounds.lowest(cp[i] - rp[i], cq[i] - rq[i]));
                    hi[j] = Math.min(1.0, bounds.highest(cp[i] + rp[i], cq[i] + rq[i]));
                }
                RowSum.tighten(lo, hi, 0, n);
                for (int j = 0; j < n; j++) {
                    switch (kind) {
                        case ONE -> {
                            lower[row + j] = lo[j];
                            upper[row + j] = hi[j];
                        }
                        case MAX -> {
                            lower[row + j] = Math.max(lower[row + j], lo[j]);
                            upper[row + j] = Math.max(upper[row + j], hi[j]);
                        }
                        default -> {
                            lower[row + j] += lo[j];
                            upper[row + j] += hi[j];
                        }
                    }
                }
            }
            if (kind == Kind.MEAN) {
                meanOfLines(bounds, cp, cq, rp, rq, heads, plane, row, n, lower, upper);
                RowSum.tighten(lower, upper, row, n);
            }
        }
    }

    /** The mean's bounds: the tighter of the mean of the heads' bounds and the bounds of the mean line. */
    private static void meanOfLines(LineBounds bounds, double[] cp, double[] cq, double[] rp, double[] rq, int heads,
                                    int plane, int row, int n, double[] lower, double[] upper) {
        for (int j = 0; j < n; j++) {
            double lp = 0;
            double lq = 0;
            double up = 0;
            double uq = 0;
            for (int h = 0; h < heads; h++) {
                int i = h * plane + row + j;
                lp += cp[i] - rp[i];
                lq += cq[i] - rq[i];
                up += cp[i] + rp[i];
                uq += cq[i] + rq[i];
            }
            double l = Math.max(lower[row + j], bounds.lowest(lp, lq)) / heads;
            double u = Math.min(upper[row + j], bounds.highest(up, uq)) / heads;
            lower[row + j] = RowSum.down(l);
            upper[row + j] = RowSum.up(u);
        }
    }
}
