package org.salientsi.backend.onnx.translate;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.salientsi.api.error.UnsupportedLayerException;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Op;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.backend.onnx.fold.ConstantFolder;
import org.salientsi.backend.onnx.model.ConstTensor;
import org.salientsi.backend.onnx.model.OnnxModelFile;

/**
 * The state of one translation: the IR under construction and the value of every ONNX tensor met so
 * far, either a {@link ConstTensor} or a {@link Data} (an IR node). Not thread-safe; one per call.
 */
final class Translation {

    /**
     * A tensor that depends on the image: an IR node and the tensor's ONNX dimensions without the
     * batch axis (rank 0 to 3; the IR stores rank 1 {@code [n]} as {@code (n, 1, 1)} and rank 2
     * {@code [a, b]} as {@code (a, b, 1)}).
     *
     * @param id the IR node
     * @param dims dimensions after the batch axis
     */
    record Data(int id, long[] dims) {
        /** @return the rank without the batch axis */
        int rank() {
            return dims.length;
        }

        /** @return the ONNX dimensions with the batch axis (of length 1) */
        long[] fullDims() {
            long[] full = new long[dims.length + 1];
            full[0] = 1;
            System.arraycopy(dims, 0, full, 1, dims.length);
            return full;
        }

        /** @return the number of elements of one sample */
        int size() {
            return (int) ConstTensor.count(dims);
        }
    }

    final OnnxModelFile model;
    final int opset;
    final String outputName;
    final Network.Builder builder;
    final Map<String, Object> values = new HashMap<>();
    final Map<String, List<NodeProto>> consumers;

    Translation(OnnxModelFile model, Network.Builder builder, Map<String, List<NodeProto>> consumers) {
        this.model = model;
        this.opset = model.opset();
        this.outputName = model.outputName();
        this.builder = builder;
        this.consumers = consumers;
    }

    /**
     * @param dims ONNX dimensions without the batch axis
     * @return the IR shape
     */
    static TensorShape irShape(long[] dims) {
        for (long d : dims) {
            if (d < 1 || d > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("produces a tensor with dimension " + d + " "
                        + Arrays.toString(dims));
            }
        }
        return switch (dims.length) {
            case 0 -> TensorShape.of(1, 1, 1);
            case 1 -> TensorShape.of((int) dims[0], 1, 1);
            case 2 -> TensorShape.of((int) dims[0], (int) dims[1], 1);
            case 3 -> TensorShape.of((int) dims[0], (int) dims[1], (int) dims[2]);
            default -> throw new IllegalArgumentException("produces a tensor of rank " + (dims.length + 1)
                    + "; the IR holds tensors of rank 4 (NCHW) at most");
        };
    }

    static UnsupportedLayerException unsupported(NodeProto n, String reason) {
        return new UnsupportedLayerException(OnnxModelFile.label(n), n.getOpType(), reason);
    }

    /** @return the value of a tensor name, or {@code null} for the empty name of an omitted input */
    Object value(String name) {
        if (name.isEmpty()) {
            return null;
        }
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalStateException("tensor '" + name + "' has no value yet");
        }
        return v;
    }

    /** @return input {@code i} of the node, or {@code null} if omitted */
    Object input(NodeProto n, int i) {
        return i < n.getInputCount() ? value(n.getInput(i)) : null;
    }

    /** @return input {@code i}, which must depend on the image */
    Data data(NodeProto n, int i) {
        Object v = input(n, i);
        if (v instanceof Data d) {
            return d;
        }
        throw unsupported(n, v == null ? "input " + i + " is missing"
                : "input " + i + " ('" + n.getInput(i) + "') is a constant where the image's data was expected");
    }

    /** @return input {@code i}, which must be a constant */
    ConstTensor constant(NodeProto n, int i, String what) {
        Object v = input(n, i);
        if (v instanceof ConstTensor c) {
            return c;
        }
        throw unsupported(n, v == null ? "its " + what + " input is missing"
                : "its " + what + " ('" + n.getInput(i) + "') depends on the image; it must be a constant");
    }

    /** @return input {@code i} if present (a constant) or {@code null}; an empty tensor counts as omitted */
    ConstTensor optionalConstant(NodeProto n, int i, String what) {
        Object v = input(n, i);
        if (v == null) {
            return null;
        }
        if (v instanceof ConstTensor c) {
            return c.size() == 0 ? null : c;
        }
        throw unsupported(n, "its " + what + " ('" + n.getInput(i) + "') depends on the image; it must be a constant");
    }

    /** @return whether output {@code i} of the node is read by another node or is the graph output */
    boolean outputUsed(NodeProto n, int i) {
        if (i >= n.getOutputCount() || n.getOutput(i).isEmpty()) {
            return false;
        }
        String name = n.getOutput(i);
        return name.equals(outputName) || !consumers.getOrDefault(name, List.of()).isEmpty();
    }

    /**
     * Adds an IR node for the node's first output.
     *
     * @param n the ONNX node
     * @param op the IR op
     * @param dims the output's ONNX dimensions without the batch axis, or {@code null} for the IR
     *     output shape read as rank 3 (CHW)
     * @param inputs IR node ids
     * @return the value defined
     */
    Data emit(NodeProto n, Op op, long[] dims, int... inputs) {
        return emitAs(n, n.getOutput(0), op, dims, inputs);
    }

    /** As {@link #emit}, defining the tensor {@code name} (for fused nodes). */
    Data emitAs(NodeProto n, String name, Op op, long[] dims, int... inputs) {
        int id = builder.add(name, op, inputs);
        TensorShape shape = builder.shape(id);
        long[] d = dims != null ? dims : new long[] {shape.channels(), shape.height(), shape.width()};
        TensorShape expected = irShape(d);
        if (!expected.equals(shape)) {
            throw unsupported(n, "internal error: IR shape " + shape + " differs from the ONNX shape "
                    + Arrays.toString(d));
        }
        Data data = new Data(id, d);
        values.put(name, data);
        return data;
    }

    /**
     * Adds an IR node that no ONNX tensor names (an intermediate of a decomposed op).
     *
     * @return its id
     */
    int aux(String name, Op op, int... inputs) {
        return builder.add(name, op, inputs);
    }

    /**
     * Expands a constant that broadcasts onto a data tensor to one value per element (CHW order).
     *
     * @param n the node (for messages)
     * @param c the constant
     * @param x the data tensor
     * @return the values, one per element of one sample
     */
    double[] broadcastOnto(NodeProto n, ConstTensor c, Data x) {
        long[] full = x.fullDims();
        long[] out;
        try {
            out = ConstantFolder.broadcast(full, c.dims());
        } catch (IllegalArgumentException e) {
            throw unsupported(n, "its constant of dims " + Arrays.toString(c.dims()) + " does not broadcast onto "
                    + Arrays.toString(full));
        }
        if (!Arrays.equals(out, full)) {
            throw unsupported(n, "its constant of dims " + Arrays.toString(c.dims()) + " broadcasts the data "
                    + Arrays.toString(full) + " to " + Arrays.toString(out) + "; it may not enlarge the data");
        }
        int[] src = ConstantFolder.broadcastIndex(c.dims(), full);
        double[] v = new double[src.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = c.real(src[i]);
        }
        return v;
    }

    /**
     * Shortens per-element values to the IR's Affine forms: one value, one per channel, or all.
     *
     * @param values one value per element of a tensor of IR shape {@code shape}
     * @param shape the IR shape
     * @return 1, C or C*H*W values
     */
    static double[] compress(double[] values, TensorShape shape) {
        boolean uniform = true;
        for (double v : values) {
            if (Double.compare(v, values[0]) != 0) {
                uniform = false;
                break;
            }
        }
        if (uniform) {
            return new double[] {values[0]};
        }
        int plane = shape.plane();
        double[] perChannel = new double[shape.channels()];
        for (int c = 0; c < perChannel.length; c++) {
            perChannel[c] = values[c * plane];
            for (int i = 1; i < plane; i++) {
                if (Double.compare(values[c * plane + i], perChannel[c]) != 0) {
                    return values;
                }
            }
        }
        return perChannel;
    }
}
