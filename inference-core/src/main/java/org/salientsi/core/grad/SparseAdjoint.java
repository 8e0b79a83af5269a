package org.salientsi.core.grad;

import org.salientsi.core.eval.SparseMap;

/**
 * The transpose of an op whose every output is a short weighted sum of input entries (resizing, zero
 * padding, concatenation, channels-last flattening, transposition), from the op's forward
 * {@link SparseMap}: output {@code o} reads entries {@code start[o] .. start[o + 1] - 1}, each an input
 * slot, an index in that input and a weight, and the reverse pass adds {@code weight * g[o]} back to
 * each of them.
 */
final class SparseAdjoint extends Adjoint {

    private final int[] start;
    private final int[] slot;
    private final int[] index;
    private final double[] weight;

    /**
     * @param node the op's node
     * @param inputs its input nodes; the map's input positions index into this array
     * @param map the op's forward table
     */
    SparseAdjoint(int node, int[] inputs, SparseMap map) {
        super(node, inputs);
        this.start = map.starts();
        this.slot = map.positions();
        this.index = map.indices();
        this.weight = map.weights();
    }

    @Override
    void backward(double[] g, double[][] grad, int[] decisions) {
        for (int o = 0; o + 1 < start.length; o++) {
            double v = g[o];
            if (v == 0) {
                continue;
            }
            for (int e = start[o]; e < start[o + 1]; e++) {
                double[] gx = grad[inputs[slot[e]]];
                if (gx != null) {
                    gx[index[e]] += weight[e] * v;
                }
            }
        }
    }
}
