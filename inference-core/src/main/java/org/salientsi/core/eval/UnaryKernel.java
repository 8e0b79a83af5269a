package org.salientsi.core.eval;

/**
 * A smooth elementwise function ({@link SmoothFunction}: sigmoid, tanh, exp, erf, GELU); bounded over a
 * segment by {@link SegmentRelaxation#unary}.
 */
final class UnaryKernel extends SmoothKernel {

    private final SmoothFunction f;

    UnaryKernel(int node, int input, int size, SmoothFunction f, String name) {
        super(node, new int[] {input}, size, name, f.type());
        this.f = f;
    }

    /** @return the function */
    SmoothFunction function() {
        return f;
    }

    @Override
    void compute(double[][] v, double[][] work) {
        double[] x = v[inputs[0]];
        double[] y = v[node];
        for (int i = 0; i < size; i++) {
            y[i] = f.value(x[i]);
        }
    }

    @Override
    void bound(SegmentRelaxation r, double[][] work) {
        int in = inputs[0];
        for (int i = 0; i < size; i++) {
            r.unary(f, r.lowerP(in, i), r.lowerQ(in, i), r.upperP(in, i), r.upperQ(in, i));
            r.emit(node, i);
        }
    }
}
