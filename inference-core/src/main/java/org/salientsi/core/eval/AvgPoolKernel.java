package org.salientsi.core.eval;

/**
 * Average pooling and global average pooling (one window per channel), an affine map; incrementally,
 * a changed input adds its change divided by the window size to each window that covers it.
 */
final class AvgPoolKernel extends Kernel.Affine {

    private final WindowTable windows;
    private final double[] inverseCount;
    /** The most windows that cover one input unit. */
    private final int fanOut;

    AvgPoolKernel(int node, int input, WindowTable windows, boolean countIncludePad) {
        super(node, new int[] {input}, windows.paddedCount.length);
        this.windows = windows;
        this.inverseCount = new double[size];
        for (int o = 0; o < size; o++) {
            int count = countIncludePad ? windows.paddedCount[o] : windows.start[o + 1] - windows.start[o];
            inverseCount[o] = count == 0 ? 0.0 : 1.0 / count;
        }
        int most = 0;
        for (int i = 0; i + 1 < windows.coverStart.length; i++) {
            most = Math.max(most, windows.coverStart[i + 1] - windows.coverStart[i]);
        }
        this.fanOut = most;
    }

    @Override
    void apply(double[][] v, double[] out, boolean withConstant) {
        double[] x = v[inputs[0]];
        int[] idx = windows.index;
        for (int o = 0; o < size; o++) {
            double s = 0;
            for (int k = windows.start[o]; k < windows.start[o + 1]; k++) {
                s += x[idx[k]];
            }
            out[o] = s * inverseCount[o];
        }
    }

    @Override
    boolean scatters() {
        return true;
    }

    @Override
    int fanOut() {
        return fanOut;
    }

    @Override
    long fullCost() {
        return windows.index.length;
    }

    @Override
    void scatter(int slot, int[] changed, int n, double[] dp, double[] dq, IncrementalLineEvaluator ev) {
        int[] cover = windows.coverStart;
        int[] win = windows.window;
        for (int c = 0; c < n; c++) {
            int i = changed[c];
            double a = dp[i];
            double b = dq[i];
            for (int k = cover[i]; k < cover[i + 1]; k++) {
                int o = win[k];
                double f = inverseCount[o];
                ev.add(node, o, f * a, f * b);
            }
        }
    }
}
