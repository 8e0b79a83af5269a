package org.salientsi.core.grad;

import org.salientsi.api.ir.Conv2d;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.core.eval.ConvGeometry;

/**
 * The transpose of a two-dimensional cross-correlation (stride, dilation, zero padding, groups): each
 * output gradient \( g_{o,i,j} \) adds \( W_{o,c,u,v}\, g_{o,i,j} \) to input
 * \( (c, i s_h + u d_h - p_t, j s_w + v d_w - p_l) \) for the channels \( c \) of the output's group;
 * positions in the padding are dropped. Zero output gradients (behind inactive ReLUs) are skipped.
 */
final class ConvAdjoint extends Adjoint {

    private final double[] w;
    private final ConvGeometry geo;

    ConvAdjoint(int node, int input, Conv2d op, TensorShape in) {
        super(node, new int[] {input});
        this.w = op.weights();
        this.geo = ConvGeometry.of(op, in);
    }

    @Override
    void backward(double[] g, double[][] grad, int[] decisions) {
        double[] gx = grad[inputs[0]];
        if (gx == null) {
            return;
        }
        int kernel = geo.taps();
        int inPlane = geo.inPlane();
        int inPerGroup = geo.inPerGroup();
        int outPerGroup = geo.outPerGroup();
        for (int o = 0; o < geo.outC(); o++) {
            int cBase = (o / outPerGroup) * inPerGroup;
            int wBase = o * inPerGroup * kernel;
            for (int oh = 0; oh < geo.outH(); oh++) {
                int h0 = oh * geo.sh() - geo.pt();
                int gRow = (o * geo.outH() + oh) * geo.outW();
                for (int ow = 0; ow < geo.outW(); ow++) {
                    double v = g[gRow + ow];
                    if (v == 0) {
                        continue;
                    }
                    int w0 = ow * geo.sw() - geo.pl();
                    for (int cl = 0; cl < inPerGroup; cl++) {
                        int xBase = (cBase + cl) * inPlane;
                        int wc = wBase + cl * kernel;
                        for (int u = 0; u < geo.kh(); u++) {
                            int ih = h0 + u * geo.dh();
                            if (ih < 0 || ih >= geo.inH()) {
                                continue;
                            }
                            int inW = geo.inW();
                            int kw = geo.kw();
                            int xRow = xBase + ih * inW;
                            int wr = wc + u * kw;
                            for (int t = 0; t < kw; t++) {
                                int iw = w0 + t * geo.dw();
                                if (iw >= 0 && iw < inW) {
                                    gx[xRow + iw] += w[wr + t] * v;
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
