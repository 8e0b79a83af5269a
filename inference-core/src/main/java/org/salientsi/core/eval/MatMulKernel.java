package org.salientsi.core.eval;

import org.salientsi.api.ir.TensorShape;

/**
 * Batched matrix product of two data-dependent tensors, \( (C, H, K) \times (C, K, W) \to (C, H, W) \), a side
 * with one channel shared by every channel of the other.
 *
 * <p>Over a segment each term \( a_{h,k} b_{k,w} \) is bounded by McCormick's envelopes
 * ({@link SegmentRelaxation#product}) on the ranges of its factors, and the terms' lines are summed.
 */
final class MatMulKernel extends SmoothKernel {

    private final int channels;
    private final int rows;
    private final int inner;
    private final int cols;
    private final boolean sharedA;
    private final boolean sharedB;
    private final int sizeA;
    private final int sizeB;

    MatMulKernel(int node, int[] inputs, TensorShape a, TensorShape b, TensorShape out, String name) {
        super(node, inputs, out.size(), name, "MatMul");
        this.channels = out.channels();
        this.rows = a.height();
        this.inner = a.width();
        this.cols = b.width();
        this.sharedA = a.channels() == 1;
        this.sharedB = b.channels() == 1;
        this.sizeA = a.size();
        this.sizeB = b.size();
    }

    private int offsetA(int c) {
        return sharedA ? 0 : c * rows * inner;
    }

    private int offsetB(int c) {
        return sharedB ? 0 : c * inner * cols;
    }

    @Override
    void compute(double[][] v, double[][] work) {
        double[] a = v[inputs[0]];
        double[] b = v[inputs[1]];
        double[] y = v[node];
        for (int c = 0; c < channels; c++) {
            int oa = offsetA(c);
            int ob = offsetB(c);
            int oy = c * rows * cols;
            for (int h = 0; h < rows; h++) {
                for (int w = 0; w < cols; w++) {
                    double s = 0;
                    for (int k = 0; k < inner; k++) {
                        s += a[oa + h * inner + k] * b[ob + k * cols + w];
                    }
                    y[oy + h * cols + w] = s;
                }
            }
        }
    }

    @Override
    int boundWorkSize() {
        return Math.max(sizeA, sizeB);
    }

    @Override
    void bound(SegmentRelaxation r, double[][] work) {
        int ia = inputs[0];
        int ib = inputs[1];
        double[] la = work[0];
        double[] ua = work[1];
        double[] lb = work[2];
        double[] ub = work[3];
        for (int i = 0; i < sizeA; i++) {
            la[i] = r.low(ia, i);
            ua[i] = r.high(ia, i);
        }
        for (int i = 0; i < sizeB; i++) {
            lb[i] = r.low(ib, i);
            ub[i] = r.high(ib, i);
        }
        for (int c = 0; c < channels; c++) {
            int oa = offsetA(c);
            int ob = offsetB(c);
            int oy = c * rows * cols;
            for (int h = 0; h < rows; h++) {
                for (int w = 0; w < cols; w++) {
                    double slp = 0;
                    double slq = 0;
                    double sup = 0;
                    double suq = 0;
                    double smag = 0;
                    for (int k = 0; k < inner; k++) {
                        int i = oa + h * inner + k;
                        int j = ob + k * cols + w;
                        r.product(r.lowerP(ia, i), r.lowerQ(ia, i), r.upperP(ia, i), r.upperQ(ia, i), la[i], ua[i],
                                r.lowerP(ib, j), r.lowerQ(ib, j), r.upperP(ib, j), r.upperQ(ib, j), lb[j], ub[j]);
                        slp += r.lp;
                        slq += r.lq;
                        sup += r.up;
                        suq += r.uq;
                        smag += r.mag;
                    }
                    r.lp = slp;
                    r.lq = slq;
                    r.up = sup;
                    r.uq = suq;
                    r.mag = smag;
                    r.emit(node, oy + h * cols + w);
                }
            }
        }
    }
}
