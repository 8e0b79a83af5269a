package org.salientsi.core.eval;

import java.util.Arrays;
import java.util.List;
import org.salientsi.api.ir.Concat;
import org.salientsi.api.ir.Pad;
import org.salientsi.api.ir.Padding;
import org.salientsi.api.ir.Slice;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.ir.Transpose;
import org.salientsi.api.ir.Upsample;

/**
 * A linear map from one or more input tensors in which every output is a short weighted sum of input
 * entries, in compressed-row form:
 * \( y_o = \sum_{e = s_o}^{s_{o+1} - 1} w_e \, x^{(p_e)}_{i_e} \), where entry \( e \) names an input
 * position \( p_e \) (which of the op's inputs), a flat CHW index \( i_e \) in that input and a weight
 * \( w_e \); {@code start} has one more element than there are outputs, and an output with no entries is
 * zero (padding). The IR's rearranging ops are such maps: resizing (nearest and bilinear), zero padding,
 * channel concatenation, channels-last flattening, axis transposition and slicing; the static factories build
 * their tables once, for the forward evaluators of this package and for the reverse pass of
 * {@code org.salientsi.core.grad}, which applies the transpose.
 *
 * <p>Within an output, entries appear in the order the forward sum adds them (for bilinear resizing:
 * the upper row before the lower, the left column before the right), so every user rounds alike.
 * Immutable; the accessors return copies, which callers take once when they compile a network.
 */
public final class SparseMap {

    /** Per output: offsets into the entries; {@code outputs() + 1} values, non-decreasing. */
    final int[] start;
    /** Per entry: which input (an index into the op's inputs). */
    final int[] position;
    /** Per entry: the flat CHW index in that input. */
    final int[] index;
    /** Per entry: the weight. */
    final double[] weight;

    private SparseMap(int[] start, int[] position, int[] index, double[] weight) {
        this.start = start;
        this.position = position;
        this.index = index;
        this.weight = weight;
    }

    /**
     * Resizing ({@link ResizeAxis} along rows and columns, ONNX {@code Resize} semantics): output
     * \( (c, y, x) \) is \( \sum_{a, d} r_{y,a}\, k_{x,d}\, \mathrm{in}(c, i_{y,a}, j_{x,d}) \) over the
     * (at most two) non-zero row and column weights.
     *
     * @param op the resize
     * @param in its input's shape
     * @return the map, with {@code op.outputShape(in).size()} outputs
     */
    public static SparseMap upsample(Upsample op, TensorShape in) {
        TensorShape out = op.outputShape(List.of(in));
        double[][] rows = ResizeAxis.table(in.height(), out.height(), op.scaleH(), op);
        double[][] cols = ResizeAxis.table(in.width(), out.width(), op.scaleW(), op);
        Builder b = new Builder(out.size());
        for (int c = 0; c < out.channels(); c++) {
            for (int oy = 0; oy < out.height(); oy++) {
                for (int ox = 0; ox < out.width(); ox++) {
                    b.output(out.index(c, oy, ox));
                    for (int a = 0; a < 2; a++) {
                        double wy = rows[oy][2 + a];
                        for (int d = 0; d < 2 && wy != 0; d++) {
                            double wx = cols[ox][2 + d];
                            if (wx != 0) {
                                b.add(0, in.index(c, (int) rows[oy][a], (int) cols[ox][d]), wy * wx);
                            }
                        }
                    }
                }
            }
        }
        return b.build();
    }

    /**
     * Zero padding: output \( (c, h, w) \) is input \( (c, h - p_t, w - p_l) \) with weight 1 when that
     * lies inside the input, and has no entries (is zero) otherwise.
     *
     * @param op the padding
     * @param in its input's shape
     * @return the map
     */
    public static SparseMap pad(Pad op, TensorShape in) {
        TensorShape out = op.outputShape(List.of(in));
        Padding p = op.padding();
        Builder b = new Builder(out.size());
        for (int c = 0; c < out.channels(); c++) {
            for (int h = 0; h < out.height(); h++) {
                for (int w = 0; w < out.width(); w++) {
                    int ih = h - p.top();
                    int iw = w - p.left();
                    if (ih >= 0 && ih < in.height() && iw >= 0 && iw < in.width()) {
                        b.output(out.index(c, h, w)).add(0, in.index(c, ih, iw), 1.0);
                    }
                }
            }
        }
        return b.build();
    }

    /**
     * Concatenation along channels: in CHW order the output is the inputs one after another, each entry
     * a copy (weight 1) from input position {@code j}.
     *
     * @param inputs the inputs' shapes, two or more with one spatial size
     * @return the map
     * @throws org.salientsi.api.error.ShapeMismatchException if the inputs cannot be concatenated
     */
    public static SparseMap concat(List<TensorShape> inputs) {
        Builder b = new Builder(new Concat().outputShape(inputs).size());
        int o = 0;
        for (int j = 0; j < inputs.size(); j++) {
            int size = inputs.get(j).size();
            for (int i = 0; i < size; i++) {
                b.output(o++).add(j, i, 1.0);
            }
        }
        return b.build();
    }

    /**
     * Flattening in channels-last order (Keras {@code Flatten} on HWC tensors): output
     * \( (h W + w) C + c \) is input \( (c, h, w) \).
     *
     * @param in the input's shape
     * @return the map, with {@code in.size()} outputs
     */
    public static SparseMap flattenHwc(TensorShape in) {
        Builder b = new Builder(in.size());
        int o = 0;
        for (int h = 0; h < in.height(); h++) {
            for (int w = 0; w < in.width(); w++) {
                for (int c = 0; c < in.channels(); c++) {
                    b.output(o++).add(0, in.index(c, h, w), 1.0);
                }
            }
        }
        return b.build();
    }

    /**
     * Axis transposition: output coordinate \( k \) is input axis {@code perm[k]}'s coordinate.
     *
     * @param op the transposition
     * @param in its input's shape
     * @return the map
     */
    public static SparseMap transpose(Transpose op, TensorShape in) {
        TensorShape out = op.outputShape(List.of(in));
        int[] perm = op.perm();
        Builder b = new Builder(out.size());
        int[] coord = new int[3];
        for (int i0 = 0; i0 < out.channels(); i0++) {
            for (int i1 = 0; i1 < out.height(); i1++) {
                for (int i2 = 0; i2 < out.width(); i2++) {
                    coord[perm[0]] = i0;
                    coord[perm[1]] = i1;
                    coord[perm[2]] = i2;
                    b.output(out.index(i0, i1, i2)).add(0, in.index(coord[0], coord[1], coord[2]), 1.0);
                }
            }
        }
        return b.build();
    }

    /**
     * Slicing along one axis: output \( (c, h, w) \) is input \( (c, h, w) \) with the sliced axis's coordinate
     * shifted by {@code start}, weight 1.
     *
     * @param op the slice
     * @param in its input's shape
     * @return the map
     * @throws org.salientsi.api.error.ShapeMismatchException if the slice reaches past the input
     */
    public static SparseMap slice(Slice op, TensorShape in) {
        TensorShape out = op.outputShape(List.of(in));
        int dc = op.axis() == 0 ? op.start() : 0;
        int dh = op.axis() == 1 ? op.start() : 0;
        int dw = op.axis() == 2 ? op.start() : 0;
        Builder b = new Builder(out.size());
        for (int c = 0; c < out.channels(); c++) {
            for (int h = 0; h < out.height(); h++) {
                for (int w = 0; w < out.width(); w++) {
                    b.output(out.index(c, h, w)).add(0, in.index(c + dc, h + dh, w + dw), 1.0);
                }
            }
        }
        return b.build();
    }

    /** @return the number of outputs */
    public int outputs() {
        return start.length - 1;
    }

    /** @return the number of entries (non-zero weights) */
    public int entries() {
        return index.length;
    }

    /** @return per output, the offset of its first entry; {@code outputs() + 1} values (a copy) */
    public int[] starts() {
        return start.clone();
    }

    /** @return per entry, the input it reads (an index into the op's inputs; a copy) */
    public int[] positions() {
        return position.clone();
    }

    /** @return per entry, the flat CHW index in its input (a copy) */
    public int[] indices() {
        return index.clone();
    }

    /** @return per entry, its weight (a copy) */
    public double[] weights() {
        return weight.clone();
    }

    @Override
    public String toString() {
        return "SparseMap[" + outputs() + " outputs, " + entries() + " entries]";
    }

    /** Collects the entries output by output, in increasing output order. */
    private static final class Builder {
        private final int[] start;
        private int[] position = new int[64];
        private int[] index = new int[64];
        private double[] weight = new double[64];
        private int count;
        private int current = -1;

        Builder(int outputs) {
            this.start = new int[outputs + 1];
        }

        /** Starts output {@code o} (outputs come in increasing order; skipped ones are empty). */
        Builder output(int o) {
            while (current < o) {
                current++;
                start[current] = count;
            }
            return this;
        }

        /** Adds {@code w * input[p][i]} to the current output. */
        Builder add(int p, int i, double w) {
            if (count == index.length) {
                position = Arrays.copyOf(position, 2 * count);
                index = Arrays.copyOf(index, 2 * count);
                weight = Arrays.copyOf(weight, 2 * count);
            }
            position[count] = p;
            index[count] = i;
            weight[count] = w;
            count++;
            return this;
        }

        SparseMap build() {
            output(start.length - 1);
            return new SparseMap(start, Arrays.copyOf(position, count), Arrays.copyOf(index, count),
                    Arrays.copyOf(weight, count));
        }
    }
}
