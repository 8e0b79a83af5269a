package org.salientsi.core.eval;

import java.util.Arrays;
import org.salientsi.api.ir.Conv2d;
import org.salientsi.api.ir.TensorShape;

/**
 * Two-dimensional cross-correlation with stride, dilation, zero padding and groups. Incrementally, a
 * changed input unit adds its change times each weight to the {@code kh x kw x C_out/groups} outputs
 * that read it.
 */
final class ConvKernel extends Kernel {

    private final double[] w;
    private final double[] b;
    private final ConvGeometry geo;
    /** Per kernel column v: the first and one-past-last output column whose input column is inside. */
    private final int[] colStart;
    private final int[] colEnd;
    /** Whether the stride-1 wide-row layout is used. */
    private final boolean wide;
    private final int wideW;
    private final int paddedH;
    private final int paddedSize;

    ConvKernel(int node, int input, Conv2d op, TensorShape in, TensorShape out) {
        super(node, new int[] {input}, out.size());
        this.w = op.weights();
        this.b = op.bias();
        this.geo = ConvGeometry.of(op, in);
        int kw = geo.kw();
        int sw = geo.sw();
        int outW = geo.outW();
        this.colStart = new int[kw];
        this.colEnd = new int[kw];
        for (int v = 0; v < kw; v++) {
            int off = v * geo.dw() - geo.pl();
            // input column = ow * sw + off must lie in [0, inW)
            int start = off >= 0 ? 0 : ceilDiv(-off, sw);
            int end = Math.min(outW, floorDiv(geo.inW() - 1 - off, sw) + 1);
            colStart[v] = Math.min(start, outW);
            colEnd[v] = Math.max(end, colStart[v]);
        }
        this.wide = geo.sh() == 1 && sw == 1;
        this.wideW = outW + (kw - 1) * geo.dw();
        this.paddedH = geo.outH() + (geo.kh() - 1) * geo.dh();
        this.paddedSize = paddedH * wideW + (kw - 1) * geo.dw();
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }

    private static int floorDiv(int a, int b) {
        return Math.floorDiv(a, b);
    }

    @Override
    int workSize() {
        return wide ? Math.max(geo.inC() * paddedSize, geo.outH() * wideW) : 0;
    }

    @Override
    void forward(double[][] v, double[][] work) {
        if (wide) {
            runWide(v[inputs[0]], null, v[node], null, work);
        } else {
            run(v[inputs[0]], null, v[node], null, true);
        }
    }

    @Override
    void line(double[][] p, double[][] q, PieceState line, double[][] work) {
        if (wide) {
            runWide(p[inputs[0]], q[inputs[0]], p[node], q[node], work);
        } else {
            run(p[inputs[0]], q[inputs[0]], p[node], q[node], true);
        }
    }

    /**
     * Stride-1 convolution on a zero-padded copy of the input whose rows are {@code wideW} long: for
     * each weight, one loop over {@code outH * wideW} contiguous values (the columns past
     * {@code outW} are computed and dropped), which the JIT vectorises.
     */
    private void runWide(double[] in, double[] qin, double[] out, double[] qout, double[][] work) {
        int outW = geo.outW();
        int wideSize = geo.outH() * wideW;
        double[] padP = work[0];
        double[] padQ = work[1];
        double[] accP = work[2];
        double[] accQ = work[3];
        pad(in, padP);
        if (qin != null) {
            pad(qin, padQ);
        }
        int outPlane = geo.outPlane();
        int inPerGroup = geo.inPerGroup();
        int kh = geo.kh();
        int kw = geo.kw();
        int dw = geo.dw();
        for (int o = 0; o < geo.outC(); o++) {
            java.util.Arrays.fill(accP, 0, wideSize, 0.0);
            if (qin != null) {
                java.util.Arrays.fill(accQ, 0, wideSize, 0.0);
            }
            int group = o / geo.outPerGroup();
            for (int ci = 0; ci < inPerGroup; ci++) {
                int c = group * inPerGroup + ci;
                int wBase = ((o * inPerGroup) + ci) * kh * kw;
                for (int u = 0; u < kh; u++) {
                    int row = c * paddedSize + u * geo.dh() * wideW;
                    int v = 0;
                    // three taps per pass: one load and store of the accumulator per three products
                    for (; v + 2 < kw; v += 3) {
                        double w0 = w[wBase + u * kw + v];
                        double w1 = w[wBase + u * kw + v + 1];
                        double w2 = w[wBase + u * kw + v + 2];
                        int s0 = row + v * dw;
                        int s1 = s0 + dw;
                        int s2 = s1 + dw;
                        for (int k = 0; k < wideSize; k++) {
                            accP[k] += w0 * padP[s0 + k] + w1 * padP[s1 + k] + w2 * padP[s2 + k];
                        }
                        if (qin != null) {
                            for (int k = 0; k < wideSize; k++) {
                                accQ[k] += w0 * padQ[s0 + k] + w1 * padQ[s1 + k] + w2 * padQ[s2 + k];
                            }
                        }
                    }
                    for (; v < kw; v++) {
                        double wt = w[wBase + u * kw + v];
                        int src = row + v * dw;
                        for (int k = 0; k < wideSize; k++) {
                            accP[k] += wt * padP[src + k];
                        }
                        if (qin != null) {
                            for (int k = 0; k < wideSize; k++) {
                                accQ[k] += wt * padQ[src + k];
                            }
                        }
                    }
                }
            }
            int base = o * outPlane;
            double bias = b[o];
            for (int oh = 0; oh < geo.outH(); oh++) {
                int from = oh * wideW;
                int to = base + oh * outW;
                for (int ow = 0; ow < outW; ow++) {
                    out[to + ow] = accP[from + ow] + bias;
                }
                if (qout != null) {
                    System.arraycopy(accQ, from, qout, to, outW);
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
        return geo.outPerGroup() * geo.taps();
    }

    @Override
    long fullCost() {
        return (long) size * geo.inPerGroup() * geo.taps();
    }

    @Override
    void scatter(int slot, int[] changed, int n, double[] dp, double[] dq, IncrementalLineEvaluator ev) {
        int inPlane = geo.inPlane();
        int outPlane = geo.outPlane();
        int taps = geo.taps();
        int inPerGroup = geo.inPerGroup();
        int outPerGroup = geo.outPerGroup();
        int filter = inPerGroup * taps;
        int inW = geo.inW();
        int outW = geo.outW();
        int kw = geo.kw();
        int pt = geo.pt();
        int pl = geo.pl();
        int sh = geo.sh();
        int sw = geo.sw();
        boolean unit = sh == 1 && sw == 1 && geo.dh() == 1 && geo.dw() == 1;
        int[] st = ev.stamp[node];
        int[] units = ev.list[node];
        double[] dpo = ev.dp[node];
        double[] dqo = ev.dq[node];
        int round = ev.round;
        int n0 = ev.count[node];
        for (int c = 0; c < n; c++) {
            int i = changed[c];
            double a = dp[i];
            double g = dq[i];
            int ch = i / inPlane;
            int rem = i - ch * inPlane;
            int ih = rem / inW;
            int iw = rem - ih * inW;
            int group = ch / inPerGroup;
            int ci = ch - group * inPerGroup;
            int oFrom = group * outPerGroup;
            int oTo = oFrom + outPerGroup;
            int wCi = ci * taps;
            if (unit) {
                // output (oh, ow) reads input (oh + u - pt, ow + v - pl); a scatter always touches every
                // output channel of the group at a position, so the first channel's stamp stands for all
                int ohFrom = Math.max(0, ih + pt - geo.kh() + 1);
                int ohTo = Math.min(geo.outH() - 1, ih + pt);
                int owFrom = Math.max(0, iw + pl - kw + 1);
                int owTo = Math.min(outW - 1, iw + pl);
                for (int oh = ohFrom; oh <= ohTo; oh++) {
                    int wRow = wCi + (ih + pt - oh) * kw;
                    int rowOut = oh * outW;
                    for (int ow = owFrom; ow <= owTo; ow++) {
                        int wi = wRow + iw + pl - ow;
                        int pos = rowOut + ow;
                        int first = oFrom * outPlane + pos;
                        if (st[first] != round) {
                            for (int o = oFrom; o < oTo; o++) {
                                int idx = o * outPlane + pos;
                                st[idx] = round;
                                units[n0++] = idx;
                            }
                        }
                        for (int o = oFrom; o < oTo; o++) {
                            double wt = w[o * filter + wi];
                            int idx = o * outPlane + pos;
                            dpo[idx] += wt * a;
                            dqo[idx] += wt * g;
                        }
                    }
                }
                continue;
            }
            ev.count[node] = n0;
            for (int u = 0; u < geo.kh(); u++) {
                int th = ih + pt - u * geo.dh();
                if (th < 0) {
                    break;
                }
                if (th % sh != 0 || th / sh >= geo.outH()) {
                    continue;
                }
                int rowOut = (th / sh) * outW;
                for (int v = 0; v < kw; v++) {
                    int tw = iw + pl - v * geo.dw();
                    if (tw < 0) {
                        break;
                    }
                    if (tw % sw != 0 || tw / sw >= outW) {
                        continue;
                    }
                    int pos = rowOut + tw / sw;
                    int wi = wCi + u * kw + v;
                    for (int o = oFrom; o < oTo; o++) {
                        double wt = w[o * filter + wi];
                        if (wt != 0.0) {
                            ev.add(node, o * outPlane + pos, wt * a, wt * g);
                        }
                    }
                }
            }
            n0 = ev.count[node];
        }
        ev.count[node] = n0;
    }

    @Override
    double rootResidual(int o, double[][] p, double[][] q, double at) {
        double[] pin = p[inputs[0]];
        double[] qin = q[inputs[0]];
        int outPlane = geo.outPlane();
        int oc = o / outPlane;
        int rem = o - oc * outPlane;
        int oh = rem / geo.outW();
        int ow = rem - oh * geo.outW();
        int inPerGroup = geo.inPerGroup();
        int group = oc / geo.outPerGroup();
        int inH = geo.inH();
        int inW = geo.inW();
        int kw = geo.kw();
        double vp = b[oc];
        double vq = 0;
        double sp = Math.abs(vp);
        double sq = 0;
        for (int ci = 0; ci < inPerGroup; ci++) {
            int c = group * inPerGroup + ci;
            int wBase = ((oc * inPerGroup) + ci) * geo.taps();
            for (int u = 0; u < geo.kh(); u++) {
                int ih = oh * geo.sh() + u * geo.dh() - geo.pt();
                if (ih < 0 || ih >= inH) {
                    continue;
                }
                for (int v = 0; v < kw; v++) {
                    int iw = ow * geo.sw() + v * geo.dw() - geo.pl();
                    if (iw < 0 || iw >= inW) {
                        continue;
                    }
                    double wt = w[wBase + u * kw + v];
                    int idx = (c * inH + ih) * inW + iw;
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

    /** Copies the input into the zero-padded wide layout at {@code offset}. */
    private void pad(double[] in, double[] work) {
        int offset = 0;
        int inC = geo.inC();
        int inH = geo.inH();
        int inW = geo.inW();
        int pl = geo.pl();
        java.util.Arrays.fill(work, 0, inC * paddedSize, 0.0);
        int inPlane = inH * inW;
        for (int c = 0; c < inC; c++) {
            for (int ih = 0; ih < inH; ih++) {
                int r = ih + geo.pt();
                if (r >= paddedH) {
                    break;
                }
                int dst = offset + c * paddedSize + r * wideW + pl;
                int src = c * inPlane + ih * inW;
                int len = Math.min(inW, wideW - pl);
                if (len > 0) {
                    System.arraycopy(in, src, work, dst, len);
                }
            }
        }
    }

    /** Computes out = conv(in) (+ bias) and, when {@code qin != null}, qout = conv(qin) without bias, in one pass. */
    private void run(double[] in, double[] qin, double[] out, double[] qout, boolean bias) {
        int outPlane = geo.outPlane();
        int inPlane = geo.inPlane();
        int inPerGroup = geo.inPerGroup();
        for (int o = 0; o < geo.outC(); o++) {
            int base = o * outPlane;
            Arrays.fill(out, base, base + outPlane, bias ? b[o] : 0.0);
            if (qout != null) {
                Arrays.fill(qout, base, base + outPlane, 0.0);
            }
            int group = o / geo.outPerGroup();
            for (int ci = 0; ci < inPerGroup; ci++) {
                int c = group * inPerGroup + ci;
                int wBase = ((o * inPerGroup) + ci) * geo.taps();
                int inBase = c * inPlane;
                for (int u = 0; u < geo.kh(); u++) {
                    for (int oh = 0; oh < geo.outH(); oh++) {
                        int ih = oh * geo.sh() + u * geo.dh() - geo.pt();
                        if (ih < 0 || ih >= geo.inH()) {
                            continue;
                        }
                        int rowIn = inBase + ih * geo.inW();
                        int rowOut = base + oh * geo.outW();
                        int kw = geo.kw();
                        int sw = geo.sw();
                        for (int v = 0; v < kw; v++) {
                            double wt = w[wBase + u * kw + v];
                            if (wt == 0.0) {
                                continue;
                            }
                            int off = v * geo.dw() - geo.pl();
                            int end = colEnd[v];
                            if (qin == null) {
                                for (int ow = colStart[v]; ow < end; ow++) {
                                    out[rowOut + ow] += wt * in[rowIn + ow * sw + off];
                                }
                            } else {
                                for (int ow = colStart[v]; ow < end; ow++) {
                                    int idx = rowIn + ow * sw + off;
                                    out[rowOut + ow] += wt * in[idx];
                                    qout[rowOut + ow] += wt * qin[idx];
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
