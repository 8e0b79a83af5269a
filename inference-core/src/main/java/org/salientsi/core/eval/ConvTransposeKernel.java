package org.salientsi.core.eval;

import org.salientsi.api.ir.ConvTranspose;
import org.salientsi.api.ir.TensorShape;

/**
 * Two-dimensional transposed convolution, an affine map computed in its scatter form: each input unit
 * adds itself times its {@code outC x kh x kw} weights to the window of outputs it feeds (rows
 * {@code i sh + u - pt}, columns {@code j sw + v - pl}), after the outputs are set to the bias.
 * Incrementally, a changed input unit scatters its change the same way.
 */
final class ConvTransposeKernel extends Kernel.Affine {

    /** Weights {@code [inC][outC][kh][kw]} (the IR's layout). */
    private final double[] w;
    private final double[] b;
    private final ConvTransposeGeometry geo;

    ConvTransposeKernel(int node, int input, ConvTranspose op, TensorShape in) {
        this(node, input, op, ConvTransposeGeometry.of(op, in));
    }

    private ConvTransposeKernel(int node, int input, ConvTranspose op, ConvTransposeGeometry geo) {
        super(node, new int[] {input}, geo.outC() * geo.outPlane());
        this.w = op.weights();
        this.b = op.bias();
        this.geo = geo;
    }

    @Override
    void apply(double[][] v, double[] out, boolean withConstant) {
        double[] x = v[inputs[0]];
        int outPlane = geo.outPlane();
        for (int o = 0; o < geo.outC(); o++) {
            java.util.Arrays.fill(out, o * outPlane, (o + 1) * outPlane, withConstant ? b[o] : 0.0);
        }
        int inW = geo.inW();
        int inPlane = geo.inPlane();
        for (int c = 0; c < geo.inC(); c++) {
            for (int i = 0; i < geo.inH(); i++) {
                for (int j = 0; j < inW; j++) {
                    double a = x[c * inPlane + i * inW + j];
                    if (a != 0.0) {
                        spread(c, i, j, a, out);
                    }
                }
            }
        }
    }

    /** Adds {@code a} times the weights of input channel {@code c} to the outputs that input {@code (i, j)} feeds. */
    private void spread(int c, int i, int j, double a, double[] out) {
        int outC = geo.outC();
        int outW = geo.outW();
        int outPlane = geo.outPlane();
        int kh = geo.kh();
        int kw = geo.kw();
        int u0 = geo.firstU(i);
        int u1 = geo.endU(i);
        int v0 = geo.firstV(j);
        int v1 = geo.endV(j);
        long rowBase = (long) i * geo.sh() - geo.pt();
        int col0 = (int) ((long) j * geo.sw() - geo.pl() + v0);
        for (int o = 0; o < outC; o++) {
            int wBase = (c * outC + o) * kh * kw;
            int oBase = o * outPlane;
            for (int u = u0; u < u1; u++) {
                int at = oBase + (int) (rowBase + u) * outW + col0 - v0;
                int wr = wBase + u * kw;
                for (int t = v0; t < v1; t++) {
                    out[at + t] += w[wr + t] * a;
                }
            }
        }
    }

    @Override
    boolean scatters() {
        return true;
    }

    @Override
    int fanOut() {
        return geo.outC() * geo.taps();
    }

    @Override
    long fullCost() {
        return (long) geo.inC() * geo.inPlane() * geo.outC() * geo.taps();
    }

    @Override
    void scatter(int slot, int[] changed, int n, double[] dp, double[] dq, IncrementalLineEvaluator ev) {
        int inPlane = geo.inPlane();
        int inW = geo.inW();
        int outC = geo.outC();
        int outW = geo.outW();
        int outPlane = geo.outPlane();
        int kh = geo.kh();
        int kw = geo.kw();
        for (int k = 0; k < n; k++) {
            int idx = changed[k];
            double a = dp[idx];
            double g = dq[idx];
            int c = idx / inPlane;
            int rem = idx - c * inPlane;
            int i = rem / inW;
            int j = rem - i * inW;
            int u0 = geo.firstU(i);
            int u1 = geo.endU(i);
            int v0 = geo.firstV(j);
            int v1 = geo.endV(j);
            long rowBase = (long) i * geo.sh() - geo.pt();
            int col0 = (int) ((long) j * geo.sw() - geo.pl() + v0);
            for (int o = 0; o < outC; o++) {
                int wBase = (c * outC + o) * kh * kw;
                for (int u = u0; u < u1; u++) {
                    int at = o * outPlane + (int) (rowBase + u) * outW + col0 - v0;
                    int wr = wBase + u * kw;
                    for (int t = v0; t < v1; t++) {
                        double wt = w[wr + t];
                        ev.add(node, at + t, wt * a, wt * g);
                    }
                }
            }
        }
    }

    /**
     * The output {@code o} recomputed in its gather form: the inputs {@code (c, i, j)} with
     * {@code i sh + u - pt = oh} and {@code j sw + v - pl = ow} for some kernel position {@code (u, v)}.
     */
    @Override
    double rootResidual(int o, double[][] p, double[][] q, double at) {
        double[] pin = p[inputs[0]];
        double[] qin = q[inputs[0]];
        int outPlane = geo.outPlane();
        int oc = o / outPlane;
        int rem = o - oc * outPlane;
        int oh = rem / geo.outW();
        int ow = rem - oh * geo.outW();
        int kh = geo.kh();
        int kw = geo.kw();
        double vp = b[oc];
        double vq = 0;
        double sp = Math.abs(vp);
        double sq = 0;
        for (int u = 0; u < kh; u++) {
            long ti = (long) oh + geo.pt() - u;
            if (ti < 0 || ti % geo.sh() != 0 || ti / geo.sh() >= geo.inH()) {
                continue;
            }
            int i = (int) (ti / geo.sh());
            for (int v = 0; v < kw; v++) {
                long tj = (long) ow + geo.pl() - v;
                if (tj < 0 || tj % geo.sw() != 0 || tj / geo.sw() >= geo.inW()) {
                    continue;
                }
                int j = (int) (tj / geo.sw());
                for (int c = 0; c < geo.inC(); c++) {
                    double wt = w[((c * geo.outC() + oc) * kh + u) * kw + v];
                    int idx = (c * geo.inH() + i) * geo.inW() + j;
                    double x = wt * pin[idx];
                    double y = wt * qin[idx];
                    vp += x;
                    vq += y;
                    sp += Math.abs(x);
                    sq += Math.abs(y);
                }
            }
        }
        return residual(vp, vq, sp, sq, at);
    }
}
