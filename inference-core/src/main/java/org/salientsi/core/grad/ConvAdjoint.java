package org.salientsi.core.grad;

import org.salientsi.api.ir.Conv2d;
import org.salientsi.api.ir.TensorShape;

/**
 * The transpose of a two-dimensional cross-correlation (stride, dilation, zero padding, groups): each
 * output gradient \( g_{o,i,j} \) adds \( W_{o,c,u,v}\, g_{o,i,j} \) to input
 * \( (c, i s_h + u d_h - p_t, j s_w + v d_w - p_l) \) for the channels \( c \) of the output's group;
 * positions in the padding are dropped. Zero output gradients (behind inactive ReLUs) are skipped.
 */
final class ConvAdjoint extends Adjoint {

    private final double[] w;
    private final int inH;
    private final int inW;
    private final int outC;
    private final int outH;
    private final int outW;
    private final int kh;
    private final int kw;
    private final int sh;
    private final int sw;
    private final int dh;
    private final int dw;
    private final int pt;
    private final int pl;
    private final int inPerGroup;
    private final int outPerGroup;

    ConvAdjoint(int node, int input, Conv2d op, TensorShape in, TensorShape out) {
        super(node, new int[] {input});
        this.w = op.weights();
        this.inH = in.height();
        this.inW = in.width();
        this.outC = out.channels();
        this.outH = out.height();
        this.outW = out.width();
        this.kh = op.kernelH();
        this.kw = op.kernelW();
        this.sh = op.strideH();
        this.sw = op.strideW();
        this.dh = op.dilationH();
        this.dw = op.dilationW();
        this.pt = op.padding().top();
        this.pl = op.padding().left();
        this.inPerGroup = in.channels() / op.groups();
        this.outPerGroup = outC / op.groups();
    }

    @Override
    void backward(double[] g, double[][] grad, int[] decisions) {
        double[] gx = grad[inputs[0]];
        if (gx == null) {
            return;
        }
        int kernel = kh * kw;
        int inPlane = inH * inW;
        for (int o = 0; o < outC; o++) {
            int cBase = (o / outPerGroup) * inPerGroup;
            int wBase = o * inPerGroup * kernel;
            for (int oh = 0; oh < outH; oh++) {
                int h0 = oh * sh - pt;
                int gRow = (o * outH + oh) * outW;
                for (int ow = 0; ow < outW; ow++) {
                    double v = g[gRow + ow];
                    if (v == 0) {
                        continue;
                    }
                    int w0 = ow * sw - pl;
                    for (int cl = 0; cl < inPerGroup; cl++) {
                        int xBase = (cBase + cl) * inPlane;
                        int wc = wBase + cl * kernel;
                        for (int u = 0; u < kh; u++) {
                            int ih = h0 + u * dh;
                            if (ih < 0 || ih >= inH) {
                                continue;
                            }
                            int xRow = xBase + ih * inW;
                            int wr = wc + u * kw;
                            for (int t = 0; t < kw; t++) {
                                int iw = w0 + t * dw;
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
