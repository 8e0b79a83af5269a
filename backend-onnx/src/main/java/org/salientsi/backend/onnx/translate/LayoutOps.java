package org.salientsi.backend.onnx.translate;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.salientsi.api.ir.Concat;
import org.salientsi.api.ir.Dense;
import org.salientsi.api.ir.Flatten;
import org.salientsi.api.ir.Identity;
import org.salientsi.api.ir.Op;
import org.salientsi.api.ir.Reshape;
import org.salientsi.api.ir.Slice;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.ir.Transpose;
import org.salientsi.backend.onnx.fold.ConstantFolder;
import org.salientsi.backend.onnx.model.Attributes;
import org.salientsi.backend.onnx.model.ConstTensor;
import org.salientsi.backend.onnx.translate.Translation.Data;

/**
 * Ops that move, select or relabel data: {@code Flatten}, {@code Reshape}, {@code Squeeze},
 * {@code Unsqueeze}, {@code Transpose}, {@code Concat} (along any axis, with constant operands),
 * {@code Gather} (a constant index) and {@code Slice} (constant bounds, step 1). The batch axis (axis 0)
 * must stay where it is: the IR holds one sample.
 */
final class LayoutOps {

    private LayoutOps() {
    }

    /** The IR op that relabels {@code x} as dims {@code to} (same element order). */
    private static Op relabel(Data x, long[] to) {
        TensorShape from = Translation.irShape(x.dims());
        TensorShape target = Translation.irShape(to);
        if (from.equals(target)) {
            return new Identity();
        }
        if (to.length == 1 && x.rank() > 1) {
            return new Flatten(Flatten.Order.CHW);
        }
        return new Reshape(target);
    }

    static void flatten(Translation t, NodeProto n) {
        Data x = t.data(n, 0);
        int rank = x.rank() + 1;
        long axis = Attributes.of(n).getInt("axis", 1);
        long a = axis < 0 ? axis + rank : axis;
        if (a != 1) {
            throw Translation.unsupported(n, "flattens at axis " + axis + " a tensor of dims "
                    + Arrays.toString(x.fullDims()) + "; only axis 1 keeps the batch axis apart");
        }
        long[] to = {x.size()};
        t.emit(n, x.rank() > 1 ? new Flatten(Flatten.Order.CHW) : new Identity(), to, x.id());
    }

    static void reshape(Translation t, NodeProto n) {
        Data x = t.data(n, 0);
        long[] target = t.constant(n, 1, "shape").integers();
        boolean allowZero = t.opset >= 14 && Attributes.of(n).getInt("allowzero", 0) != 0;
        long[] out = ConstantFolder.reshapeDims(x.fullDims(), target, allowZero);
        if (out.length == 0 || out[0] != 1 || !(target[0] == 1 || target[0] == 0 || target[0] == -1)) {
            throw Translation.unsupported(n, "reshapes " + Arrays.toString(x.fullDims()) + " to "
                    + Arrays.toString(out) + " (target " + Arrays.toString(target)
                    + "), which moves the batch axis");
        }
        long[] dims = Arrays.copyOfRange(out, 1, out.length);
        t.emit(n, relabel(x, dims), dims, x.id());
    }

    static void squeeze(Translation t, NodeProto n) {
        Data x = t.data(n, 0);
        boolean un = n.getOpType().equals("Unsqueeze");
        long[] axes;
        if (t.opset < 13) {
            axes = Attributes.of(n).getInts("axes");
        } else {
            ConstTensor a = t.optionalConstant(n, 1, "axes");
            axes = a == null ? null : a.integers();
        }
        long[] full = x.fullDims();
        if (axes == null) {
            throw Translation.unsupported(n, un ? "has no axes"
                    : "squeezes every axis of length 1, including the batch axis; give the axes");
        }
        int rank = un ? full.length + axes.length : full.length;
        for (long a : axes) {
            if (ConstantFolder.axis(a, rank) == 0) {
                throw Translation.unsupported(n, (un ? "inserts an axis before" : "removes")
                        + " the batch axis (axes " + Arrays.toString(axes) + ")");
            }
        }
        long[] out = un ? ConstantFolder.unsqueezeDims(full, axes) : ConstantFolder.squeezeDims(full, axes);
        long[] dims = Arrays.copyOfRange(out, 1, out.length);
        t.emit(n, relabel(x, dims), dims, x.id());
    }

    static void transpose(Translation t, NodeProto n) {
        Data x = t.data(n, 0);
        long[] perm = Attributes.of(n).getInts("perm");
        int rank = x.rank() + 1;
        if (perm == null) {
            if (rank > 1) {
                throw Translation.unsupported(n, "reverses the axes (no perm), which moves the batch axis");
            }
            perm = new long[] {0};
        }
        if (perm.length != rank) {
            throw Translation.unsupported(n, "has perm " + Arrays.toString(perm) + " for a rank-" + rank + " tensor");
        }
        if (perm[0] != 0) {
            throw Translation.unsupported(n, "has perm " + Arrays.toString(perm) + ", which moves the batch axis");
        }
        long[] in = x.dims();
        long[] dims = new long[rank - 1];
        int[] irPerm = {0, 1, 2};
        for (int i = 1; i < rank; i++) {
            int p = (int) perm[i];
            if (p < 1 || p >= rank) {
                throw Translation.unsupported(n, "has an invalid perm " + Arrays.toString(perm));
            }
            dims[i - 1] = in[p - 1];
            irPerm[i - 1] = p - 1;
        }
        boolean identity = irPerm[0] == 0 && irPerm[1] == 1 && irPerm[2] == 2;
        t.emit(n, identity ? new Identity() : new Transpose(irPerm), dims, x.id());
    }

    /**
     * {@code Concat} along any axis but the batch's. The IR concatenates channels, so along another axis the
     * operands are transposed to bring it first and the result back. A constant operand becomes an IR node by a
     * {@link Dense} layer with zero weights and the constant as bias on one element of image data (exact).
     */
    static void concat(Translation t, NodeProto n) {
        int count = n.getInputCount();
        Data first = null;
        for (int i = 0; i < count && first == null; i++) {
            if (t.input(n, i) instanceof Data d) {
                first = d;
            }
        }
        if (first == null) {
            throw Translation.unsupported(n, "has no input that depends on the image");
        }
        int rank = first.rank() + 1;
        int axis = ConstantFolder.axis(Attributes.of(n).getInt("axis", 1), rank);
        if (axis == 0) {
            throw Translation.unsupported(n, "concatenates along the batch axis");
        }
        int irAxis = axis - 1;
        int[] perm = {0, 1, 2};
        perm[0] = irAxis;
        perm[irAxis] = 0;
        String name = n.getOutput(0);
        long[] dims = first.dims().clone();
        dims[irAxis] = 0;
        int[] ids = new int[count];
        int used = 0;
        for (int i = 0; i < count; i++) {
            Object v = t.input(n, i);
            long[] d;
            int id;
            if (v instanceof Data x) {
                d = x.dims();
                id = x.id();
            } else if (v instanceof ConstTensor c) {
                if (c.size() == 0) {
                    continue;
                }
                if (c.rank() != rank || c.dim(0) != 1) {
                    throw Translation.unsupported(n, "concatenates a constant of dims " + Arrays.toString(c.dims())
                            + " with image data of dims " + Arrays.toString(first.fullDims()));
                }
                d = Arrays.copyOfRange(c.dims(), 1, rank);
                id = constantNode(t, name + "/constant" + i, first, c, d);
            } else {
                throw Translation.unsupported(n, "input " + i + " is missing");
            }
            if (d.length != rank - 1) {
                throw Translation.unsupported(n, "concatenates tensors of different ranks");
            }
            for (int k = 0; k < d.length; k++) {
                if (k != irAxis && d[k] != first.dims()[k]) {
                    throw Translation.unsupported(n, "concatenates tensors whose dims differ off the axis: "
                            + Arrays.toString(first.fullDims()) + " and " + Arrays.toString(v instanceof Data x
                            ? x.fullDims() : ((ConstTensor) v).dims()));
                }
            }
            dims[irAxis] += d[irAxis];
            ids[used++] = irAxis == 0 ? id : t.aux(name + "/operand" + i, new Transpose(perm), id);
        }
        ids = Arrays.copyOf(ids, used);
        if (irAxis == 0) {
            t.emit(n, used == 1 ? new Identity() : new Concat(), dims, ids);
            return;
        }
        int cat = used == 1 ? ids[0] : t.aux(name + "/channels", new Concat(), ids);
        t.emit(n, new Transpose(perm), dims, cat);
    }

    /**
     * An IR node holding a constant: one element of {@code x} (sliced), times zero weights, plus the constant.
     *
     * @param dims the constant's dims without the batch axis
     * @return the node id, of IR shape {@code irShape(dims)}
     */
    static int constantNode(Translation t, String name, Data x, ConstTensor c, long[] dims) {
        TensorShape s = Translation.irShape(x.dims());
        int id = x.id();
        int[] len = {s.channels(), s.height(), s.width()};
        for (int a = 0; a < 3; a++) {
            if (len[a] > 1) {
                id = t.aux(name + "/element" + a, new Slice(a, 0, 1), id);
            }
        }
        double[] values = c.reals();
        id = t.aux(name + "/values", new Dense(1, values.length, new double[values.length], values), id);
        TensorShape target = Translation.irShape(dims);
        return target.equals(TensorShape.vector(values.length)) ? id : t.aux(name, new Reshape(target), id);
    }

    /** {@code Gather} of one constant index along an axis after the batch's (the class token). */
    static void gather(Translation t, NodeProto n) {
        Data x = t.data(n, 0);
        ConstTensor idx = t.constant(n, 1, "indices");
        int rank = x.rank() + 1;
        int axis = ConstantFolder.axis(Attributes.of(n).getInt("axis", 0), rank);
        if (axis == 0) {
            throw Translation.unsupported(n, "gathers along the batch axis");
        }
        if (idx.size() != 1 || idx.rank() > 1 || !idx.isInteger()) {
            throw Translation.unsupported(n, "has indices of dims " + Arrays.toString(idx.dims())
                    + "; only one integer index (a scalar or a 1-element vector) is supported");
        }
        long len = x.dims()[axis - 1];
        long i = idx.integer(0) < 0 ? idx.integer(0) + len : idx.integer(0);
        if (i < 0 || i >= len) {
            throw Translation.unsupported(n, "has index " + idx.integer(0) + " out of range for an axis of " + len);
        }
        long[] kept = x.dims().clone();
        kept[axis - 1] = 1;
        Slice op = new Slice(axis - 1, (int) i, (int) i + 1);
        if (idx.rank() == 1) {
            t.emit(n, op, kept, x.id());
            return;
        }
        int sliced = t.aux(n.getOutput(0) + "/slice", op, x.id());
        long[] dims = new long[x.rank() - 1];
        for (int k = 0, j = 0; k < x.rank(); k++) {
            if (k != axis - 1) {
                dims[j++] = x.dims()[k];
            }
        }
        t.emit(n, relabel(new Data(sliced, kept), dims), dims, sliced);
    }

    /** {@code Slice} with constant starts, ends and axes and step 1 (the batch axis kept whole). */
    static void slice(Translation t, NodeProto n) {
        Data x = t.data(n, 0);
        long[] starts;
        long[] ends;
        long[] axes;
        long[] steps = null;
        if (t.opset < 10) {
            Attributes at = Attributes.of(n);
            starts = at.getInts("starts");
            ends = at.getInts("ends");
            axes = at.getInts("axes");
        } else {
            starts = t.constant(n, 1, "starts").integers();
            ends = t.constant(n, 2, "ends").integers();
            ConstTensor a = t.optionalConstant(n, 3, "axes");
            ConstTensor st = t.optionalConstant(n, 4, "steps");
            axes = a == null ? null : a.integers();
            steps = st == null ? null : st.integers();
        }
        if (starts == null || ends == null || starts.length != ends.length
                || axes != null && axes.length != starts.length || steps != null && steps.length != starts.length) {
            throw Translation.unsupported(n, "has inconsistent starts, ends, axes or steps");
        }
        long[] full = x.fullDims();
        long[] dims = x.dims().clone();
        List<Slice> ops = new ArrayList<>();
        for (int j = 0; j < starts.length; j++) {
            int a = ConstantFolder.axis(axes == null ? j : axes[j], full.length);
            if (steps != null && steps[j] != 1) {
                throw Translation.unsupported(n, "has step " + steps[j] + " on axis " + a
                        + "; only step 1 is supported");
            }
            long d = full[a];
            long st = Math.max(0, Math.min(d, starts[j] < 0 ? starts[j] + d : starts[j]));
            long en = Math.max(0, Math.min(d, ends[j] < 0 ? ends[j] + d : ends[j]));
            if (en <= st) {
                throw Translation.unsupported(n, "selects nothing on axis " + a + " (start " + starts[j] + ", end "
                        + ends[j] + " of " + d + ")");
            }
            if (st == 0 && en == d) {
                continue;
            }
            if (a == 0) {
                throw Translation.unsupported(n, "slices the batch axis");
            }
            ops.add(new Slice(a - 1, (int) st, (int) en));
            dims[a - 1] = en - st;
        }
        int id = x.id();
        for (int k = 0; k < ops.size() - 1; k++) {
            id = t.aux(n.getOutput(0) + "/axis" + ops.get(k).axis(), ops.get(k), id);
        }
        t.emit(n, ops.isEmpty() ? new Identity() : ops.get(ops.size() - 1), dims, id);
    }
}
