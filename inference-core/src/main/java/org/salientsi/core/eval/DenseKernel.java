package org.salientsi.core.eval;

import org.salientsi.api.ir.Dense;

/**
 * Fully connected layer on the flattened input; incrementally, a changed input adds its change times
 * its column of weights to every output.
 */
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
    void line(double[][] p, double[][] q, PieceState line, double[][] work) {
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

    @Override
    void linearPart(double[][] v, double[] y, double[][] work) {
        double[] x = v[inputs[0]];
        for (int o = 0; o < out; o++) {
            double s = 0;
            int row = o * in;
            for (int i = 0; i < in; i++) {
                s += w[row + i] * x[i];
            }
            y[o] = s;
        }
    }

    @Override
    boolean scatters() {
        return true;
    }

    @Override
    int fanOut() {
        return out;
    }

    @Override
    long fullCost() {
        return (long) in * out;
    }

    @Override
    void scatter(int slot, int[] changed, int n, double[] dp, double[] dq, IncrementalLineEvaluator ev) {
        for (int c = 0; c < n; c++) {
            int i = changed[c];
            double a = dp[i];
            double g = dq[i];
            for (int o = 0; o < out; o++) {
                double wt = w[o * in + i];
                ev.add(node, o, wt * a, wt * g);
            }
        }
    }

    @Override
    double rootResidual(int o, double[][] p, double[][] q, double at) {
        double[] px = p[inputs[0]];
        double[] qx = q[inputs[0]];
        double vp = b[o];
        double vq = 0;
        double sp = Math.abs(vp);
        double sq = 0;
        int row = o * in;
        for (int i = 0; i < in; i++) {
            double x = w[row + i] * px[i];
            double y = w[row + i] * qx[i];
            vp += x;
            vq += y;
            sp += Math.abs(x);
            sq += Math.abs(y);
        }
        return residual(vp, vq, sp, sq, at);
    }
}
