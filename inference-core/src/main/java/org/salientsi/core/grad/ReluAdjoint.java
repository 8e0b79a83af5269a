package org.salientsi.core.grad;

import org.salientsi.api.eval.Piece;

/**
 * ReLU and leaky ReLU: the gradient passes where the unit is active and is scaled by the negative
 * slope elsewhere. At a point a unit is active when its input is {@code >= 0}: the rule of the line
 * evaluation for a unit whose input is identically zero on the piece, so that a structurally zero unit
 * counts the same way at a point and on the line (a unit that merely crosses zero is a kink, where
 * the gradient is not defined).
 */
final class ReluAdjoint extends Adjoint {

    private final int size;
    private final double alpha;

    ReluAdjoint(int node, int input, int size, double alpha) {
        super(node, new int[] {input});
        this.size = size;
        this.alpha = alpha;
    }

    @Override
    int decisionCount() {
        return size;
    }

    @Override
    void decide(double[] x, int[] decisions) {
        for (int i = 0; i < size; i++) {
            decisions[i] = x[i] >= 0 ? 1 : 0;
        }
    }

    @Override
    void decide(Piece line, double[] p, double[] q, int[] decisions, double[] sp, double[] sq) {
        for (int i = 0; i < size; i++) {
            decisions[i] = line.positive(p[i], q[i]) ? 1 : 0;
        }
    }

    @Override
    void backward(double[] g, double[][] grad, int[] decisions) {
        double[] gx = grad[inputs[0]];
        if (gx == null) {
            return;
        }
        for (int i = 0; i < size; i++) {
            gx[i] += decisions[i] == 1 ? g[i] : alpha * g[i];
        }
    }
}
