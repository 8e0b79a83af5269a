package org.salientsi.core.grad;

import org.salientsi.api.ir.ConvTranspose;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.core.eval.ConvTransposeGeometry;

/**
 * The transpose of a two-dimensional transposed convolution, a cross-correlation: input \( (c, i, j) \)
 * gets \( \sum_{o,u,v} W_{c,o,u,v}\, g_{o,\, i s_h + u - p_t,\, j s_w + v - p_l} \) over the outputs
 * it feeds (those inside the output).
 */
final class ConvTransposeAdjoint extends Adjoint {

    private final double[] w;
    private final ConvTransposeGeometry geo;

    ConvTransposeAdjoint(int node, int input, ConvTranspose op, TensorShape in) {
        super(node, new int[] {input});
        this.w = op.weights();
        this.geo = ConvTransposeGeometry.of(op, in);
    }

    @Override
    void backward(double[] g, double[][] grad, int[] decisions) {
        double[] gx = grad[inputs[0]];
        if (gx == null) {
            return;
        }
        int outC = geo.outC();
        int outW = geo.outW();
        int outPlane = geo.outPlane();
        int kh = geo.kh();
        int kw = geo.kw();
        int inW = geo.inW();
        for (int c = 0; c < geo.inC(); c++) {
            for (int i = 0; i < geo.inH(); i++) {
                int u0 = geo.firstU(i);
                int u1 = geo.endU(i);
                long rowBase = (long) i * geo.sh() - geo.pt();
                for (int j = 0; j < inW; j++) {
                    int v0 = geo.firstV(j);
                    int v1 = geo.endV(j);
                    int col0 = (int) ((long) j * geo.sw() - geo.pl() + v0);
                    double s = 0;
                    for (int o = 0; o < outC; o++) {
                        int wBase = (c * outC + o) * kh * kw;
                        for (int u = u0; u < u1; u++) {
                            int at = o * outPlane + (int) (rowBase + u) * outW + col0 - v0;
                            int wr = wBase + u * kw;
                            for (int t = v0; t < v1; t++) {
                                s += w[wr + t] * g[at + t];
                            }
                        }
                    }
                    gx[(c * geo.inH() + i) * inW + j] += s;
                }
            }
        }
    }
}
