package org.salientsi.core.grad;

import java.util.Arrays;

/**
 * The transpose of an op whose every output is a short weighted sum of input entries (resizing, zero
 * padding, concatenation, channels-last flattening, transposition), stored in compressed-row form:
 * output {@code o} reads entries {@code start[o] .. start[o + 1] - 1}, each an input slot, an index in
 * that input and a weight.
 */
final class SparseAdjoint extends Adjoint {

    private final int[] start;
    private final int[] slot;
    private final int[] index;
    private final double[] weight;

    private SparseAdjoint(int node, int[] inputs, int[] start, int[] slot, int[] index, double[] weight) {
        super(node, inputs);
        this.start = start;
        this.slot = slot;
        this.index = index;
        this.weight = weight;
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

    /** Collects the entries output by output, in increasing output order. */
    static final class Builder {
        private final int[] start;
        private int[] slot = new int[16];
        private int[] index = new int[16];
        private double[] weight = new double[16];
        private int count;
        private int current = -1;

        Builder(int outputs) {
            this.start = new int[outputs + 1];
        }

        /** Starts output {@code o} (outputs must come in increasing order; skipped ones are empty). */
        Builder output(int o) {
            for (int k = current + 1; k <= o; k++) {
                start[k] = count;
            }
            current = o;
            return this;
        }

        /** Adds {@code w * input[s][i]} to the current output. */
        Builder add(int s, int i, double w) {
            if (count == slot.length) {
                slot = Arrays.copyOf(slot, 2 * count);
                index = Arrays.copyOf(index, 2 * count);
                weight = Arrays.copyOf(weight, 2 * count);
            }
            slot[count] = s;
            index[count] = i;
            weight[count] = w;
            count++;
            return this;
        }

        SparseAdjoint build(int node, int[] inputs) {
            for (int k = current + 1; k < start.length; k++) {
                start[k] = count;
            }
            return new SparseAdjoint(node, inputs, start, Arrays.copyOf(slot, count), Arrays.copyOf(index, count),
                    Arrays.copyOf(weight, count));
        }
    }
}
