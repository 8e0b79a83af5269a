package org.salientsi.core.grad;

import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.eval.Piece;
import org.salientsi.core.eval.WindowTable;

/**
 * Max pooling and global max pooling: each window's gradient goes to its winner. At a point the
 * winner is the first largest entry in window order; on a piece it is decided by
 * {@link Piece#argmax}, the evaluator's own rule (ties to the lower position in the window).
 */
final class MaxPoolAdjoint extends Adjoint {

    /** Per window: offsets into {@link #index}. */
    private final int[] start;
    /** The input positions of the windows, in compressed-row form. */
    private final int[] index;
    private final int largest;

    MaxPoolAdjoint(int node, int input, WindowTable windows, String name) {
        super(node, new int[] {input});
        this.start = windows.starts();
        this.index = windows.indices();
        this.largest = windows.largestWindow();
        for (int o = 0; o + 1 < start.length; o++) {
            if (start[o + 1] == start[o]) {
                throw new InvalidInputException("max pool '" + name + "' has a window that covers only padding");
            }
        }
    }

    @Override
    int decisionCount() {
        return start.length - 1;
    }

    @Override
    int scratchSize() {
        return largest;
    }

    @Override
    void decide(double[] x, int[] decisions) {
        int[] idx = index;
        for (int o = 0; o < decisions.length; o++) {
            int best = idx[start[o]];
            for (int k = start[o] + 1; k < start[o + 1]; k++) {
                if (x[idx[k]] > x[best]) {
                    best = idx[k];
                }
            }
            decisions[o] = best;
        }
    }

    @Override
    void decide(Piece line, double[] p, double[] q, int[] decisions, double[] sp, double[] sq) {
        int[] idx = index;
        for (int o = 0; o < decisions.length; o++) {
            int from = start[o];
            int len = start[o + 1] - from;
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
