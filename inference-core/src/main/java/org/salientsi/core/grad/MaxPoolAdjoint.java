package org.salientsi.core.grad;

import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.eval.LineEvaluation;

/**
 * Max pooling and global max pooling: each window's gradient goes to its winner. At a point the
 * winner is the first largest entry in window order; on a piece it is decided by
 * {@link LineEvaluation#argmax}, the evaluator's own rule (ties to the lower position in the window).
 */
final class MaxPoolAdjoint extends Adjoint {

    private final Windows windows;

    MaxPoolAdjoint(int node, int input, Windows windows, String name) {
        super(node, new int[] {input});
        this.windows = windows;
        for (int o = 0; o + 1 < windows.start.length; o++) {
            if (windows.start[o + 1] == windows.start[o]) {
                throw new InvalidInputException("max pool '" + name + "' has a window that covers only padding");
            }
        }
    }

    @Override
    int decisionCount() {
        return windows.paddedCount.length;
    }

    @Override
    int scratchSize() {
        return windows.largest;
    }

    @Override
    void decide(double[] x, int[] decisions) {
        int[] idx = windows.index;
        for (int o = 0; o < decisions.length; o++) {
            int best = idx[windows.start[o]];
            for (int k = windows.start[o] + 1; k < windows.start[o + 1]; k++) {
                if (x[idx[k]] > x[best]) {
                    best = idx[k];
                }
            }
            decisions[o] = best;
        }
    }

    @Override
    void decide(LineEvaluation line, double[] p, double[] q, int[] decisions, double[] sp, double[] sq) {
        int[] idx = windows.index;
        for (int o = 0; o < decisions.length; o++) {
            int from = windows.start[o];
            int len = windows.start[o + 1] - from;
            for (int k = 0; k < len; k++) {
                sp[k] = p[idx[from + k]];
                sq[k] = q[idx[from + k]];
            }
            decisions[o] = idx[from + line.argmax(sp, sq, 0, len, 1)];
        }
    }

    @Override
    void backward(double[] g, double[][] grad, int[] decisions) {
        double[] gx = grad[inputs[0]];
        if (gx == null) {
            return;
        }
        for (int o = 0; o < decisions.length; o++) {
            gx[decisions[o]] += g[o];
        }
    }
}
