package org.salientsi.core.eval;

/** ReLU (alpha = 0) and leaky ReLU: each unit's sign is a decision on the line. */
final class ReluKernel extends Kernel {

    private final double alpha;

    ReluKernel(int node, int input, int size, double alpha) {
        super(node, new int[] {input}, size);
        this.alpha = alpha;
    }

    @Override
    void forward(double[][] v, double[][] work) {
        double[] x = v[inputs[0]];
        double[] y = v[node];
        for (int i = 0; i < size; i++) {
            double t = x[i];
            y[i] = t > 0 ? t : alpha * t;
        }
    }

    @Override
    void line(double[][] p, double[][] q, LineEvaluator line, double[][] work) {
        double[] px = p[inputs[0]];
        double[] qx = q[inputs[0]];
        double[] py = p[node];
        double[] qy = q[node];
        for (int i = 0; i < size; i++) {
            if (line.positive(px[i], qx[i])) {
                py[i] = px[i];
                qy[i] = qx[i];
            } else {
                py[i] = alpha * px[i];
                qy[i] = alpha * qx[i];
            }
        }
    }
}
