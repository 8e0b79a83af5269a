package org.salientsi.core.eval;

import java.util.Arrays;
import org.salientsi.api.ir.Conv2d;
import org.salientsi.api.ir.TensorShape;

/**
 * Two-dimensional cross-correlation with stride, dilation, zero padding and groups. Incrementally, a
 * changed input unit adds its change times each weight to the {@code kh x kw x C_out/groups} outputs
 * that read it; the changes are summed channel-last in per-evaluator scratch (contiguous over output
 * channels, with transposed weights) and then moved into the node's CHW arrays once per output. A
 * whole pass (forward, line, and recomputes of a widely changed node) reads the input from zero-padded
 * stride-phase planes, so that every tap is a fixed offset for any stride and dilation, and sums either
 * channel-last over blocks of positions (many output channels per group) or per output channel over
 * wide rows (few).
 */
final class ConvKernel extends Kernel {

    /** Weights {@code [outC][inPerGroup][kh][kw]} (the IR's layout). */
    private final double[] w;
    /**
     * The same weights transposed to {@code [inPerGroup][kh][kw][outC]} with the kernel columns reversed
     * and the output channel fastest, for the scatter and the channel-last pass: weight {@code (o, ci, u, v)} at
     * {@code ((ci * kh + u) * kw + kw - 1 - v) * outC + o}. One input unit feeds consecutive output
     * columns through decreasing {@code v}, so their weights lie in one contiguous run.
     */
    private final double[] wT;
    private final double[] b;
    /** Zeros in place of the bias, for the op's linear part ({@link #linearPart}). */
    private final double[] zeroBias;
    private final ConvGeometry geo;
    /** Whether the channel-last (output channels innermost) pass is used rather than the planar one. */
    private final boolean channelLast;
    /** Row length of the padded phase planes and of the planar pass's wide output rows. */
    private final int wideW;
    private final int paddedH;
    /** Values per phase plane (one input channel, one stride phase). */
    private final int planeSize;
    /** Stride phases per input channel, {@code sh * sw}. */
    private final int phases;
    /** Per tap {@code t = u * kw + v}: its offset in the padded phase planes of one input channel. */
    private final int[] tapOff;
    /** Per tap {@code t = u * kw + v}: its row of {@link #wT} in one input channel, {@code u * kw + kw - 1 - v}. */
    private final int[] tapRow;
    /** Output positions per block of the channel-last pass. */
    private final int tile;
    /** Per output position {@code oh * outW + ow}: its offset {@code oh * wideW + ow} in a phase plane. */
    private final int[] posAt;

    ConvKernel(int node, int input, Conv2d op, TensorShape in, TensorShape out) {
        super(node, new int[] {input}, out.size());
        this.w = op.weights();
        this.b = op.bias();
        this.zeroBias = new double[b.length];
        this.geo = ConvGeometry.of(op, in);
        this.wT = transpose(w, geo);
        int kh = geo.kh();
        int kw = geo.kw();
        int sh = geo.sh();
        int sw = geo.sw();
        // tap (u, v) of output (oh, ow) reads padded row oh * sh + u * dh, column ow * sw + v * dw: in the
        // phase plane (u * dh mod sh, v * dw mod sw) of the padded input (every sh-th row from the phase,
        // every sw-th column), row oh + u * dh / sh and column ow + v * dw / sw
        int maxRow = (kh - 1) * geo.dh() / sh;
        int maxCol = (kw - 1) * geo.dw() / sw;
        this.wideW = geo.outW() + maxCol;
        this.paddedH = geo.outH() + maxRow;
        this.planeSize = paddedH * wideW + maxCol;
        this.phases = sh * sw;
        this.tapOff = new int[kh * kw];
        this.tapRow = new int[kh * kw];
        for (int u = 0; u < kh; u++) {
            for (int v = 0; v < kw; v++) {
                int r = u * geo.dh();
                int c = v * geo.dw();
                tapOff[u * kw + v] = ((r % sh) * sw + c % sw) * planeSize + (r / sh) * wideW + c / sw;
                tapRow[u * kw + v] = u * kw + kw - 1 - v;
            }
        }
        this.channelLast = geo.outPerGroup() >= 8;
        this.tile = Math.max(1, Math.min(geo.outPlane(), 4096 / geo.outC()));
        this.posAt = new int[geo.outPlane()];
        for (int pos = 0; pos < posAt.length; pos++) {
            posAt[pos] = pos / geo.outW() * wideW + pos % geo.outW();
        }
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

    @Override
    int workSize() {
        int padded = geo.inC() * phases * planeSize;
        int acc = channelLast ? (tile + 1) * geo.outC() : geo.outH() * wideW;
        return Math.max(padded, acc);
    }

    @Override
    void forward(double[][] v, double[][] work) {
        run(v[inputs[0]], null, v[node], null, true, work);
    }

    @Override
    void line(double[][] p, double[][] q, PieceState line, double[][] work) {
        run(p[inputs[0]], q[inputs[0]], p[node], q[node], true, work);
    }

    @Override
    void linearPart(double[][] v, double[] out, double[][] work) {
        run(v[inputs[0]], null, out, null, false, work);
    }

    /**
     * Computes {@code out = conv(in) + bias} (without the bias when {@code bias} is false) and, when
     * {@code qin != null}, {@code qout = conv(qin)} (no bias) in the same sweep. The input is first
     * copied into zero-padded phase planes (one per input channel and stride phase, rows {@code wideW}
     * long), in which every tap of every output is at a fixed offset from the output's row-major
     * position, for any stride and dilation.
     */
    private void run(double[] in, double[] qin, double[] out, double[] qout, boolean bias, double[][] work) {
        double[] padP = work[0];
        double[] padQ = work[1];
        pad(in, padP);
        if (qin != null) {
            pad(qin, padQ);
        }
        if (channelLast) {
            runChannelLast(padP, qin != null ? padQ : null, out, qout, bias ? b : zeroBias, work[2], work[3]);
        } else {
            runPlanar(padP, qin != null ? padQ : null, out, qout, bias ? b : zeroBias, work[2], work[3]);
        }
    }

    /**
     * The pass for many output channels per group: blocks of {@link #tile} output positions are summed
     * channel-last ({@code acc[pos * outC + o]}) with the output channels innermost, against the
     * {@linkplain #wT transposed weights} (contiguous over output channels): each pass of the inner loop
     * takes three taps for two positions, for both the intercept and the slope, so each weight loaded
     * serves four sums of three products. Then the block moves to the node's CHW arrays with the bias.
     */
    private void runChannelLast(double[] padP, double[] padQ, double[] out, double[] qout, double[] b,
                                double[] accP, double[] accQ) {
        int outC = geo.outC();
        int outPlane = geo.outPlane();
        int inPerGroup = geo.inPerGroup();
        int outPerGroup = geo.outPerGroup();
        int taps = geo.taps();
        int groups = geo.groups();
        int chStride = phases * planeSize;
        boolean slope = padQ != null;
        // the slope pass reads a zero plane when there is no slope (never stored)
        double[] pq = slope ? padQ : padP;
        // 3x3 kernels on SIMD vectors: the nine taps of a position pair in one pass over the accumulators
        NineTaps nine = taps == 9 && outPerGroup >= Simd.LANES ? new NineTaps() : null;
        for (int from = 0; from < outPlane; from += tile) {
            int len = Math.min(tile, outPlane - from);
            Arrays.fill(accP, 0, (len + 1) * outC, 0.0);
            Arrays.fill(accQ, 0, (len + 1) * outC, 0.0);
            for (int g = 0; g < groups; g++) {
                int o0 = g * outPerGroup;
                for (int ci = 0; ci < inPerGroup; ci++) {
                    int cBase = (g * inPerGroup + ci) * chStride;
                    int wBase = ci * taps;
                    if (nine != null && !slope) {
                        nineTaps(padP, accP, nine, cBase, wBase, o0, from, len);
                        continue;
                    }
                    int t = 0;
                    for (; t < taps; t += 3) {
                        int nt = Math.min(3, taps - t);
                        int w0 = (wBase + tapRow[t]) * outC + o0;
                        int w1 = nt > 1 ? (wBase + tapRow[t + 1]) * outC + o0 : w0;
                        int w2 = nt > 2 ? (wBase + tapRow[t + 2]) * outC + o0 : w0;
                        int s0 = cBase + tapOff[t];
                        int s1 = nt > 1 ? cBase + tapOff[t + 1] : s0;
                        int s2 = nt > 2 ? cBase + tapOff[t + 2] : s0;
                        double m1 = nt > 1 ? 1.0 : 0.0;
                        double m2 = nt > 2 ? 1.0 : 0.0;
                        for (int k = 0; k < len; k += 2) {
                            int pos0 = from + k;
                            int at0 = posAt[pos0];
                            // an odd block's last pair sums its second position into the spare row len
                            int k1 = k + 1 < len ? k + 1 : len;
                            int pos1 = k + 1 < len ? pos0 + 1 : pos0;
                            int at1 = posAt[pos1];
                            double a00 = padP[s0 + at0];
                            double a01 = m1 * padP[s1 + at0];
                            double a02 = m2 * padP[s2 + at0];
                            double a10 = padP[s0 + at1];
                            double a11 = m1 * padP[s1 + at1];
                            double a12 = m2 * padP[s2 + at1];
                            double g00 = slope ? pq[s0 + at0] : 0.0;
                            double g01 = slope ? m1 * pq[s1 + at0] : 0.0;
                            double g02 = slope ? m2 * pq[s2 + at0] : 0.0;
                            double g10 = slope ? pq[s0 + at1] : 0.0;
                            double g11 = slope ? m1 * pq[s1 + at1] : 0.0;
                            double g12 = slope ? m2 * pq[s2 + at1] : 0.0;
                            int r0 = k * outC + o0;
                            int r1 = k1 * outC + o0;
                            if (nt == 1) {
                                if (slope) {
                                    block1(accP, accQ, r0, r1, w0, outPerGroup, a00, a10, g00, g10);
                                } else {
                                    block1(accP, null, r0, r1, w0, outPerGroup, a00, a10, 0.0, 0.0);
                                }
                            } else if (slope) {
                                block3(accP, accQ, r0, r1, w0, w1, w2, outPerGroup,
                                        a00, a01, a02, a10, a11, a12, g00, g01, g02, g10, g11, g12);
                            } else {
                                block3p(accP, r0, r1, w0, w1, w2, outPerGroup, a00, a01, a02, a10, a11, a12);
                            }
                        }
                    }
                }
            }
            for (int k = 0; k < len; k++) {
                int pos = from + k;
                int r = k * outC;
                for (int o = 0; o < outC; o++) {
                    out[o * outPlane + pos] = accP[r + o] + b[o];
                }
                if (qout != null) {
                    for (int o = 0; o < outC; o++) {
                        qout[o * outPlane + pos] = accQ[r + o];
                    }
                }
            }
        }
    }

    /** Scratch of {@link #nineTaps}: the taps' weight rows and input offsets, and the pair's inputs. */
    private static final class NineTaps {
        final int[] w = new int[9];
        final int[] s = new int[9];
        final double[] a = new double[18];
    }

    /**
     * The slope-free channel-last pass of one input channel of a 3x3 kernel on SIMD vectors: for each pair of
     * positions the nine taps in one pass over the two accumulator rows ({@link VectorBlocks#block9p}). Each
     * accumulator receives the same three three-tap sums in the same order as from three {@link #block3p}
     * passes, so the result is equal bit for bit; the outputs past the last whole vector run in {@link #block3pFrom}.
     */
    private void nineTaps(double[] padP, double[] accP, NineTaps nine, int cBase, int wBase, int o0, int from,
                          int len) {
        int outC = geo.outC();
        int n = geo.outPerGroup();
        int[] w = nine.w;
        int[] s = nine.s;
        double[] a = nine.a;
        for (int j = 0; j < 9; j++) {
            w[j] = (wBase + tapRow[j]) * outC + o0;
            s[j] = cBase + tapOff[j];
        }
        double[] t = wT;
        for (int k = 0; k < len; k += 2) {
            int pos0 = from + k;
            int at0 = posAt[pos0];
            // an odd block's last pair sums its second position into the spare row len
            int k1 = k + 1 < len ? k + 1 : len;
            int at1 = posAt[k + 1 < len ? pos0 + 1 : pos0];
            for (int j = 0; j < 9; j++) {
                a[j] = padP[s[j] + at0];
                a[9 + j] = padP[s[j] + at1];
            }
            int r0 = k * outC + o0;
            int r1 = k1 * outC + o0;
            int done = VectorBlocks.block9p(t, accP, r0, r1, w, a, n);
            for (int j = 0; j < 9; j += 3) {
                block3pFrom(done, accP, r0, r1, w[j], w[j + 1], w[j + 2], n, a[j], a[j + 1], a[j + 2], a[9 + j],
                        a[10 + j], a[11 + j]);
            }
        }
    }

    /**
     * For {@code o < n}: {@code accP[r0 + o] += wT[w0 + o] a00 + wT[w1 + o] a01 + wT[w2 + o] a02}, the
     * same at {@code r1} with {@code a1*}, and {@code accQ} likewise with the {@code g}s.
     */
    private void block3(double[] accP, double[] accQ, int r0, int r1, int w0, int w1, int w2, int n,
                        double a00, double a01, double a02, double a10, double a11, double a12,
                        double g00, double g01, double g02, double g10, double g11, double g12) {
        double[] t = wT;
        int o = n < Simd.LANES ? 0 : VectorBlocks.block3(t, accP, accQ, r0, r1, w0, w1, w2, n,
                a00, a01, a02, a10, a11, a12, g00, g01, g02, g10, g11, g12);
        for (; o < n; o++) {
            double x = t[w0 + o];
            double y = t[w1 + o];
            double z = t[w2 + o];
            accP[r0 + o] += x * a00 + y * a01 + z * a02;
            accP[r1 + o] += x * a10 + y * a11 + z * a12;
            accQ[r0 + o] += x * g00 + y * g01 + z * g02;
            accQ[r1 + o] += x * g10 + y * g11 + z * g12;
        }
    }

    /** {@link #block3} without the slope. */
    private void block3p(double[] accP, int r0, int r1, int w0, int w1, int w2, int n,
                         double a00, double a01, double a02, double a10, double a11, double a12) {
        int done = n < Simd.LANES ? 0 : VectorBlocks.block3p(wT, accP, r0, r1, w0, w1, w2, n,
                a00, a01, a02, a10, a11, a12);
        block3pFrom(done, accP, r0, r1, w0, w1, w2, n, a00, a01, a02, a10, a11, a12);
    }

    /** {@link #block3p}'s scalar loop over the outputs {@code from <= o < n}. */
    private void block3pFrom(int from, double[] accP, int r0, int r1, int w0, int w1, int w2, int n,
                             double a00, double a01, double a02, double a10, double a11, double a12) {
        double[] t = wT;
        for (int o = from; o < n; o++) {
            double x = t[w0 + o];
            double y = t[w1 + o];
            double z = t[w2 + o];
            accP[r0 + o] += x * a00 + y * a01 + z * a02;
            accP[r1 + o] += x * a10 + y * a11 + z * a12;
        }
    }

    /** {@link #block3} for one tap; {@code accQ} is skipped when null. */
    private void block1(double[] accP, double[] accQ, int r0, int r1, int w0, int n,
                        double a0, double a1, double g0, double g1) {
        double[] t = wT;
        if (accQ == null) {
            int o = n < Simd.LANES ? 0 : VectorBlocks.block1p(t, accP, r0, r1, w0, n, a0, a1);
            for (; o < n; o++) {
                double x = t[w0 + o];
                accP[r0 + o] += x * a0;
                accP[r1 + o] += x * a1;
            }
            return;
        }
        for (int o = 0; o < n; o++) {
            double x = t[w0 + o];
            accP[r0 + o] += x * a0;
            accP[r1 + o] += x * a1;
            accQ[r0 + o] += x * g0;
            accQ[r1 + o] += x * g1;
        }
    }

    /**
     * The pass for few output channels per group (one at a time): for each weight triple one loop over
     * the {@code outH * wideW} contiguous wide-row outputs (the columns past {@code outW} are computed
     * and dropped), intercept and slope together.
     */
    private void runPlanar(double[] padP, double[] padQ, double[] out, double[] qout, double[] b,
                           double[] accP, double[] accQ) {
        int outW = geo.outW();
        int outH = geo.outH();
        int wideSize = outH * wideW;
        int outPlane = geo.outPlane();
        int inPerGroup = geo.inPerGroup();
        int taps = geo.taps();
        int chStride = phases * planeSize;
        boolean slope = padQ != null;
        double[] pq = slope ? padQ : padP;
        for (int o = 0; o < geo.outC(); o++) {
            Arrays.fill(accP, 0, wideSize, 0.0);
            Arrays.fill(accQ, 0, wideSize, 0.0);
            int group = o / geo.outPerGroup();
            for (int ci = 0; ci < inPerGroup; ci++) {
                int cBase = (group * inPerGroup + ci) * chStride;
                int wBase = (o * inPerGroup + ci) * taps;
                int t = 0;
                for (; t + 2 < taps; t += 3) {
                    double w0 = w[wBase + t];
                    double w1 = w[wBase + t + 1];
                    double w2 = w[wBase + t + 2];
                    int s0 = cBase + tapOff[t];
                    int s1 = cBase + tapOff[t + 1];
                    int s2 = cBase + tapOff[t + 2];
                    if (slope) {
                        for (int k = 0; k < wideSize; k++) {
                            accP[k] += w0 * padP[s0 + k] + w1 * padP[s1 + k] + w2 * padP[s2 + k];
                            accQ[k] += w0 * pq[s0 + k] + w1 * pq[s1 + k] + w2 * pq[s2 + k];
                        }
                    } else {
                        for (int k = 0; k < wideSize; k++) {
                            accP[k] += w0 * padP[s0 + k] + w1 * padP[s1 + k] + w2 * padP[s2 + k];
                        }
                    }
                }
                for (; t < taps; t++) {
                    double wt = w[wBase + t];
                    int s0 = cBase + tapOff[t];
                    if (slope) {
                        for (int k = 0; k < wideSize; k++) {
                            accP[k] += wt * padP[s0 + k];
                            accQ[k] += wt * pq[s0 + k];
                        }
                    } else {
                        for (int k = 0; k < wideSize; k++) {
                            accP[k] += wt * padP[s0 + k];
                        }
                    }
                }
            }
            int base = o * outPlane;
            double bias = b[o];
            for (int oh = 0; oh < outH; oh++) {
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

    /**
     * Copies the input into zero-padded phase planes: plane {@code (c, ph, pw)} at
     * {@code ((c * sh + ph) * sw + pw) * planeSize} holds, at row {@code r} and column {@code col}
     * ({@code wideW} per row), input {@code (c, r * sh + ph - pt, col * sw + pw - pl)}, or zero outside.
     */
    private void pad(double[] in, double[] work) {
        int inC = geo.inC();
        int inH = geo.inH();
        int inW = geo.inW();
        int sh = geo.sh();
        int sw = geo.sw();
        int pt = geo.pt();
        int pl = geo.pl();
        Arrays.fill(work, 0, inC * phases * planeSize, 0.0);
        int inPlane = inH * inW;
        for (int c = 0; c < inC; c++) {
            for (int ph = 0; ph < sh; ph++) {
                for (int pw = 0; pw < sw; pw++) {
                    int plane = ((c * sh + ph) * sw + pw) * planeSize;
                    // columns col with 0 <= col * sw + pw - pl < inW
                    int colFrom = Math.max(0, -Math.floorDiv(-(pl - pw), sw));
                    int colTo = Math.min(wideW, Math.floorDiv(inW - 1 + pl - pw, sw) + 1);
                    if (colFrom >= colTo) {
                        continue;
                    }
                    for (int r = 0; r < paddedH; r++) {
                        int ih = r * sh + ph - pt;
                        if (ih < 0) {
                            continue;
                        }
                        if (ih >= inH) {
                            break;
                        }
                        int src = c * inPlane + ih * inW + colFrom * sw + pw - pl;
                        int dst = plane + r * wideW;
                        if (sw == 1) {
                            System.arraycopy(in, src, work, dst + colFrom, colTo - colFrom);
                        } else {
                            for (int col = colFrom; col < colTo; col++, src += sw) {
                                work[dst + col] = in[src];
                            }
                        }
                    }
                }
            }
        }
    }
}
