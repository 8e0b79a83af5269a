package org.salientsi.backend.onnx.translate;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Arrays;
import org.salientsi.api.ir.Add;
import org.salientsi.api.ir.Affine;
import org.salientsi.api.ir.Identity;
import org.salientsi.api.ir.LeakyRelu;
import org.salientsi.api.ir.Relu;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.backend.onnx.fold.ConstantFolder;
import org.salientsi.backend.onnx.model.Attributes;
import org.salientsi.backend.onnx.model.ConstTensor;
import org.salientsi.backend.onnx.model.OnnxTypes;
import org.salientsi.backend.onnx.translate.Translation.Data;

/**
 * Elementwise ops: arithmetic with constants (as {@link Affine}), sums of image tensors, the
 * piecewise-linear activations (ReLU, leaky ReLU, PReLU, Clip and Abs as ReLU combinations) and the
 * identities; products and quotients of two image tensors go to {@link SmoothOps#product}.
 */
final class ElementwiseOps {

    private static final double[] ONE = {1.0};
    private static final double[] ZERO = {0.0};
    private static final double[] MINUS_ONE = {-1.0};

    private ElementwiseOps() {
    }

    static void arithmetic(Translation t, NodeProto n) {
        String op = n.getOpType();
        Object a = t.input(n, 0);
        Object b = t.input(n, 1);
        if (a instanceof Data x && b instanceof Data y) {
            if (op.equals("Mul") || op.equals("Div")) {
                SmoothOps.product(t, n, x, y);
                return;
            }
            if (!Arrays.equals(x.dims(), y.dims())) {
                throw Translation.unsupported(n, "broadcasts two image tensors of dims " + Arrays.toString(x.fullDims())
                        + " and " + Arrays.toString(y.fullDims()) + "; only equal shapes are supported");
            }
            int second = y.id();
            if (op.equals("Sub")) {
                second = t.aux(n.getOutput(0) + "/negated", new Affine(MINUS_ONE, ZERO), y.id());
            }
            t.emit(n, new Add(), x.dims(), x.id(), second);
            return;
        }
        boolean dataFirst = a instanceof Data;
        Data x = t.data(n, dataFirst ? 0 : 1);
        ConstTensor c = t.constant(n, dataFirst ? 1 : 0, "constant operand");
        TensorShape shape = Translation.irShape(x.dims());
        double[] v = t.broadcastOnto(n, c, x);
        double[] scale;
        double[] shift;
        switch (op) {
            case "Add" -> {
                scale = ONE;
                shift = Translation.compress(v, shape);
            }
            case "Sub" -> {
                if (dataFirst) {
                    for (int i = 0; i < v.length; i++) {
                        v[i] = -v[i];
                    }
                    scale = ONE;
                } else {
                    scale = MINUS_ONE;
                }
                shift = Translation.compress(v, shape);
            }
            case "Mul" -> {
                scale = Translation.compress(v, shape);
                shift = ZERO;
            }
            default -> {
                if (!dataFirst) {
                    throw Translation.unsupported(n, "divides a constant by a tensor that depends on the image, "
                            + "which is not piecewise linear");
                }
                for (int i = 0; i < v.length; i++) {
                    if (v[i] == 0) {
                        throw Translation.unsupported(n, "divides by a constant that contains zero");
                    }
                    v[i] = 1.0 / v[i];
                }
                scale = Translation.compress(v, shape);
                shift = ZERO;
            }
        }
        t.emit(n, new Affine(scale, shift), x.dims(), x.id());
    }

    static void sum(Translation t, NodeProto n) {
        int count = n.getInputCount();
        int[] ids = new int[count];
        Data first = null;
        for (int i = 0; i < count; i++) {
            if (!(t.input(n, i) instanceof Data)) {
                throw Translation.unsupported(n, "sums the constant '" + n.getInput(i) + "' with image data; "
                        + "only sums of image-dependent tensors of one shape are supported");
            }
            Data x = t.data(n, i);
            if (first != null && !Arrays.equals(first.dims(), x.dims())) {
                throw Translation.unsupported(n, "sums tensors of dims " + Arrays.toString(first.fullDims()) + " and "
                        + Arrays.toString(x.fullDims()) + "; only equal shapes are supported");
            }
            first = first == null ? x : first;
            ids[i] = x.id();
        }
        t.emit(n, count == 1 ? new Identity() : new Add(), first.dims(), ids);
    }

    static void neg(Translation t, NodeProto n) {
        Data x = t.data(n, 0);
        t.emit(n, new Affine(MINUS_ONE, ZERO), x.dims(), x.id());
    }

    /** {@code |x| = relu(x) + relu(-x)}. */
    static void abs(Translation t, NodeProto n) {
        Data x = t.data(n, 0);
        String name = n.getOutput(0);
        int pos = t.aux(name + "/pos", new Relu(), x.id());
        int negated = t.aux(name + "/negated", new Affine(MINUS_ONE, ZERO), x.id());
        int neg = t.aux(name + "/neg", new Relu(), negated);
        t.emit(n, new Add(), x.dims(), pos, neg);
    }

    static void relu(Translation t, NodeProto n) {
        Data x = t.data(n, 0);
        if (n.getOpType().equals("Relu")) {
            t.emit(n, new Relu(), x.dims(), x.id());
        } else {
            t.emit(n, new LeakyRelu(Attributes.of(n).getFloat("alpha", 0.01)), x.dims(), x.id());
        }
    }

    /** A scalar slope is a leaky ReLU; otherwise {@code prelu(x) = relu(x) - s * relu(-x)}. */
    static void prelu(Translation t, NodeProto n) {
        Data x = t.data(n, 0);
        ConstTensor slope = t.constant(n, 1, "slope");
        TensorShape shape = Translation.irShape(x.dims());
        double[] s = Translation.compress(t.broadcastOnto(n, slope, x), shape);
        if (s.length == 1) {
            t.emit(n, new LeakyRelu(s[0]), x.dims(), x.id());
            return;
        }
        String name = n.getOutput(0);
        int pos = t.aux(name + "/pos", new Relu(), x.id());
        int negated = t.aux(name + "/negated", new Affine(MINUS_ONE, ZERO), x.id());
        int neg = t.aux(name + "/neg", new Relu(), negated);
        double[] minusS = s.clone();
        for (int i = 0; i < minusS.length; i++) {
            minusS[i] = -minusS[i];
        }
        int scaled = t.aux(name + "/neg_scaled", new Affine(minusS, ZERO), neg);
        t.emit(n, new Add(), x.dims(), pos, scaled);
    }

    /**
     * {@code Clip} through ReLUs: {@code max(x, lo) = relu(x - lo) + lo},
     * {@code min(x, hi) = hi - relu(hi - x)}, and
     * {@code clip(x, lo, hi) = lo + relu(x - lo) - relu(x - hi)}.
     */
    static void clip(Translation t, NodeProto n) {
        Attributes at = Attributes.of(n);
        Data x = t.data(n, 0);
        double lo;
        double hi;
        if (t.opset < 11) {
            lo = at.getFloat("min", Double.NEGATIVE_INFINITY);
            hi = at.getFloat("max", Double.POSITIVE_INFINITY);
            lo = lo <= -Float.MAX_VALUE ? Double.NEGATIVE_INFINITY : lo;
            hi = hi >= Float.MAX_VALUE ? Double.POSITIVE_INFINITY : hi;
        } else {
            ConstTensor min = t.optionalConstant(n, 1, "min");
            ConstTensor max = t.optionalConstant(n, 2, "max");
            lo = min == null ? Double.NEGATIVE_INFINITY : min.real(0);
            hi = max == null ? Double.POSITIVE_INFINITY : max.real(0);
        }
        String name = n.getOutput(0);
        long[] dims = x.dims();
        boolean hasLo = lo > Double.NEGATIVE_INFINITY;
        boolean hasHi = hi < Double.POSITIVE_INFINITY;
        if (hasLo && hasHi && lo > hi) {
            throw Translation.unsupported(n, "has min " + lo + " > max " + hi);
        }
        if (!hasLo && !hasHi) {
            t.emit(n, new Identity(), dims, x.id());
        } else if (hasLo && !hasHi) {
            if (lo == 0) {
                t.emit(n, new Relu(), dims, x.id());
                return;
            }
            int shifted = t.aux(name + "/minus_min", new Affine(ONE, new double[] {-lo}), x.id());
            int r = t.aux(name + "/relu", new Relu(), shifted);
            t.emit(n, new Affine(ONE, new double[] {lo}), dims, r);
        } else if (!hasLo) {
            int flipped = t.aux(name + "/max_minus", new Affine(MINUS_ONE, new double[] {hi}), x.id());
            int r = t.aux(name + "/relu", new Relu(), flipped);
            t.emit(n, new Affine(MINUS_ONE, new double[] {hi}), dims, r);
        } else {
            int a = t.aux(name + "/minus_min", new Affine(ONE, new double[] {-lo}), x.id());
            int ra = t.aux(name + "/relu_min", new Relu(), a);
            int b = t.aux(name + "/minus_max", new Affine(ONE, new double[] {-hi}), x.id());
            int rb = t.aux(name + "/relu_max", new Relu(), b);
            int nb = t.aux(name + "/relu_max_negated", new Affine(MINUS_ONE, ZERO), rb);
            int sum = t.aux(name + "/difference", new Add(), ra, nb);
            t.emit(n, new Affine(ONE, new double[] {lo}), dims, sum);
        }
    }

    static void identity(Translation t, NodeProto n) {
        Data x = t.data(n, 0);
        switch (n.getOpType()) {
            case "Dropout" -> {
                if (t.outputUsed(n, 1)) {
                    throw Translation.unsupported(n, "its mask output is used");
                }
                ConstTensor training = t.opset >= 12 ? t.optionalConstant(n, 2, "training_mode") : null;
                if (training != null && training.real(0) != 0) {
                    throw Translation.unsupported(n, "is in training mode");
                }
            }
            case "Cast" -> {
                int to = (int) Attributes.of(n).getInt("to", OnnxTypes.FLOAT);
                if (!OnnxTypes.isReal(to)) {
                    throw Translation.unsupported(n, "casts image data to " + OnnxTypes.name(to)
                            + "; only float types are supported");
                }
            }
            default -> {
            }
        }
        t.emit(n, new Identity(), x.dims(), x.id());
    }
}
