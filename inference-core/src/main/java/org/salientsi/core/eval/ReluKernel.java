package org.salientsi.core.eval;

/** ReLU (alpha = 0) and leaky ReLU: each unit's sign is a decision on the line. */
final class ReluKernel extends Kernel {

    private final double alpha;

    ReluKernel(int node, int input, int size, double alpha) {
        super(node, new int[] {input}, size);
        this.alpha = alpha;
    }

    /** @return the slope for negative inputs (0 for ReLU) */
    double alpha() {
        return alpha;
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
    void line(double[][] p, double[][] q, PieceState line, double[][] work) {
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

    @Override
    int decisions() {
        return size;
    }

    @Override
    void fullPass(IncrementalLineEvaluator ev, int base) {
        double[] px = ev.p[inputs[0]];
        double[] qx = ev.q[inputs[0]];
        double[] py = ev.p[node];
        double[] qy = ev.q[node];
        double at = ev.z;
        DecisionQueue queue = ev.queue;
        for (int i = 0; i < size; i++) {
            queue.setUnordered(base + i, decide(px[i], qx[i], py, qy, i, at));
        }
    }

    @Override
    void recompute(int o, IncrementalLineEvaluator ev, int base) {
        double[] px = ev.p[inputs[0]];
        double[] qx = ev.q[inputs[0]];
        ev.queue.update(base + o, decide(px[o], qx[o], ev.p[node], ev.q[node], o, ev.z));
    }

    @Override
    int recomputeAll(int[] units, int n, IncrementalLineEvaluator ev, int base) {
        double[] px = ev.p[inputs[0]];
        double[] qx = ev.q[inputs[0]];
        double[] py = ev.p[node];
        double[] qy = ev.q[node];
        double[] dpy = ev.dp[node];
        double[] dqy = ev.dq[node];
        double at = ev.z;
        DecisionQueue queue = ev.queue;
        int kept = 0;
        for (int j = 0; j < n; j++) {
            int o = units[j];
            double op = py[o];
            double oq = qy[o];
            queue.update(base + o, decide(px[o], qx[o], py, qy, o, at));
            kept = keepIfChanged(o, op, oq, py, qy, dpy, dqy, units, kept);
        }
        return kept;
    }

    /**
     * Sets output {@code i} by the decision rule of {@link PieceState#positive} at {@code at}.
     *
     * @return the root if it lies ahead of {@code at}, else {@code +inf}
     */
    private double decide(double pv, double qv, double[] py, double[] qy, int i, double at) {
        boolean positive;
        double key = Double.POSITIVE_INFINITY;
        if (qv == 0.0) {
            positive = pv >= 0.0;
        } else {
            double r = -pv / qv;
            boolean ahead = r > at;
            positive = qv > 0 ? r <= at : ahead;
            if (ahead) {
                key = r;
            }
        }
        if (positive) {
            py[i] = pv;
            qy[i] = qv;
        } else {
            py[i] = alpha * pv;
            qy[i] = alpha * qv;
        }
        return key;
    }
}
