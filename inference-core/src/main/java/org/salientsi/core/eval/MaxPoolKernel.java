package org.salientsi.core.eval;

import org.salientsi.api.error.InvalidInputException;

/**
 * Max pooling (and global max pooling, one window per channel): the winner of each window is a
 * decision on the line, which lasts until the nearest root ahead of a rival that rises faster.
 */
final class MaxPoolKernel extends Kernel {

    private final WindowTable windows;

    MaxPoolKernel(int node, int input, WindowTable windows, String name) {
        super(node, new int[] {input}, windows.paddedCount.length);
        this.windows = windows;
        for (int o = 0; o < size; o++) {
            if (windows.start[o + 1] == windows.start[o]) {
                throw new InvalidInputException("max pool '" + name + "' has a window that covers only padding");
            }
        }
    }

    /** @return the pooling windows */
    WindowTable windows() {
        return windows;
    }

    @Override
    void forward(double[][] v, double[][] work) {
        double[] x = v[inputs[0]];
        double[] y = v[node];
        int[] idx = windows.index;
        for (int o = 0; o < size; o++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int k = windows.start[o]; k < windows.start[o + 1]; k++) {
                m = Math.max(m, x[idx[k]]);
            }
            y[o] = m;
        }
    }

    @Override
    void line(double[][] p, double[][] q, PieceState line, double[][] work) {
        double[] px = p[inputs[0]];
        double[] qx = q[inputs[0]];
        double[] py = p[node];
        double[] qy = q[node];
        for (int o = 0; o < size; o++) {
            int win = line.argmaxOf(px, qx, windows.index, windows.start[o], windows.start[o + 1]);
            py[o] = px[win];
            qy[o] = qx[win];
        }
    }

    @Override
    int decisions() {
        return size;
    }

    @Override
    void fullPass(IncrementalLineEvaluator ev, int base) {
        for (int o = 0; o < size; o++) {
            ev.queue.setUnordered(base + o, decide(o, ev));
        }
    }

    @Override
    void touch(int slot, int[] changed, int n, IncrementalLineEvaluator ev) {
        int[] cover = windows.coverStart;
        int[] win = windows.window;
        for (int c = 0; c < n; c++) {
            int i = changed[c];
            for (int k = cover[i]; k < cover[i + 1]; k++) {
                ev.mark(node, win[k]);
            }
        }
    }

    @Override
    void recompute(int o, IncrementalLineEvaluator ev, int base) {
        ev.queue.update(base + o, decide(o, ev));
    }

    /** Sets window {@code o}'s output to its winner at the evaluator's point; returns the winner's bound. */
    private double decide(int o, IncrementalLineEvaluator ev) {
        double[] px = ev.p[inputs[0]];
        double[] qx = ev.q[inputs[0]];
        int from = windows.start[o];
        int to = windows.start[o + 1];
        int win = PieceState.winner(px, qx, windows.index, from, to, 1, ev.z);
        ev.p[node][o] = px[win];
        ev.q[node][o] = qx[win];
        return PieceState.winnerBound(px, qx, windows.index, from, to, win, ev.z);
    }
}
