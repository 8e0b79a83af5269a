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
 * \( 1 / \min S \). Quadratic in the line's length per line.
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
    void bound(SegmentRelaxation r, double[][] work) {
        int in = inputs[0];
        int n = lines.length();
        int st = lines.stride();
        for (int s0 : lines.start()) {
            for (int a = 0, i = s0; a < n; a++, i += st) {
                double ilp = r.lowerP(in, i);
                double ilq = r.lowerQ(in, i);
                double iup = r.upperP(in, i);
                double iuq = r.upperQ(in, i);
                double slp = 1;
                double slq = 0;
                double sup = 1;
                double suq = 0;
                double smag = 1;
                boolean infinite = false;
                for (int b = 0, j = s0; b < n; b++, j += st) {
                    if (b == a) {
                        continue;
                    }
                    r.unary(SmoothFunction.EXP, r.lowerP(in, j) - iup, r.lowerQ(in, j) - iuq,
                            r.upperP(in, j) - ilp, r.upperQ(in, j) - ilq);
                    if (Double.isFinite(r.lp) && Double.isFinite(r.lq)) {
                        slp += r.lp;
                        slq += r.lq;
                        smag += r.size(r.lp, r.lq);
                    }
                    if (Double.isFinite(r.up) && Double.isFinite(r.uq)) {
                        sup += r.up;
                        suq += r.uq;
                        smag += r.size(r.up, r.uq);
                    } else {
                        infinite = true;
                    }
                    smag += r.mag;
                }
                double lo = r.min(slp, slq);
                if (!(lo >= 1)) {
                    lo = 1;
                }
                double hi = infinite ? Double.POSITIVE_INFINITY : Math.max(lo, r.max(sup, suq));
                if (infinite || !Double.isFinite(hi) || !Double.isFinite(smag)) {
                    r.constant(0, 1 / lo);
                } else {
                    r.reciprocal(slp, slq, sup, suq, lo, hi);
                    r.mag += smag;
                }
                r.floor(0);
                r.ceiling(1);
                r.emit(node, i);
            }
        }
    }
}
