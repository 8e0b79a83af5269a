package org.salientsi.core.eval;

import org.salientsi.api.ir.Dense;

/** Fully connected layer on the flattened input. */
final class DenseKernel extends Kernel {

    private final double[] w;
    private final double[] b;
    private final int in;
    private final int out;

    DenseKernel(int node, int input, Dense op) {
        super(node, new int[] {input}, op.outFeatures());
        this.w = op.weights();
        this.b = op.bias();
        this.in = op.inFeatures();
        this.out = op.outFeatures();
    }

    @Override
    void forward(double[][] v, double[][] work) {
        double[] x = v[inputs[0]];
        double[] y = v[node];
        for (int o = 0; o < out; o++) {
            double s = b[o];
            int row = o * in;
            for (int i = 0; i < in; i++) {
                s += w[row + i] * x[i];
            }
            y[o] = s;
        }
    }

    @Override
    void line(double[][] p, double[][] q, LineEvaluator line, double[][] work) {
        double[] px = p[inputs[0]];
        double[] qx = q[inputs[0]];
        double[] py = p[node];
        double[] qy = q[node];
        for (int o = 0; o < out; o++) {
            double sp = b[o];
            double sq = 0;
            int row = o * in;
            for (int i = 0; i < in; i++) {
                double wt = w[row + i];
                sp += wt * px[i];
                sq += wt * qx[i];
            }
            py[o] = sp;
            qy[o] = sq;
        }
    }
}
