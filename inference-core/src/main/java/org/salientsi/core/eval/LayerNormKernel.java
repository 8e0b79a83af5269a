package org.salientsi.core.eval;

/**
 * Layer normalisation along the lines of one axis: \( y_i = \gamma_i d_i \rho + \beta_i \) with
 * \( d_i = x_i - \mu \), \( v = \frac1n \sum_i d_i^2 \) (biased) and \( \rho = (v + \epsilon)^{-1/2} \).
 *
 * <p>Over a segment: the centred values are linear in x, so their centre lines are exact and their radii
 * \( (1 - 1/n) r_i + \frac1n \sum_{j \ne i} r_j \); each \( d_i^2 \) is relaxed by its tangent and chord
 * ({@link SegmentRelaxation#square}), their mean gives the variance's lines (the lower one replaced by the
 * constant mean of the squared distances of the \( d_i \)'s ranges from 0 where that is tighter), \( \rho \) is relaxed on the variance's range
 * ({@link SegmentRelaxation#inverseSqrt}), and \( d_i \rho \) by McCormick's envelopes, then scaled and
 * shifted. Each intermediate pair of lines (centred values, variance, \( \rho \)) is widened by the
 * {@link SegmentRelaxation#margin} of its terms before the next step uses it.
 */
final class LayerNormKernel extends SmoothKernel {

    private final AxisLines lines;
    private final double[] gamma;
    private final double[] beta;
    private final double epsilon;

    LayerNormKernel(int node, int input, AxisLines lines, double[] gamma, double[] beta, double epsilon,
                    String name) {
        super(node, new int[] {input}, lines.length() * lines.count(), name, "LayerNorm");
        this.lines = lines;
        this.gamma = gamma;
        this.beta = beta;
        this.epsilon = epsilon;
    }

    @Override
    void compute(double[][] v, double[][] work) {
        double[] x = v[inputs[0]];
        double[] y = v[node];
        int n = lines.length();
        int st = lines.stride();
        for (int s0 : lines.start()) {
            double sum = 0;
            for (int k = 0, i = s0; k < n; k++, i += st) {
                sum += x[i];
            }
            double mean = sum / n;
            double ss = 0;
            for (int k = 0, i = s0; k < n; k++, i += st) {
                double d = x[i] - mean;
                ss += d * d;
            }
            double rho = 1 / Math.sqrt(ss / n + epsilon);
            for (int k = 0, i = s0; k < n; k++, i += st) {
                y[i] = gamma[k] * ((x[i] - mean) * rho) + beta[k];
            }
        }
    }

    @Override
    int boundWorkSize() {
        return lines.length();
    }

    @Override
    void bound(SegmentRelaxation r, double[][] work) {
        int in = inputs[0];
        int n = lines.length();
        int st = lines.stride();
        double[] dlp = work[0];
        double[] dlq = work[1];
        double[] dup = work[2];
        double[] duq = work[3];
        for (int s0 : lines.start()) {
            // centred values: centre exact, radius through the absolute weights
            double cp = 0;
            double cq = 0;
            double sp = 0;
            double sq = 0;
            for (int k = 0, i = s0; k < n; k++, i += st) {
                cp += r.lowerP(in, i) + r.upperP(in, i);
                cq += r.lowerQ(in, i) + r.upperQ(in, i);
                sp += r.upperP(in, i) - r.lowerP(in, i);
                sq += r.upperQ(in, i) - r.lowerQ(in, i);
            }
            cp /= 2 * n;
            cq /= 2 * n;
            sp /= 2 * n;
            sq /= 2 * n;
            double own = 1 - 2.0 / n;
            double cmag = 0;
            for (int k = 0, i = s0; k < n; k++, i += st) {
                cmag += r.size(r.lowerP(in, i), r.lowerQ(in, i)) + r.size(r.upperP(in, i), r.upperQ(in, i));
            }
            // the sums' rounding, shared by every element
            cmag = cmag / n + r.size(cp, cq) + r.size(sp, sq);
            for (int k = 0, i = s0; k < n; k++, i += st) {
                double mpi = 0.5 * (r.lowerP(in, i) + r.upperP(in, i));
                double mqi = 0.5 * (r.lowerQ(in, i) + r.upperQ(in, i));
                double rpi = 0.5 * (r.upperP(in, i) - r.lowerP(in, i));
                double rqi = 0.5 * (r.upperQ(in, i) - r.lowerQ(in, i));
                double ep = mpi - cp;
                double eq = mqi - cq;
                double wp = own * rpi + sp;
                double wq = own * rqi + sq;
                double m = SegmentRelaxation.margin(cmag + r.size(mpi, mqi) + r.size(rpi, rqi));
                dlp[k] = ep - wp - m;
                dlq[k] = eq - wq;
                dup[k] = ep + wp + m;
                duq[k] = eq + wq;
            }
            // variance
            double vlp = 0;
            double vlq = 0;
            double vup = 0;
            double vuq = 0;
            double vmag = 0;
            double gaps = 0;
            for (int k = 0; k < n; k++) {
                double lo = r.min(dlp[k], dlq[k]);
                double hi = r.max(dup[k], duq[k]);
                double gap = Math.max(0, Math.max(lo, -hi));
                gaps += gap * gap;
                r.square(dlp[k], dlq[k], dup[k], duq[k], lo, hi);
                r.fold();
                vlp += r.lp;
                vlq += r.lq;
                vup += r.up;
                vuq += r.uq;
                vmag += r.mag + r.size(r.lp, r.lq) + r.size(r.up, r.uq);
            }
            vlp /= n;
            vlq /= n;
            vup /= n;
            vuq /= n;
            // the sums round: widen by their terms' magnitudes
            vlp -= SegmentRelaxation.margin(vmag / n);
            vup += SegmentRelaxation.margin(vmag / n);
            // v >= 0, and v >= the mean of the squared distances of the d_i's ranges from 0
            double floor = gaps / n * (1 - 1e-12);
            if (!(r.atMid(vlp, vlq) >= floor)) {
                vlp = floor;
                vlq = 0;
            }
            double lv = Math.max(floor, r.min(vlp, vlq));
            double uv = Math.max(lv, r.max(vup, vuq));
            if (!(Double.isFinite(uv) && Double.isFinite(vup) && Double.isFinite(vlp) && Double.isFinite(vlq))) {
                for (int k = 0, i = s0; k < n; k++, i += st) {
                    r.infinite();
                    r.emit(node, i);
                }
                continue;
            }
            r.inverseSqrt(vlp, vlq, vup, vuq, lv, uv, epsilon);
            r.fold();
            double glp = r.lp - SegmentRelaxation.margin(r.mag + r.size(r.lp, r.lq));
            double glq = r.lq;
            double gup = r.up + SegmentRelaxation.margin(r.mag + r.size(r.up, r.uq));
            double guq = r.uq;
            double gl = 1 / Math.sqrt(lv + epsilon) * (1 + 1e-15);
            double lrho = Math.max(r.min(glp, glq), 1 / Math.sqrt(uv + epsilon) * (1 - 1e-15));
            double urho = Math.max(lrho, Math.min(r.max(gup, guq), gl));
            for (int k = 0, i = s0; k < n; k++, i += st) {
                double lo = r.min(dlp[k], dlq[k]);
                double hi = r.max(dup[k], duq[k]);
                r.product(dlp[k], dlq[k], dup[k], duq[k], lo, hi, glp, glq, gup, guq, lrho, urho);
                double mag = r.mag;
                double g = gamma[k];
                double b = beta[k];
                double lp = r.lp;
                double lq = r.lq;
                if (g >= 0) {
                    r.lp = g * lp + b;
                    r.lq = g * lq;
                    r.up = g * r.up + b;
                    r.uq = g * r.uq;
                } else {
                    r.lp = g * r.up + b;
                    r.lq = g * r.uq;
                    r.up = g * lp + b;
                    r.uq = g * lq;
                }
                r.mag = Math.abs(g) * mag + Math.abs(b);
                r.emit(node, i);
            }
        }
    }
}
