package org.salientsi.backend.onnx.translate;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Arrays;
import java.util.List;
import org.salientsi.api.ir.Conv2d;
import org.salientsi.api.ir.Dense;
import org.salientsi.api.ir.Padding;
import org.salientsi.api.ir.Transpose;
import org.salientsi.backend.onnx.fold.ConstantFolder;
import org.salientsi.backend.onnx.model.Attributes;
import org.salientsi.backend.onnx.model.ConstTensor;
import org.salientsi.backend.onnx.translate.Translation.Data;

/**
 * Fully connected layers: {@code Gemm}, and {@code MatMul} by a constant (with its bias {@code Add}): of a vector
 * as a {@link Dense} layer, of tokens {@code [N, K]} or {@code [A, B, K]} token by token as a 1x1
 * {@link Conv2d} between two {@link Transpose}s (the features moved to the channel axis and back). A
 * {@code MatMul} of two image-dependent tensors goes to {@link SmoothOps#matMul}.
 */
final class DenseOps {

    private DenseOps() {
    }

    private static Data vectorInput(Translation t, NodeProto n) {
        if (!(t.input(n, 0) instanceof Data)) {
            throw Translation.unsupported(n, "its image-dependent input is the second operand; only x * W with a "
                    + "constant W is supported");
        }
        Data x = t.data(n, 0);
        if (x.rank() != 1) {
            throw Translation.unsupported(n, "its input has dims " + Arrays.toString(x.fullDims())
                    + "; a fully connected layer takes a matrix [N, K] (add a Flatten)");
        }
        return x;
    }

    static void gemm(Translation t, NodeProto n) {
        Attributes at = Attributes.of(n);
        Data x = vectorInput(t, n);
        if (at.getInt("transA", 0) != 0) {
            throw Translation.unsupported(n, "has transA=1, which would contract the batch axis of its input "
                    + "'" + n.getInput(0) + "'");
        }
        boolean transB = at.getInt("transB", 0) != 0;
        double alpha = at.getFloat("alpha", 1.0);
        double beta = at.getFloat("beta", 1.0);
        ConstTensor w = t.constant(n, 1, "B");
        if (w.rank() != 2) {
            throw Translation.unsupported(n, "has a weight of rank " + w.rank() + "; Gemm takes a matrix");
        }
        int k = (int) x.dims()[0];
        int m = (int) (transB ? w.dim(0) : w.dim(1));
        int kw = (int) (transB ? w.dim(1) : w.dim(0));
        if (kw != k) {
            throw Translation.unsupported(n, "multiplies an input of " + k + " features by a weight of dims "
                    + Arrays.toString(w.dims()) + (transB ? " (transposed)" : ""));
        }
        double[] weights = new double[m * k];
        for (int o = 0; o < m; o++) {
            for (int i = 0; i < k; i++) {
                weights[o * k + i] = alpha * (transB ? w.real(o * k + i) : w.real(i * m + o));
            }
        }
        ConstTensor c = t.optionalConstant(n, 2, "C");
        double[] bias = null;
        if (c != null) {
            bias = bias(n, c, m);
            for (int o = 0; o < m; o++) {
                bias[o] *= beta;
            }
        }
        t.emit(n, new Dense(k, m, weights, bias), new long[] {m}, x.id());
    }

    private static double[] bias(NodeProto n, ConstTensor c, int m) {
        long[] target = {1, m};
        long[] out;
        try {
            out = ConstantFolder.broadcast(target, c.dims());
        } catch (IllegalArgumentException e) {
            throw Translation.unsupported(n, "has a bias of dims " + Arrays.toString(c.dims()) + " for " + m
                    + " outputs");
        }
        if (!Arrays.equals(out, target)) {
            throw Translation.unsupported(n, "has a bias of dims " + Arrays.toString(c.dims()) + " for " + m
                    + " outputs");
        }
        int[] src = ConstantFolder.broadcastIndex(c.dims(), target);
        double[] b = new double[m];
        for (int o = 0; o < m; o++) {
            b[o] = c.real(src[o]);
        }
        return b;
    }

    static void matMul(Translation t, NodeProto n) {
        if (t.input(n, 0) instanceof Data a && t.input(n, 1) instanceof Data b) {
            SmoothOps.matMul(t, n, a, b);
            return;
        }
        if (t.input(n, 0) instanceof Data x && x.rank() >= 2) {
            tokens(t, n, x);
            return;
        }
        Data x = vectorInput(t, n);
        ConstTensor w = t.constant(n, 1, "B");
        int k = (int) x.dims()[0];
        if (w.rank() < 1 || w.rank() > 2 || w.dim(0) != k) {
            throw Translation.unsupported(n, "multiplies an input of " + k + " features by a constant of dims "
                    + Arrays.toString(w.dims()) + "; only a [K] or [K, M] matrix is supported");
        }
        int m = w.rank() == 2 ? (int) w.dim(1) : 1;
        long[] dims = w.rank() == 2 ? new long[] {m} : new long[0];
        double[] weights = transposed(w, k, m);
        NodeProto add = biasAdd(t, n);
        if (add != null) {
            ConstTensor c = (ConstTensor) t.value(other(add, n));
            if (w.rank() == 2 && fits(c, m)) {
                t.emitAs(add, add.getOutput(0), new Dense(k, m, weights, bias(add, c, m)), dims, x.id());
                return;
            }
        }
        t.emit(n, new Dense(k, m, weights, null), dims, x.id());
    }

    /** {@code W[i][o]} of a row-major [K, M] matrix as {@code [o][i]} (row-major [M, K]). */
    private static double[] transposed(ConstTensor w, int k, int m) {
        double[] weights = new double[m * k];
        for (int o = 0; o < m; o++) {
            for (int i = 0; i < k; i++) {
                weights[o * k + i] = w.real(i * m + o);
            }
        }
        return weights;
    }

    private static String other(NodeProto add, NodeProto n) {
        return add.getInput(0).equals(n.getOutput(0)) ? add.getInput(1) : add.getInput(0);
    }

    /**
     * Tokens {@code [..., K]} times a constant {@code [K, M]} (a Linear layer applied token by token), with a
     * following {@code Add} of a constant {@code [M]} fused as the bias: the feature axis moves to the channels,
     * a 1x1 convolution maps K to M features, and the axis moves back.
     */
    private static void tokens(Translation t, NodeProto n, Data x) {
        ConstTensor w = t.constant(n, 1, "B");
        long[] d = x.dims();
        int k = (int) d[d.length - 1];
        if (w.rank() != 2 || w.dim(0) != k) {
            throw Translation.unsupported(n, "multiplies tokens of dims " + Arrays.toString(x.fullDims())
                    + " by a constant of dims " + Arrays.toString(w.dims()) + "; only a [K, M] matrix is supported");
        }
        int m = (int) w.dim(1);
        long[] dims = d.clone();
        dims[d.length - 1] = m;
        NodeProto add = biasAdd(t, n);
        double[] bias = null;
        NodeProto last = n;
        if (add != null) {
            ConstTensor c = (ConstTensor) t.value(other(add, n));
            if (fits(c, m)) {
                bias = bias(add, c, m);
                last = add;
            }
        }
        int[] in = x.rank() == 2 ? new int[] {1, 0, 2} : new int[] {2, 0, 1};
        int[] out = x.rank() == 2 ? new int[] {1, 0, 2} : new int[] {1, 2, 0};
        String name = last.getOutput(0);
        int moved = t.aux(name + "/features_first", new Transpose(in), x.id());
        int conv = t.aux(name + "/linear", Conv2d.of(m, k, 1, 1, transposed(w, k, m), bias, Padding.NONE), moved);
        t.emitAs(last, name, new Transpose(out), dims, conv);
    }

    /** @return the {@code Add} of a constant that is the only reader of the MatMul's output, or null */
    private static NodeProto biasAdd(Translation t, NodeProto n) {
        String out = n.getOutput(0);
        List<NodeProto> readers = t.consumers.getOrDefault(out, List.of());
        if (out.equals(t.outputName) || readers.size() != 1) {
            return null;
        }
        NodeProto add = readers.get(0);
        if (!add.getOpType().equals("Add") || add.getInputCount() != 2
                || add.getInput(0).equals(add.getInput(1))) {
            return null;
        }
        String other = add.getInput(0).equals(out) ? add.getInput(1) : add.getInput(0);
        return t.values.get(other) instanceof ConstTensor ? add : null;
    }

    private static boolean fits(ConstTensor c, int m) {
        try {
            return Arrays.equals(ConstantFolder.broadcast(new long[] {1, m}, c.dims()), new long[] {1, m});
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
