package org.salientsi.core.eval;

import java.util.Arrays;
import org.salientsi.api.ir.Conv2d;
import org.salientsi.api.ir.TensorShape;

/**
 * Two-dimensional cross-correlation with stride, dilation, zero padding and groups. Incrementally, a
 * changed input unit adds its change times each weight to the {@code kh x kw x C_out/groups} outputs
 * that read it; the changes are summed channel-last in per-evaluator scratch (contiguous over output
 * channels, with transposed weights) and then moved into the node's CHW arrays once per output.
 */
final class ConvKernel extends Kernel {

    /** Weights {@code [outC][inPerGroup][kh][kw]} (the IR's layout). */
    private final double[] w;
    /**
     * The same weights transposed to {@code [inPerGroup][kh][kw][outC]} with the kernel columns reversed
     * and the output channel fastest, for the scatter: weight {@code (o, ci, u, v)} at
     * {@code ((ci * kh + u) * kw + kw - 1 - v) * outC + o}. One input unit feeds consecutive output
     * columns through decreasing {@code v}, so their weights lie in one contiguous run.
     */
    private final double[] wT;
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
        this.wT = transpose(w, geo);
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

    /** The weights {@code [outC][inPerGroup][kh][kw]} as {@code [inPerGroup][kh][kw reversed][outC]}. */
    private static double[] transpose(double[] w, ConvGeometry geo) {
        int outC = geo.outC();
        int kw = geo.kw();
        int rows = geo.inPerGroup() * geo.kh();
        double[] t = new double[w.length];
        for (int o = 0; o < outC; o++) {
            for (int row = 0; row < rows; row++) {
                for (int v = 0; v < kw; v++) {
                    t[(row * kw + kw - 1 - v) * outC + o] = w[(o * rows + row) * kw + v];
                }
            }
        }
        return t;
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
    ScatterScratch newScatterScratch() {
        return new ScatterScratch(size, geo.groups() * geo.outPlane(), geo.inC());
    }

    /**
     * Accumulates, channel-last in the evaluator's {@link ScatterScratch} ({@code acc[pos * outC + o]}),
     * the change of each changed input unit times each weight to the {@code kh x kw x C_out/groups}
     * outputs that read it: for one input unit and one output position the output channels and their
     * {@linkplain #wT transposed weights} are contiguous. Every touched (group, position) is listed
     * once, as key {@code group * outPlane + pos}; {@link #applyScattered} moves the sums into the node.
     */
    @Override
    void scatter(int slot, int[] changed, int n, double[] dp, double[] dq, IncrementalLineEvaluator ev) {
        ScatterScratch s = ev.scratch[node];
        double[] accP = s.p;
        double[] accQ = s.q;
        int[] keys = s.keys;
        boolean[] seen = s.seen;
        int listed = s.count;
        int inPlane = geo.inPlane();
        int outPlane = geo.outPlane();
        int taps = geo.taps();
        int inPerGroup = geo.inPerGroup();
        int outPerGroup = geo.outPerGroup();
        int outC = geo.outC();
        int inW = geo.inW();
        int outH = geo.outH();
        int outW = geo.outW();
        int kh = geo.kh();
        int kw = geo.kw();
        int dh = geo.dh();
        int dw = geo.dw();
        int pt = geo.pt();
        int pl = geo.pl();
        int sh = geo.sh();
        int sw = geo.sw();
        int groups = geo.groups();
        boolean unit = sh == 1 && sw == 1 && dh == 1 && dw == 1;
        if (unit && groups == 1) {
            scatterRuns(changed, n, dp, dq, s);
            return;
        }
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
            int keyBase = group * outPlane;
            int wCi = ci * taps;
            if (unit) {
                // output (oh, ow) reads input (oh + u - pt, ow + v - pl): on output row oh the columns
                // owFrom..owTo take the taps v = iw + pl - ow, whose reversed weights are contiguous, as are
                // those outputs' changes when there is one group (one block of outC per position)
                int ohFrom = Math.max(0, ih + pt - kh + 1);
                int ohTo = Math.min(outH - 1, ih + pt);
                int owFrom = Math.max(0, iw + pl - kw + 1);
                int owTo = Math.min(outW - 1, iw + pl);
                int rFrom = kw - 1 - (iw + pl - owFrom);
                for (int oh = ohFrom; oh <= ohTo; oh++) {
                    int rowOut = oh * outW;
                    int wRow = (wCi + (ih + pt - oh) * kw + rFrom) * outC + oFrom;
                    for (int ow = owFrom; ow <= owTo; ow++) {
                        int key = keyBase + rowOut + ow;
                        if (!seen[key]) {
                            seen[key] = true;
                            keys[listed++] = key;
                        }
                    }
                    int at = (rowOut + owFrom) * outC + oFrom;
                    if (groups == 1) {
                        accumulate(accP, accQ, at, wRow, (owTo - owFrom + 1) * outC, a, g);
                    } else {
                        for (int ow = owFrom; ow <= owTo; ow++) {
                            int k = (ow - owFrom) * outC;
                            accumulate(accP, accQ, at + k, wRow + k, outPerGroup, a, g);
                        }
                    }
                }
                continue;
            }
            for (int u = 0; u < kh; u++) {
                int th = ih + pt - u * dh;
                if (th < 0) {
                    break;
                }
                if (th % sh != 0 || th / sh >= outH) {
                    continue;
                }
                int rowOut = (th / sh) * outW;
                for (int v = 0; v < kw; v++) {
                    int tw = iw + pl - v * dw;
                    if (tw < 0) {
                        break;
                    }
                    if (tw % sw != 0 || tw / sw >= outW) {
                        continue;
                    }
                    int pos = rowOut + tw / sw;
                    int key = keyBase + pos;
                    if (!seen[key]) {
                        seen[key] = true;
                        keys[listed++] = key;
                    }
                    int tap = wCi + u * kw + kw - 1 - v;
                    accumulate(accP, accQ, pos * outC + oFrom, tap * outC + oFrom, outPerGroup, a, g);
                }
            }
        }
        s.count = listed;
    }

    /**
     * The scatter of a stride-1, undilated convolution with one group. Changed inputs come in runs at one
     * position (a changed position of the layer below changes several of its channels, listed one after
     * the other); a run feeds the same outputs, and on output row {@code oh} they are one contiguous block
     * of {@code (owTo - owFrom + 1) * outC} changes, as are each input's weights for it. Each output of
     * the block takes the run's inputs four at a time in registers (one load and store of the sum per
     * four products), in the order of {@code changed}.
     */
    private void scatterRuns(int[] changed, int n, double[] dp, double[] dq, ScatterScratch s) {
        double[] accP = s.p;
        double[] accQ = s.q;
        int[] keys = s.keys;
        boolean[] seen = s.seen;
        int listed = s.count;
        int inPlane = geo.inPlane();
        int outC = geo.outC();
        int filter = geo.taps() * outC;
        int inW = geo.inW();
        int outH = geo.outH();
        int outW = geo.outW();
        int kh = geo.kh();
        int kw = geo.kw();
        int pt = geo.pt();
        int pl = geo.pl();
        int[] offset = s.offsets;
        int c = 0;
        int next = n > 0 ? changed[0] / inPlane : 0;
        while (c < n) {
            // the run [c, end): its inputs' weight offsets; the channel of the input after it
            int ch = next;
            int rem = changed[c] - ch * inPlane;
            offset[0] = ch * filter;
            int end = c + 1;
            while (end < n) {
                next = changed[end] / inPlane;
                if (changed[end] - next * inPlane != rem) {
                    break;
                }
                offset[end - c] = next * filter;
                end++;
            }
            int ih = rem / inW;
            int iw = rem - ih * inW;
            // output (oh, ow) reads input (oh + u - pt, ow + v - pl)
            int ohFrom = Math.max(0, ih + pt - kh + 1);
            int ohTo = Math.min(outH - 1, ih + pt);
            int owFrom = Math.max(0, iw + pl - kw + 1);
            int owTo = Math.min(outW - 1, iw + pl);
            int rFrom = kw - 1 - (iw + pl - owFrom);
            int len = (owTo - owFrom + 1) * outC;
            for (int oh = ohFrom; oh <= ohTo; oh++) {
                int rowOut = oh * outW;
                for (int ow = owFrom; ow <= owTo; ow++) {
                    int key = rowOut + ow;
                    if (!seen[key]) {
                        seen[key] = true;
                        keys[listed++] = key;
                    }
                }
                int at = (rowOut + owFrom) * outC;
                int rowOff = ((ih + pt - oh) * kw + rFrom) * outC;
                int j = c;
                for (; j + 3 < end; j += 4) {
                    int i0 = changed[j];
                    int i1 = changed[j + 1];
                    int i2 = changed[j + 2];
                    int i3 = changed[j + 3];
                    int r = j - c;
                    accumulate4(accP, accQ, at, len, offset[r] + rowOff, offset[r + 1] + rowOff,
                            offset[r + 2] + rowOff, offset[r + 3] + rowOff,
                            dp[i0], dp[i1], dp[i2], dp[i3], dq[i0], dq[i1], dq[i2], dq[i3]);
                }
                for (; j < end; j++) {
                    int i = changed[j];
                    accumulate(accP, accQ, at, offset[j - c] + rowOff, len, dp[i], dq[i]);
                }
            }
            c = end;
        }
        s.count = listed;
    }

    /**
     * For {@code k < len}: {@code accP[at + k] += w0 a0, += w1 a1, += w2 a2, += w3 a3} in that order (so
     * rounded as four single adds), with {@code wj = wT[fj + k]}, and likewise {@code accQ} with the
     * {@code g}s.
     */
    private void accumulate4(double[] accP, double[] accQ, int at, int len, int f0, int f1, int f2, int f3,
                             double a0, double a1, double a2, double a3, double g0, double g1, double g2, double g3) {
        double[] t = wT;
        for (int k = 0; k < len; k++) {
            double w0 = t[f0 + k];
            double w1 = t[f1 + k];
            double w2 = t[f2 + k];
            double w3 = t[f3 + k];
            double rp = accP[at + k];
            rp += w0 * a0;
            rp += w1 * a1;
            rp += w2 * a2;
            rp += w3 * a3;
            accP[at + k] = rp;
            double rq = accQ[at + k];
            rq += w0 * g0;
            rq += w1 * g1;
            rq += w2 * g2;
            rq += w3 * g3;
            accQ[at + k] = rq;
        }
    }

    /**
     * {@code accP[at + k] += wT[from + k] * a} and {@code accQ[at + k] += wT[from + k] * g} for
     * {@code k < len}, four {@code k} per pass (the JIT does not vectorise loops whose arrays may
     * overlap at an unknown offset, so the loop is unrolled by hand).
     */
    private void accumulate(double[] accP, double[] accQ, int at, int from, int len, double a, double g) {
        double[] t = wT;
        int k = 0;
        for (; k + 3 < len; k += 4) {
            double w0 = t[from + k];
            double w1 = t[from + k + 1];
            double w2 = t[from + k + 2];
            double w3 = t[from + k + 3];
            accP[at + k] += w0 * a;
            accP[at + k + 1] += w1 * a;
            accP[at + k + 2] += w2 * a;
            accP[at + k + 3] += w3 * a;
            accQ[at + k] += w0 * g;
            accQ[at + k + 1] += w1 * g;
            accQ[at + k + 2] += w2 * g;
            accQ[at + k + 3] += w3 * g;
        }
        for (; k < len; k++) {
            double w = t[from + k];
            accP[at + k] += w * a;
            accQ[at + k] += w * g;
        }
    }

    /**
     * Moves the channel-last sums of {@link #scatter} into the node (CHW): adds each nonzero change to
     * the intercept and slope of its output, lists the output in the evaluator's unit list (by
     * first-touched position, then channel) and records the change in its {@code dp}, {@code dq} when a
     * scattering kernel reads them, and zeroes the scratch. An output whose
     * changes sum to exactly 0 (zero weights) is left out, as unchanged.
     */
    @Override
    void applyScattered(IncrementalLineEvaluator ev) {
        ScatterScratch s = ev.scratch[node];
        double[] accP = s.p;
        double[] accQ = s.q;
        int[] keys = s.keys;
        boolean[] seen = s.seen;
        double[] pn = ev.p[node];
        double[] qn = ev.q[node];
        double[] dpn = ev.dp[node];
        double[] dqn = ev.dq[node];
        int[] units = ev.list[node];
        int n = ev.count[node];
        boolean record = ev.deltaRead[node];
        int outPlane = geo.outPlane();
        int outPerGroup = geo.outPerGroup();
        int outC = geo.outC();
        for (int j = 0; j < s.count; j++) {
            int key = keys[j];
            seen[key] = false;
            int group = key / outPlane;
            int pos = key - group * outPlane;
            int oFrom = group * outPerGroup;
            int at = pos * outC;
            for (int o = oFrom; o < oFrom + outPerGroup; o++) {
                double vp = accP[at + o];
                double vq = accQ[at + o];
                if (vp != 0.0 || vq != 0.0) {
                    accP[at + o] = 0.0;
                    accQ[at + o] = 0.0;
                    int idx = o * outPlane + pos;
                    pn[idx] += vp;
                    qn[idx] += vq;
                    if (record) {
                        dpn[idx] = vp;
                        dqn[idx] = vq;
                    }
                    units[n++] = idx;
                }
            }
        }
        s.count = 0;
        ev.count[node] = n;
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
