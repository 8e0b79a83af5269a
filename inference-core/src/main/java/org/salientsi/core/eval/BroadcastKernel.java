package org.salientsi.core.eval;

import org.salientsi.api.ir.TensorShape;

/**
 * Elementwise product or quotient of two data-dependent tensors with broadcasting (along each CHW axis
 * the sizes are equal or one is 1): output {@code o} combines unit {@code left[o]} of the first input with
 * unit {@code right[o]} of the second.
 *
 * <p>Over a segment a product is bounded by McCormick's envelopes ({@link SegmentRelaxation#product}); a
 * quotient \( a / b \) as \( a \cdot (1/b) \), the reciprocal relaxed on the range of b
 * ({@link SegmentRelaxation#reciprocal}) when that range excludes 0, else the output is unbounded. At a
 * point, a divisor 0 is a numerical breakdown.
 */
final class BroadcastKernel extends SmoothKernel {

    private final int[] left;
    private final int[] right;
    private final boolean divide;

    BroadcastKernel(int node, int[] inputs, TensorShape a, TensorShape b, TensorShape out, boolean divide,
                    String name) {
        super(node, inputs, out.size(), name, divide ? "Div" : "Mul");
        this.divide = divide;
        this.left = new int[out.size()];
        this.right = new int[out.size()];
        for (int c = 0; c < out.channels(); c++) {
            for (int h = 0; h < out.height(); h++) {
                for (int w = 0; w < out.width(); w++) {
                    int o = out.index(c, h, w);
                    left[o] = source(a, c, h, w);
                    right[o] = source(b, c, h, w);
                }
            }
        }
    }

    private static int source(TensorShape s, int c, int h, int w) {
        return s.index(s.channels() == 1 ? 0 : c, s.height() == 1 ? 0 : h, s.width() == 1 ? 0 : w);
    }

    @Override
    void compute(double[][] v, double[][] work) {
        double[] a = v[inputs[0]];
        double[] b = v[inputs[1]];
        double[] y = v[node];
        if (divide) {
            for (int o = 0; o < size; o++) {
                double d = b[right[o]];
                if (d == 0) {
                    throw breakdown("division by zero at output " + o + " (numerator " + a[left[o]] + ")");
                }
                y[o] = a[left[o]] / d;
            }
        } else {
            for (int o = 0; o < size; o++) {
                y[o] = a[left[o]] * b[right[o]];
            }
        }
    }

    @Override
    void bound(SegmentRelaxation r, double[][] work) {
        int ia = inputs[0];
        int ib = inputs[1];
        for (int o = 0; o < size; o++) {
            int i = left[o];
            int j = right[o];
            double xlp = r.lowerP(ia, i);
            double xlq = r.lowerQ(ia, i);
            double xup = r.upperP(ia, i);
            double xuq = r.upperQ(ia, i);
            double lx = r.min(xlp, xlq);
            double ux = r.max(xup, xuq);
            double ylp = r.lowerP(ib, j);
            double ylq = r.lowerQ(ib, j);
            double yup = r.upperP(ib, j);
            double yuq = r.upperQ(ib, j);
            double ly = r.min(ylp, ylq);
            double uy = r.max(yup, yuq);
            if (!divide) {
                r.product(xlp, xlq, xup, xuq, lx, ux, ylp, ylq, yup, yuq, ly, uy);
                r.emit(node, o);
                continue;
            }
            r.reciprocal(ylp, ylq, yup, yuq, ly, uy);
            if (!(Double.isFinite(r.lp) && Double.isFinite(r.up))) {
                r.emit(node, o);
                continue;
            }
            r.fold();
            // the reciprocal's lines, widened by their rounding before the product reads them
            double rlp = r.lp - SegmentRelaxation.margin(r.mag + r.size(r.lp, r.lq));
            double rlq = r.lq;
            double rup = r.up + SegmentRelaxation.margin(r.mag + r.size(r.up, r.uq));
            double ruq = r.uq;
            // 1/b lies in [1/uy, 1/ly] (b keeps its sign), a few ulps outward
            double least = 1 / uy;
            double most = 1 / ly;
            double lr = Math.max(r.min(rlp, rlq), least - Math.abs(least) * 1e-15);
            double ur = Math.min(r.max(rup, ruq), most + Math.abs(most) * 1e-15);
            r.product(xlp, xlq, xup, xuq, lx, ux, rlp, rlq, rup, ruq, lr, Math.max(lr, ur));
            r.emit(node, o);
        }
    }
}
