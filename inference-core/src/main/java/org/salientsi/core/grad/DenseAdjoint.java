package org.salientsi.core.grad;

import org.salientsi.api.ir.Dense;

/** The transpose of a dense layer: \( g_x = W^\top g_y \) (weights stored {@code [out][in]}). */
final class DenseAdjoint extends Adjoint {

    private final double[] w;
    private final int in;
    private final int out;

    DenseAdjoint(int node, int input, Dense op) {
        super(node, new int[] {input});
        this.w = op.weights();
        this.in = op.inFeatures();
        this.out = op.outFeatures();
    }

    @Override
    void backward(double[] g, double[][] grad, int[] decisions) {
        double[] gx = grad[inputs[0]];
        if (gx == null) {
            return;
        }
        for (int o = 0; o < out; o++) {
            double v = g[o];
            if (v == 0) {
                continue;
            }
            int row = o * in;
            for (int i = 0; i < in; i++) {
                gx[i] += w[row + i] * v;
            }
        }
    }
}
