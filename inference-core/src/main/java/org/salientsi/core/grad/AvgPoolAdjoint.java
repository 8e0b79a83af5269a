package org.salientsi.core.grad;

import org.salientsi.core.eval.WindowTable;

/**
 * Average pooling and global average pooling: each window spreads its gradient evenly over the
 * entries it averages (divided by the padded or the valid count, as the op says).
 */
final class AvgPoolAdjoint extends Adjoint {

    /** Per window: offsets into {@link #index}. */
    private final int[] start;
    /** The input positions of the windows, in compressed-row form. */
    private final int[] index;
    private final double[] inverseCount;

    AvgPoolAdjoint(int node, int input, WindowTable windows, boolean countIncludePad) {
        super(node, new int[] {input});
        this.start = windows.starts();
        this.index = windows.indices();
        int[] paddedCount = windows.paddedCounts();
        int n = paddedCount.length;
        this.inverseCount = new double[n];
        for (int o = 0; o < n; o++) {
            int count = countIncludePad ? paddedCount[o] : start[o + 1] - start[o];
            inverseCount[o] = count == 0 ? 0.0 : 1.0 / count;
        }
    }

    @Override
    void backward(double[] g, double[][] grad, int[] decisions) {
        double[] gx = grad[inputs[0]];
        if (gx == null) {
            return;
        }
        int[] idx = index;
        for (int o = 0; o < inverseCount.length; o++) {
            double v = g[o] * inverseCount[o];
            if (v == 0) {
                continue;
            }
            for (int k = start[o]; k < start[o + 1]; k++) {
                gx[idx[k]] += v;
            }
        }
    }
}
