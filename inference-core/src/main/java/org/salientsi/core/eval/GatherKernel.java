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
     * Per output, its single source when it has exactly one, of weight 1 (nearest resizing, padding,
     * copies): {@code -1} otherwise.
     */
    private final int[] copyOf;
    /** Per input: for each of its units, the outputs that read it (compressed rows). */
    private final int[][] readerStart;
    private final int[][] reader;

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
        this.copyOf = new int[start.length - 1];
        for (int o = 0; o < copyOf.length; o++) {
            boolean single = start[o + 1] - start[o] == 1 && weight[start[o]] == 1.0;
            copyOf[o] = single ? source[start[o]] : -1;
        }
        this.readerStart = new int[inputs.length][];
        this.reader = new int[inputs.length][];
        for (int j = 0; j < inputs.length; j++) {
            int units = 0;
            for (int k = 0; k < source.length; k++) {
                if (sourceNode[k] == j) {
                    units = Math.max(units, source[k] + 1);
                }
            }
            int[] st = new int[units + 1];
            for (int k = 0; k < source.length; k++) {
                if (sourceNode[k] == j) {
                    st[source[k] + 1]++;
                }
            }
            for (int i = 0; i < units; i++) {
                st[i + 1] += st[i];
            }
            int[] fill = java.util.Arrays.copyOf(st, units);
            int[] rd = new int[st[units]];
            for (int o = 0; o < size; o++) {
                for (int k = start[o]; k < start[o + 1]; k++) {
                    if (sourceNode[k] == j) {
                        rd[fill[source[k]]++] = o;
                    }
                }
            }
            readerStart[j] = st;
            reader[j] = rd;
        }
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

    @Override
    double applyUnit(double[][] v, int o, boolean withConstant) {
        double s = 0;
        for (int k = start[o]; k < start[o + 1]; k++) {
            s += weight[k] * v[inputs[sourceNode[k]]][source[k]];
        }
        return s;
    }

    @Override
    int recomputeAll(int[] units, int n, IncrementalLineEvaluator ev, int base) {
        if (inputs.length > 1) {
            return super.recomputeAll(units, n, ev, base);
        }
        double[] px = ev.p[inputs[0]];
        double[] qx = ev.q[inputs[0]];
        double[] py = ev.p[node];
        double[] qy = ev.q[node];
        double[] dpy = ev.dp[node];
        double[] dqy = ev.dq[node];
        int kept = 0;
        for (int j = 0; j < n; j++) {
            int o = units[j];
            // the operations of apply(), for one output (0 + 1 x is x, with -0 made +0)
            double sp = 0;
            double sq = 0;
            int single = copyOf[o];
            if (single >= 0) {
                sp += px[single];
                sq += qx[single];
            } else {
                for (int k = start[o]; k < start[o + 1]; k++) {
                    double wt = weight[k];
                    int i = source[k];
                    sp += wt * px[i];
                    sq += wt * qx[i];
                }
            }
            double op = py[o];
            double oq = qy[o];
            py[o] = sp;
            qy[o] = sq;
            kept = keepIfChanged(o, op, oq, py, qy, dpy, dqy, units, kept);
        }
        return kept;
    }

    @Override
    void touch(int slot, int[] changed, int n, IncrementalLineEvaluator ev) {
        int[] st = readerStart[slot];
        int[] rd = reader[slot];
        int units = st.length - 1;
        for (int c = 0; c < n; c++) {
            int i = changed[c];
            if (i >= units) {
                continue;
            }
            for (int k = st[i]; k < st[i + 1]; k++) {
                ev.mark(node, rd[k]);
            }
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
