package org.salientsi.backend.onnx.translate;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Arrays;
import java.util.TreeSet;
import org.salientsi.api.ir.Affine;
import org.salientsi.api.ir.AvgPool;
import org.salientsi.api.ir.BatchNorm;
import org.salientsi.api.ir.Conv2d;
import org.salientsi.api.ir.ConvTranspose;
import org.salientsi.api.ir.GlobalAvgPool;
import org.salientsi.api.ir.GlobalMaxPool;
import org.salientsi.api.ir.Identity;
import org.salientsi.api.ir.MaxPool;
import org.salientsi.api.ir.Pad;
import org.salientsi.api.ir.Padding;
import org.salientsi.backend.onnx.fold.ConstantFolder;
import org.salientsi.backend.onnx.model.Attributes;
import org.salientsi.backend.onnx.model.ConstTensor;
import org.salientsi.backend.onnx.translate.Translation.Data;

/** Convolution, pooling, spatial reductions, batch normalisation and padding. */
final class SpatialOps {

    private SpatialOps() {
    }

    static Data image(Translation t, NodeProto n) {
        Data x = t.data(n, 0);
        if (x.rank() != 3) {
            throw Translation.unsupported(n, "its input has rank " + (x.rank() + 1) + " "
                    + Arrays.toString(x.fullDims()) + "; only 2-D (NCHW) tensors are supported");
        }
        return x;
    }

    /** Two values of a per-axis attribute (strides, dilations, kernel_shape). */
    static int[] pair(NodeProto n, long[] values, int fallback, String name) {
        if (values == null) {
            return new int[] {fallback, fallback};
        }
        if (values.length != 2) {
            throw Translation.unsupported(n, name + " " + Arrays.toString(values) + " has " + values.length
                    + " values; only 2-D operations are supported");
        }
        return new int[] {Math.toIntExact(values[0]), Math.toIntExact(values[1])};
    }

    static Padding padding(NodeProto n, Attributes at, Data x, int[] kernel, int[] stride, int[] dilation) {
        String auto = at.getString("auto_pad", "NOTSET");
        switch (auto) {
            case "NOTSET", "" -> {
                long[] p = at.getInts("pads");
                if (p == null) {
                    return Padding.NONE;
                }
                if (p.length != 4) {
                    throw Translation.unsupported(n, "pads " + Arrays.toString(p) + " must have 4 values");
                }
                for (long v : p) {
                    if (v < 0) {
                        throw Translation.unsupported(n, "has negative pads " + Arrays.toString(p));
                    }
                }
                return Padding.of((int) p[0], (int) p[1], (int) p[2], (int) p[3]);
            }
            case "VALID" -> {
                return Padding.NONE;
            }
            case "SAME_UPPER", "SAME_LOWER" -> {
                return Padding.same((int) x.dims()[1], (int) x.dims()[2], kernel[0], kernel[1], stride[0], stride[1],
                        dilation[0], dilation[1], auto.equals("SAME_UPPER"));
            }
            default -> throw Translation.unsupported(n, "has an unknown auto_pad '" + auto + "'");
        }
    }

    static void conv(Translation t, NodeProto n) {
        Attributes at = Attributes.of(n);
        Data x = image(t, n);
        ConstTensor w = t.constant(n, 1, "weight");
        ConstTensor b = t.optionalConstant(n, 2, "bias");
        if (w.rank() != 4) {
            throw Translation.unsupported(n, "has a weight of rank " + w.rank()
                    + "; only 2-D convolutions are supported");
        }
        int group = (int) at.getInt("group", 1);
        int out = (int) w.dim(0);
        int in = (int) x.dims()[0];
        if (w.dim(1) * group != in) {
            throw Translation.unsupported(n, "has weights " + Arrays.toString(w.dims()) + " and group " + group
                    + " for an input of " + in + " channels");
        }
        int[] kernel = {(int) w.dim(2), (int) w.dim(3)};
        int[] declared = pair(n, at.getInts("kernel_shape"), -1, "kernel_shape");
        if (declared[0] >= 0 && (declared[0] != kernel[0] || declared[1] != kernel[1])) {
            throw Translation.unsupported(n, "declares kernel_shape " + Arrays.toString(declared)
                    + " but has weights " + Arrays.toString(w.dims()));
        }
        int[] stride = pair(n, at.getInts("strides"), 1, "strides");
        int[] dilation = pair(n, at.getInts("dilations"), 1, "dilations");
        if (b != null && b.size() != out) {
            throw Translation.unsupported(n, "has " + b.size() + " biases for " + out + " output channels");
        }
        Padding padding = padding(n, at, x, kernel, stride, dilation);
        Conv2d op = new Conv2d(out, in, kernel[0], kernel[1], w.reals(), b == null ? null : b.reals(), stride[0],
                stride[1], dilation[0], dilation[1], padding, group);
        t.emit(n, op, null, x.id());
    }

    /**
     * {@code ConvTranspose} with explicit pads, strides and output padding; weights
     * {@code [C_in, C_out, kh, kw]}. Refuses groups, dilations, an {@code auto_pad} other than NOTSET and
     * the {@code output_shape} attribute (whose padding rule runtimes disagree on), naming the node.
     */
    static void convTranspose(Translation t, NodeProto n) {
        Attributes at = Attributes.of(n);
        Data x = image(t, n);
        ConstTensor w = t.constant(n, 1, "weight");
        ConstTensor b = t.optionalConstant(n, 2, "bias");
        if (w.rank() != 4) {
            throw Translation.unsupported(n, "has a weight of rank " + w.rank()
                    + "; only 2-D transposed convolutions are supported");
        }
        long group = at.getInt("group", 1);
        if (group != 1) {
            throw Translation.unsupported(n, "has group " + group + "; only group 1 is supported");
        }
        String auto = at.getString("auto_pad", "NOTSET");
        if (!auto.equals("NOTSET") && !auto.isEmpty()) {
            throw Translation.unsupported(n, "has auto_pad " + auto + "; only explicit pads (NOTSET) are supported");
        }
        if (at.has("output_shape")) {
            throw Translation.unsupported(n, "has the output_shape attribute " + Arrays.toString(at.getInts(
                    "output_shape")) + "; export it with explicit pads and output_padding instead");
        }
        int[] dilation = pair(n, at.getInts("dilations"), 1, "dilations");
        if (dilation[0] != 1 || dilation[1] != 1) {
            throw Translation.unsupported(n, "has dilations " + Arrays.toString(dilation) + "; only 1 is supported");
        }
        int in = (int) x.dims()[0];
        if (w.dim(0) != in) {
            throw Translation.unsupported(n, "has weights " + Arrays.toString(w.dims()) + " for an input of " + in
                    + " channels");
        }
        int out = Math.toIntExact(w.dim(1));
        int[] kernel = {Math.toIntExact(w.dim(2)), Math.toIntExact(w.dim(3))};
        int[] declared = pair(n, at.getInts("kernel_shape"), -1, "kernel_shape");
        if (declared[0] >= 0 && (declared[0] != kernel[0] || declared[1] != kernel[1])) {
            throw Translation.unsupported(n, "declares kernel_shape " + Arrays.toString(declared)
                    + " but has weights " + Arrays.toString(w.dims()));
        }
        if (b != null && b.size() != out) {
            throw Translation.unsupported(n, "has " + b.size() + " biases for " + out + " output channels");
        }
        int[] stride = pair(n, at.getInts("strides"), 1, "strides");
        int[] outputPadding = pair(n, at.getInts("output_padding"), 0, "output_padding");
        for (int i = 0; i < 2; i++) {
            if (stride[i] < 1 || outputPadding[i] < 0 || outputPadding[i] >= stride[i]) {
                throw Translation.unsupported(n, "has strides " + Arrays.toString(stride) + " and output_padding "
                        + Arrays.toString(outputPadding) + "; each output padding must be >= 0 and below its stride");
            }
        }
        Padding padding = padding(n, at, x, kernel, stride, dilation);
        ConvTranspose op = new ConvTranspose(out, in, kernel[0], kernel[1], w.reals(), b == null ? null : b.reals(),
                stride[0], stride[1], padding, outputPadding[0], outputPadding[1]);
        t.emit(n, op, null, x.id());
    }

    private static void checkPoolOutputs(Translation t, NodeProto n) {
        if (t.outputUsed(n, 1)) {
            throw Translation.unsupported(n, "its indices output is used");
        }
    }

    static void maxPool(Translation t, NodeProto n) {
        Attributes at = Attributes.of(n);
        Data x = image(t, n);
        checkPoolOutputs(t, n);
        int[] kernel = pair(n, at.getInts("kernel_shape"), -1, "kernel_shape");
        if (kernel[0] < 0) {
            throw Translation.unsupported(n, "has no kernel_shape");
        }
        int[] stride = pair(n, at.getInts("strides"), 1, "strides");
        int[] dilation = pair(n, at.getInts("dilations"), 1, "dilations");
        if (dilation[0] != 1 || dilation[1] != 1) {
            throw Translation.unsupported(n, "has dilations " + Arrays.toString(dilation)
                    + "; the IR's max pooling has none");
        }
        Padding padding = padding(n, at, x, kernel, stride, dilation);
        boolean ceil = at.getInt("ceil_mode", 0) != 0;
        t.emit(n, new MaxPool(kernel[0], kernel[1], stride[0], stride[1], padding, ceil), null, x.id());
    }

    static void averagePool(Translation t, NodeProto n) {
        Attributes at = Attributes.of(n);
        Data x = image(t, n);
        int[] kernel = pair(n, at.getInts("kernel_shape"), -1, "kernel_shape");
        if (kernel[0] < 0) {
            throw Translation.unsupported(n, "has no kernel_shape");
        }
        int[] stride = pair(n, at.getInts("strides"), 1, "strides");
        int[] dilation = pair(n, at.getInts("dilations"), 1, "dilations");
        if (dilation[0] != 1 || dilation[1] != 1) {
            throw Translation.unsupported(n, "has dilations " + Arrays.toString(dilation)
                    + "; the IR's average pooling has none");
        }
        Padding padding = padding(n, at, x, kernel, stride, dilation);
        boolean ceil = at.getInt("ceil_mode", 0) != 0;
        boolean includePad = at.getInt("count_include_pad", 0) != 0;
        t.emit(n, new AvgPool(kernel[0], kernel[1], stride[0], stride[1], padding, includePad, ceil), null, x.id());
    }

    static void globalPool(Translation t, NodeProto n) {
        Data x = image(t, n);
        long c = x.dims()[0];
        t.emit(n, n.getOpType().equals("GlobalMaxPool") ? new GlobalMaxPool() : new GlobalAvgPool(),
                new long[] {c, 1, 1}, x.id());
    }

    static void reduce(Translation t, NodeProto n) {
        Attributes at = Attributes.of(n);
        String op = n.getOpType();
        Data x = t.data(n, 0);
        int inputSince = op.equals("ReduceSum") ? 13 : 18;
        long[] axes;
        if (t.opset < inputSince) {
            axes = at.getInts("axes");
        } else {
            ConstTensor a = t.optionalConstant(n, 1, "axes");
            axes = a == null ? null : a.integers();
        }
        boolean keep = at.getInt("keepdims", 1) != 0;
        if (axes == null || axes.length == 0) {
            if (t.opset >= inputSince && at.getInt("noop_with_empty_axes", 0) != 0) {
                t.emit(n, new Identity(), x.dims(), x.id());
                return;
            }
            throw Translation.unsupported(n, "reduces every axis, including the batch axis; only the spatial "
                    + "axes [2, 3] of an NCHW tensor are supported");
        }
        int rank = x.rank() + 1;
        TreeSet<Integer> set = new TreeSet<>();
        for (long a : axes) {
            set.add(ConstantFolder.axis(a, rank));
        }
        if (rank != 4 || !set.equals(new TreeSet<>(java.util.List.of(2, 3)))) {
            throw Translation.unsupported(n, "reduces axes " + set + " of a rank-" + rank
                    + " tensor; only the spatial axes [2, 3] of an NCHW tensor are supported");
        }
        long c = x.dims()[0];
        long[] dims = keep ? new long[] {c, 1, 1} : new long[] {c};
        switch (op) {
            case "ReduceMax" -> t.emit(n, new GlobalMaxPool(), dims, x.id());
            case "ReduceMean" -> t.emit(n, new GlobalAvgPool(), dims, x.id());
            default -> {
                int mean = t.aux(n.getOutput(0) + "/mean", new GlobalAvgPool(), x.id());
                double area = (double) x.dims()[1] * x.dims()[2];
                t.emit(n, new Affine(new double[] {area}, new double[] {0}), dims, mean);
            }
        }
    }

    static void batchNorm(Translation t, NodeProto n) {
        Attributes at = Attributes.of(n);
        Data x = t.data(n, 0);
        if (x.rank() < 1) {
            throw Translation.unsupported(n, "its input has no channel axis");
        }
        if (at.getInt("training_mode", 0) != 0) {
            throw Translation.unsupported(n, "is in training mode; export the model in inference mode (model.eval())");
        }
        if (at.getInt("spatial", 1) == 0) {
            throw Translation.unsupported(n, "has spatial=0 (per-element statistics)");
        }
        for (int i = 1; i < n.getOutputCount(); i++) {
            if (t.outputUsed(n, i)) {
                throw Translation.unsupported(n, "its running statistics output " + i + " is used");
            }
        }
        int c = (int) x.dims()[0];
        double[][] p = new double[4][];
        String[] what = {"scale", "bias", "mean", "variance"};
        for (int i = 0; i < 4; i++) {
            ConstTensor v = t.constant(n, i + 1, what[i]);
            if (v.size() != c) {
                throw Translation.unsupported(n, "has " + v.size() + " " + what[i] + " values for " + c + " channels");
            }
            p[i] = v.reals();
        }
        double eps = at.getFloat("epsilon", 1e-5);
        t.emit(n, new BatchNorm(p[0], p[1], p[2], p[3], eps), x.dims(), x.id());
    }

    static void pad(Translation t, NodeProto n) {
        Attributes at = Attributes.of(n);
        Data x = image(t, n);
        String mode = at.getString("mode", "constant");
        if (!mode.equals("constant")) {
            throw Translation.unsupported(n, "pads in mode '" + mode + "'; only constant zero padding is supported");
        }
        long[] pads;
        double value = 0;
        long[] axes = null;
        if (t.opset < 11) {
            pads = at.getInts("pads");
            value = at.getFloat("value", 0);
        } else {
            pads = t.constant(n, 1, "pads").integers();
            ConstTensor v = t.optionalConstant(n, 2, "constant_value");
            if (v != null) {
                value = v.real(0);
            }
            if (t.opset >= 18) {
                ConstTensor a = t.optionalConstant(n, 3, "axes");
                axes = a == null ? null : a.integers();
            }
        }
        if (value != 0) {
            throw Translation.unsupported(n, "pads with the value " + value + "; only zero padding is supported");
        }
        int rank = 4;
        long[] begin = new long[rank];
        long[] end = new long[rank];
        if (pads == null) {
            throw Translation.unsupported(n, "has no pads");
        }
        if (axes == null) {
            if (pads.length != 2 * rank) {
                throw Translation.unsupported(n, "has " + pads.length + " pads for a rank-4 tensor");
            }
            for (int i = 0; i < rank; i++) {
                begin[i] = pads[i];
                end[i] = pads[i + rank];
            }
        } else {
            if (pads.length != 2 * axes.length) {
                throw Translation.unsupported(n, "has " + pads.length + " pads for " + axes.length + " axes");
            }
            for (int j = 0; j < axes.length; j++) {
                int a = ConstantFolder.axis(axes[j], rank);
                begin[a] = pads[j];
                end[a] = pads[j + axes.length];
            }
        }
        if (begin[0] != 0 || end[0] != 0 || begin[1] != 0 || end[1] != 0) {
            throw Translation.unsupported(n, "pads the batch or channel axis (pads " + Arrays.toString(pads)
                    + "); only the spatial axes may be padded");
        }
        if (begin[2] < 0 || begin[3] < 0 || end[2] < 0 || end[3] < 0) {
            throw Translation.unsupported(n, "crops (negative pads " + Arrays.toString(pads) + ")");
        }
        Padding p = Padding.of((int) begin[2], (int) begin[3], (int) end[2], (int) end[3]);
        t.emit(n, p.equals(Padding.NONE) ? new Identity() : new Pad(p), null, x.id());
    }
}
