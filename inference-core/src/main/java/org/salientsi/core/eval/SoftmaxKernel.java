package org.salientsi.core.eval;

/**
 * Softmax along the lines of one axis (or over the whole tensor), computed stably as
 * \( e^{x_i - \max_j x_j} / \sum_j e^{x_j - \max_j x_j} \).
 *
 * <p>Over a segment each output is bounded as \( s_i = 1 / (1 + \sum_{j \ne i} e^{x_j - x_i}) \): the
 * differences \( x_j - x_i \) lie between the lines \( l_j - u_i \) and \( u_j - l_i \), each exponential is
 * relaxed on its range ({@link SegmentRelaxation#unary}: tangent below, chord above), the sum S is at least 1,
 * and the reciprocal on \( [\max(1, \min S), \max S] \) is relaxed by its tangent and chord; the result is
 * kept within [0, 1]. An exponential that overflows leaves the lower bound 0 and the upper bound
 * \( 1 / \min S \). That costs the square of the line's length per element; lines of more than
 * {@link #PAIRWISE} elements are bounded in linear time per line through a shared shift instead
 * ({@link #boundShared}).
 */
final class SoftmaxKernel extends SmoothKernel {

    private final AxisLines lines;

    SoftmaxKernel(int node, int input, AxisLines lines, String name) {
        super(node, new int[] {input}, lines.length() * lines.count(), name, "Softmax");
        this.lines = lines;
    }

    @Override
    void compute(double[][] v, double[][] work) {
        double[] x = v[inputs[0]];
        double[] y = v[node];
        int n = lines.length();
        int st = lines.stride();
        for (int s0 : lines.start()) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0, i = s0; k < n; k++, i += st) {
                max = Math.max(max, x[i]);
            }
            double sum = 0;
            for (int k = 0, i = s0; k < n; k++, i += st) {
                y[i] = Math.exp(x[i] - max);
                sum += y[i];
            }
            for (int k = 0, i = s0; k < n; k++, i += st) {
                y[i] /= sum;
            }
        }
    }

    @Override
    int boundWorkSize() {
        return lines.length() > PAIRWISE ? lines.length() : 3 * lines.length();
    }

    /**
     * Bounds each line. Where every element's bounds at both ends of the segment lie within +-700, the
     * exponentials of the differences come from products of per-element exponentials at the ends (8n
     * exponentials per line instead of 3n(n - 1)), and the one at the midpoint of each range is the square
     * root of the product of those at its ends; otherwise each is computed directly.
     */
    @Override
    void bound(SegmentRelaxation r, double[][] work) {
        int in = inputs[0];
        int n = lines.length();
        int st = lines.stride();
        double from = r.from();
        double to = r.to();
        // per element: lower and upper bound at both ends, their exponentials and those of their negatives
        double[] w0 = work[0];
        double[] w1 = work[1];
        double[] w2 = work[2];
        double[] w3 = work[3];
        int lf = 0;
        int lt = n;
        int uf = 2 * n;
        if (n > PAIRWISE) {
            for (int s0 : lines.start()) {
                boundShared(r, in, s0, work);
            }
            return;
        }
        for (int s0 : lines.start()) {
            boolean fast = true;
            for (int k = 0, i = s0; k < n; k++, i += st) {
                double a = r.lowerP(in, i) + r.lowerQ(in, i) * from;
                double b = r.lowerP(in, i) + r.lowerQ(in, i) * to;
                double c = r.upperP(in, i) + r.upperQ(in, i) * from;
                double d = r.upperP(in, i) + r.upperQ(in, i) * to;
                fast &= Math.abs(a) <= LIMIT && Math.abs(b) <= LIMIT && Math.abs(c) <= LIMIT && Math.abs(d) <= LIMIT;
                w0[lf + k] = a;
                w0[lt + k] = b;
                w0[uf + k] = c;
                w1[k] = d;
            }
            if (fast) {
                for (int k = 0; k < n; k++) {
                    w1[n + k] = Math.exp(w0[lf + k]);
                    w1[2 * n + k] = Math.exp(w0[lt + k]);
                    w2[k] = Math.exp(w0[uf + k]);
                    w2[n + k] = Math.exp(w1[k]);
                    w2[2 * n + k] = Math.exp(-w0[lf + k]);
                    w3[k] = Math.exp(-w0[lt + k]);
                    w3[n + k] = Math.exp(-w0[uf + k]);
                    w3[2 * n + k] = Math.exp(-w1[k]);
                }
            }
            for (int a = 0, i = s0; a < n; a++, i += st) {
                boundUnit(r, in, s0, a, i, fast, work);
            }
        }
    }

    /** Longest line bounded pairwise (cubic cost per line); longer ones are bounded by {@link #boundShared}. */
    static final int PAIRWISE = 24;

    /**
     * Bounds one line of more than {@link #PAIRWISE} elements in linear time, through a shift c(z) shared by the
     * line (the centre line of the element with the largest centre at the segment's midpoint):
     * \( E_j = e^{x_j - c} \) relaxed on its range, \( R_i = \sum_{j \ne i} E_j \) (the sum of all lines
     * less element i's, at least 0), \( P_i = R_i e^{c - x_i} \) by McCormick's envelopes and
     * \( s_i = 1 / (1 + P_i) \) by the reciprocal's tangent and chord; looser than the pairwise form, also
     * quadratic in the segment's length.
     */
    private void boundShared(SegmentRelaxation r, int in, int s0, double[][] work) {
        int n = lines.length();
        int st = lines.stride();
        double[] elp = work[0];
        double[] elq = work[1];
        double[] eup = work[2];
        double[] euq = work[3];
        int top = s0;
        double best = Double.NEGATIVE_INFINITY;
        for (int k = 0, i = s0; k < n; k++, i += st) {
            double m = 0.5 * (r.atMid(r.lowerP(in, i), r.lowerQ(in, i)) + r.atMid(r.upperP(in, i), r.upperQ(in, i)));
            if (m > best) {
                best = m;
                top = i;
            }
        }
        double cp = 0.5 * (r.lowerP(in, top) + r.upperP(in, top));
        double cq = 0.5 * (r.lowerQ(in, top) + r.upperQ(in, top));
        double slp = 0;
        double slq = 0;
        double sup = 0;
        double suq = 0;
        double magL = 0;
        double magU = 0;
        boolean infinite = false;
        for (int k = 0, i = s0; k < n; k++, i += st) {
            r.unary(SmoothFunction.EXP, r.lowerP(in, i) - cp, r.lowerQ(in, i) - cq, r.upperP(in, i) - cp,
                    r.upperQ(in, i) - cq);
            r.fold();
            if (Double.isFinite(r.lp) && Double.isFinite(r.lq)) {
                elp[k] = r.lp;
                elq[k] = r.lq;
            } else {
                elp[k] = 0;
                elq[k] = 0;
            }
            eup[k] = r.up;
            euq[k] = r.uq;
            infinite |= !(Double.isFinite(r.up) && Double.isFinite(r.uq));
            slp += elp[k];
            slq += elq[k];
            sup += eup[k];
            suq += euq[k];
            magL += r.mag + r.size(elp[k], elq[k]);
            magU += r.mag + r.size(eup[k], euq[k]);
        }
        for (int k = 0, i = s0; k < n; k++, i += st) {
            if (infinite || !Double.isFinite(magL + magU)) {
                r.constant(0, 1);
                r.emit(node, i);
                continue;
            }
            // the others' sum, at least 0
            double rlp = slp - elp[k];
            double rlq = slq - elq[k];
            double rup = sup - eup[k];
            double ruq = suq - euq[k];
            // the sums and the difference round: widen by their terms' magnitudes (all of them: cancellation)
            rlp -= SegmentRelaxation.margin(magL + r.size(rlp, rlq));
            rup += SegmentRelaxation.margin(magU + r.size(rup, ruq));
            if (!(r.atMid(rlp, rlq) >= 0)) {
                rlp = 0;
                rlq = 0;
            }
            double lr = Math.max(0, r.min(rlp, rlq));
            double ur = Math.max(lr, r.max(rup, ruq));
            // e^(c - x_i), at least 0
            r.unary(SmoothFunction.EXP, cp - r.upperP(in, i), cq - r.upperQ(in, i), cp - r.lowerP(in, i),
                    cq - r.lowerQ(in, i));
            r.fold();
            double flp = r.lp;
            double flq = r.lq;
            double fup = r.up;
            double fuq = r.uq;
            flp -= SegmentRelaxation.margin(r.mag + r.size(flp, flq));
            fup += SegmentRelaxation.margin(r.mag + r.size(fup, fuq));
            if (!(Double.isFinite(flp) && Double.isFinite(flq) && Double.isFinite(fup) && Double.isFinite(fuq))) {
                r.constant(0, 1);
                r.emit(node, i);
                continue;
            }
            if (!(r.atMid(flp, flq) >= 0)) {
                flp = 0;
                flq = 0;
            }
            double lf = Math.max(0, r.min(flp, flq));
            double uf = Math.max(lf, r.max(fup, fuq));
            r.product(rlp, rlq, rup, ruq, lr, ur, flp, flq, fup, fuq, lf, uf);
            double plp = r.lp - SegmentRelaxation.margin(r.mag + r.size(r.lp, r.lq));
            double plq = r.lq;
            double pup = r.up + SegmentRelaxation.margin(r.mag + r.size(r.up, r.uq));
            double puq = r.uq;
            if (!(Double.isFinite(plp) && Double.isFinite(plq) && Double.isFinite(pup) && Double.isFinite(puq))) {
                r.constant(0, 1);
                r.emit(node, i);
                continue;
            }
            double lo = 1 + Math.max(0, r.min(plp, plq));
            double hi = Math.max(lo, 1 + r.max(pup, puq));
            r.reciprocal(1 + plp, plq, 1 + pup, puq, lo, hi);
            r.floor(0);
            r.ceiling(1);
            r.emit(node, i);
        }
    }

    /** Exponentials of element bounds at the segment's ends are exact products within this limit. */
    private static final double LIMIT = 700;

    private void boundUnit(SegmentRelaxation r, int in, int s0, int a, int i, boolean fast, double[][] work) {
        int n = lines.length();
        int st = lines.stride();
        double[] w0 = work[0];
        double[] w1 = work[1];
        double[] w2 = work[2];
        double[] w3 = work[3];
        double ilp = r.lowerP(in, i);
        double ilq = r.lowerQ(in, i);
        double iup = r.upperP(in, i);
        double iuq = r.upperQ(in, i);
        double slp = 1;
        double slq = 0;
        double sup = 1;
        double suq = 0;
        double magL = 0;
        double magU = 0;
        boolean infinite = false;
        for (int b = 0, j = s0; b < n; b++, j += st) {
            if (b == a) {
                continue;
            }
            double dlp = r.lowerP(in, j) - iup;
            double dlq = r.lowerQ(in, j) - iuq;
            double dup = r.upperP(in, j) - ilp;
            double duq = r.upperQ(in, j) - ilq;
            boolean done = false;
            if (fast) {
                // differences of the ends' bounds, and their exponentials as products
                double dlf = w0[b] - w0[2 * n + a];
                double dlt = w0[n + b] - w1[a];
                double duf = w0[2 * n + b] - w0[a];
                double dut = w1[b] - w0[n + a];
                double lo = Math.min(dlf, dlt);
                double hi = Math.max(duf, dut);
                if (lo <= hi) {
                    double fl = dlf <= dlt ? w1[n + b] * w3[n + a] : w1[2 * n + b] * w3[2 * n + a];
                    double fh = duf >= dut ? w2[b] * w2[2 * n + a] : w2[n + b] * w3[a];
                    double p = fl * fh;
                    double ft = p >= Double.MIN_NORMAL && p < Double.POSITIVE_INFINITY ? Math.sqrt(p) : Double.NaN;
                    r.relax(SmoothFunction.EXP, dlp, dlq, dup, duq, lo, hi, fl, fh, ft);
                    done = true;
                }
            }
            if (!done) {
                r.unary(SmoothFunction.EXP, dlp, dlq, dup, duq);
            }
            if (Double.isFinite(r.lp) && Double.isFinite(r.lq)) {
                slp += r.lp;
                slq += r.lq;
                magL += r.mag + r.magL + r.size(r.lp, r.lq);
            }
            if (Double.isFinite(r.up) && Double.isFinite(r.uq)) {
                sup += r.up;
                suq += r.uq;
                magU += r.mag + r.magU + r.size(r.up, r.uq);
            } else {
                infinite = true;
            }
        }
        // the sums round: widen by their terms' magnitudes
        slp -= SegmentRelaxation.margin(magL + r.size(slp, slq));
        sup += SegmentRelaxation.margin(magU + r.size(sup, suq));
        double lo = r.min(slp, slq);
        if (!(lo >= 1)) {
            lo = 1;
        }
        double hi = infinite ? Double.POSITIVE_INFINITY : Math.max(lo, r.max(sup, suq));
        if (infinite || !Double.isFinite(hi) || !Double.isFinite(magL + magU)) {
            r.constant(0, 1 / lo);
        } else {
            r.reciprocal(slp, slq, sup, suq, lo, hi);
        }
        r.floor(0);
        r.ceiling(1);
        r.emit(node, i);
    }
}
