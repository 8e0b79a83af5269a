package org.salientsi.core.eval;

/**
 * A linear map in which each output is a weighted sum of a few inputs, from a compressed-row table:
 * resizing (nearest and bilinear), padding, transposition, flattening in HWC order, concatenation and
 * copies.
 */
final class GatherKernel extends Kernel.Affine {

    private final int[] start;
    private final int[] source;
    private final int[] sourceNode;
    private final double[] weight;

    /**
     * @param node output node
     * @param inputs input nodes; {@code sourceNode[k]} indexes into this array
     * @param start {@code size + 1} offsets into the entries
     * @param sourceNode per entry: which input
     * @param source per entry: flat index in that input
     * @param weight per entry: its weight
     */
    GatherKernel(int node, int[] inputs, int[] start, int[] sourceNode, int[] source, double[] weight) {
        super(node, inputs, start.length - 1);
        this.start = start;
        this.sourceNode = sourceNode;
        this.source = source;
        this.weight = weight;
    }

    @Override
    void apply(double[][] v, double[] out, boolean withConstant) {
        for (int o = 0; o < size; o++) {
            double s = 0;
            for (int k = start[o]; k < start[o + 1]; k++) {
                s += weight[k] * v[inputs[sourceNode[k]]][source[k]];
            }
            out[o] = s;
        }
    }

    /** Collects the table entry by entry. */
    static final class Builder {
        private final int size;
        private final int[] start;
        private int[] node = new int[64];
        private int[] src = new int[64];
        private double[] w = new double[64];
        private int n;
        private int current = -1;

        Builder(int size) {
            this.size = size;
            this.start = new int[size + 1];
        }

        /** Starts output {@code o}; outputs must be started in order. */
        Builder output(int o) {
            while (current < o) {
                current++;
                start[current] = n;
            }
            return this;
        }

        Builder add(int inputPosition, int index, double weight) {
            if (n == src.length) {
                node = java.util.Arrays.copyOf(node, n * 2);
                src = java.util.Arrays.copyOf(src, n * 2);
                w = java.util.Arrays.copyOf(w, n * 2);
            }
            node[n] = inputPosition;
            src[n] = index;
            w[n] = weight;
            n++;
            return this;
        }

        GatherKernel build(int nodeId, int[] inputs) {
            while (current < size) {
                current++;
                start[current] = n;
            }
            return new GatherKernel(nodeId, inputs, start, java.util.Arrays.copyOf(node, n),
                    java.util.Arrays.copyOf(src, n), java.util.Arrays.copyOf(w, n));
        }
    }
}
