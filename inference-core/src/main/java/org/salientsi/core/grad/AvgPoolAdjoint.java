package org.salientsi.core.grad;

/**
 * Average pooling and global average pooling: each window spreads its gradient evenly over the
 * entries it averages (divided by the padded or the valid count, as the op says).
 */
final class AvgPoolAdjoint extends Adjoint {

    private final Windows windows;
    private final double[] inverseCount;

    AvgPoolAdjoint(int node, int input, Windows windows, boolean countIncludePad) {
        super(node, new int[] {input});
        this.windows = windows;
        int n = windows.paddedCount.length;
        this.inverseCount = new double[n];
        for (int o = 0; o < n; o++) {
            int count = countIncludePad ? windows.paddedCount[o] : windows.start[o + 1] - windows.start[o];
            inverseCount[o] = count == 0 ? 0.0 : 1.0 / count;
        }
    }

    @Override
    void backward(double[] g, double[][] grad, int[] decisions) {
        double[] gx = grad[inputs[0]];
        if (gx == null) {
            return;
        }
        int[] idx = windows.index;
        for (int o = 0; o < inverseCount.length; o++) {
            double v = g[o] * inverseCount[o];
            if (v == 0) {
                continue;
            }
            for (int k = windows.start[o]; k < windows.start[o + 1]; k++) {
                gx[idx[k]] += v;
            }
        }
    }
}
