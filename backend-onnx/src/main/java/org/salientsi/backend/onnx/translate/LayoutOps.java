package org.salientsi.backend.onnx.translate;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Arrays;
import org.salientsi.api.ir.Concat;
import org.salientsi.api.ir.Flatten;
import org.salientsi.api.ir.Identity;
import org.salientsi.api.ir.Op;
import org.salientsi.api.ir.Reshape;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.ir.Transpose;
import org.salientsi.backend.onnx.fold.ConstantFolder;
import org.salientsi.backend.onnx.model.Attributes;
import org.salientsi.backend.onnx.model.ConstTensor;
import org.salientsi.backend.onnx.translate.Translation.Data;

/**
 * Ops that move or relabel data: {@code Flatten}, {@code Reshape}, {@code Squeeze},
 * {@code Unsqueeze}, {@code Transpose} and {@code Concat}. The batch axis (axis 0) must stay where
 * it is: the IR holds one sample.
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

    static void concat(Translation t, NodeProto n) {
        int count = n.getInputCount();
        Data[] parts = new Data[count];
        for (int i = 0; i < count; i++) {
            if (!(t.input(n, i) instanceof Data)) {
                throw Translation.unsupported(n, "concatenates the constant '" + n.getInput(i)
                        + "' with image data; only image-dependent tensors can be concatenated");
            }
            parts[i] = t.data(n, i);
        }
        int rank = parts[0].rank() + 1;
        int axis = ConstantFolder.axis(Attributes.of(n).getInt("axis", 1), rank);
        if (axis != 1) {
            throw Translation.unsupported(n, "concatenates along axis " + axis
                    + "; only the channel axis 1 is supported");
        }
        long[] dims = parts[0].dims().clone();
        int[] ids = new int[count];
        long channels = 0;
        for (int i = 0; i < count; i++) {
            if (parts[i].rank() != rank - 1) {
                throw Translation.unsupported(n, "concatenates tensors of different ranks");
            }
            channels += parts[i].dims()[0];
            ids[i] = parts[i].id();
        }
        dims[0] = channels;
        if (count == 1) {
            t.emit(n, new Identity(), dims, ids);
        } else {
            t.emit(n, new Concat(), dims, ids);
        }
    }
}
