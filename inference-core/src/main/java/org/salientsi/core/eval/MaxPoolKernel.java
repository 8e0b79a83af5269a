package org.salientsi.core.eval;

import org.salientsi.api.error.InvalidInputException;

/**
 * Max pooling (and global max pooling, one window per channel): the winner of each window is a
 * decision on the line.
 */
final class MaxPoolKernel extends Kernel {

    private final WindowTable windows;

    MaxPoolKernel(int node, int input, WindowTable windows, String name) {
        super(node, new int[] {input}, windows.paddedCount.length);
        this.windows = windows;
        for (int o = 0; o < size; o++) {
            if (windows.start[o + 1] == windows.start[o]) {
                throw new InvalidInputException("max pool '" + name + "' has a window that covers only padding");
            }
        }
    }

    @Override
    void forward(double[][] v, double[][] work) {
        double[] x = v[inputs[0]];
        double[] y = v[node];
        int[] idx = windows.index;
        for (int o = 0; o < size; o++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int k = windows.start[o]; k < windows.start[o + 1]; k++) {
                m = Math.max(m, x[idx[k]]);
            }
            y[o] = m;
        }
    }

    @Override
    void line(double[][] p, double[][] q, LineEvaluator line, double[][] work) {
        double[] px = p[inputs[0]];
        double[] qx = q[inputs[0]];
        double[] py = p[node];
        double[] qy = q[node];
        for (int o = 0; o < size; o++) {
            int win = line.argmaxOf(px, qx, windows.index, windows.start[o], windows.start[o + 1]);
            py[o] = px[win];
            qy[o] = qx[win];
        }
    }
}
