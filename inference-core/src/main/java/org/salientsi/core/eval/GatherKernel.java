package org.salientsi.core.eval;

/**
 * A linear map in which each output is a weighted sum of a few inputs, from a {@link SparseMap}:
 * resizing (nearest and bilinear), padding, transposition, flattening in HWC order and concatenation.
 * Beside the map's rows it keeps, per input, the reverse table (which outputs read each unit) for the
 * incremental walk.
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
     * @param inputs input nodes; the map's input positions index into this array
     * @param map the table
     */
    GatherKernel(int node, int[] inputs, SparseMap map) {
        super(node, inputs, map.outputs());
        this.start = map.start;
        this.sourceNode = map.position;
        this.source = map.index;
        this.weight = map.weight;
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
        double[][] p = ev.p;
        double[][] q = ev.q;
        double[] py = p[node];
        double[] qy = q[node];
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
                int in = inputs[sourceNode[start[o]]];
                sp += p[in][single];
                sq += q[in][single];
            } else {
                for (int k = start[o]; k < start[o + 1]; k++) {
                    double wt = weight[k];
                    int in = inputs[sourceNode[k]];
                    int i = source[k];
                    sp += wt * p[in][i];
                    sq += wt * q[in][i];
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
}
