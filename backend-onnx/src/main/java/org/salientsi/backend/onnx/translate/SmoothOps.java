package org.salientsi.backend.onnx.translate;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Arrays;
import org.salientsi.api.ir.Div;
import org.salientsi.api.ir.Erf;
import org.salientsi.api.ir.Exp;
import org.salientsi.api.ir.Gelu;
import org.salientsi.api.ir.LayerNorm;
import org.salientsi.api.ir.MatMul;
import org.salientsi.api.ir.Mul;
import org.salientsi.api.ir.Op;
import org.salientsi.api.ir.Reshape;
import org.salientsi.api.ir.Sigmoid;
import org.salientsi.api.ir.Softmax;
import org.salientsi.api.ir.Tanh;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.backend.onnx.fold.ConstantFolder;
import org.salientsi.backend.onnx.model.Attributes;
import org.salientsi.backend.onnx.model.ConstTensor;
import org.salientsi.backend.onnx.translate.Translation.Data;

/**
 * The ops that are not piecewise linear: {@code Sigmoid}, {@code Tanh}, {@code Exp}, {@code Erf}, {@code Gelu}
 * (opset 20, exact), {@code Softmax}
 * along one axis, {@code LayerNormalization} along one axis, and the products and quotients of two image-dependent
 * tensors ({@code Mul}, {@code Div} with broadcasting, {@code MatMul}). The certified search bounds them over
 * segments of the test line; the exact walk refuses them where the selection depends on them.
 */
final class SmoothOps {

    private SmoothOps() {
    }

    static void unary(Translation t, NodeProto n) {
        Data x = t.data(n, 0);
        Op op = switch (n.getOpType()) {
            case "Sigmoid" -> new Sigmoid();
            case "Tanh" -> new Tanh();
            case "Exp" -> new Exp();
            case "Gelu" -> {
                String approx = Attributes.of(n).getString("approximate", "none");
                if (!approx.equals("none")) {
                    throw Translation.unsupported(n, "has approximate='" + approx + "'; only the exact GELU is "
                            + "supported");
                }
                yield new Gelu();
            }
            default -> new Erf();
        };
        t.emit(n, op, x.dims(), x.id());
    }

    /**
     * {@code Softmax}: from opset 13 along its axis; before, ONNX coerces the input to 2-D at the axis and normalises
     * over every axis from it on, which the IR holds when at most one of those axes is longer than 1 (or the axis is
     * the first after the batch: all elements of the sample).
     */
    static void softmax(Translation t, NodeProto n) {
        Data x = t.data(n, 0);
        long[] full = x.fullDims();
        int rank = full.length;
        int axis = ConstantFolder.axis(Attributes.of(n).getInt("axis", t.opset < 13 ? 1 : -1), rank);
        if (axis == 0) {
            throw Translation.unsupported(n, "normalises over the batch axis");
        }
        int along = axis;
        if (t.opset < 13 && axis > 1) {
            int longer = -1;
            for (int i = axis; i < rank; i++) {
                if (full[i] != 1) {
                    if (longer >= 0) {
                        throw Translation.unsupported(n, "at opset " + t.opset + " normalises over axes " + axis
                                + " to " + (rank - 1) + " of a tensor of dims " + Arrays.toString(full)
                                + " together; the IR's softmax runs along one axis (or over all elements)");
                    }
                    longer = i;
                }
            }
            along = longer < 0 ? axis : longer;
        }
        boolean all = t.opset < 13 && axis == 1;
        if (!all) {
            all = true;
            for (int i = 1; i < rank; i++) {
                if (i != along && full[i] != 1) {
                    all = false;
                }
            }
        }
        int irAxis = along - 1;
        t.emit(n, new Softmax(all ? Softmax.ALL : irAxis), x.dims(), x.id());
    }

    /** {@code LayerNormalization} (opset 17): along the last axis, or from an axis after which all are 1. */
    static void layerNormalization(Translation t, NodeProto n) {
        Data x = t.data(n, 0);
        if (t.outputUsed(n, 1) || t.outputUsed(n, 2)) {
            throw Translation.unsupported(n, "its Mean or InvStdDev output is used");
        }
        Attributes at = Attributes.of(n);
        long[] full = x.fullDims();
        int rank = full.length;
        int axis = ConstantFolder.axis(at.getInt("axis", -1), rank);
        if (axis == 0) {
            throw Translation.unsupported(n, "normalises over the batch axis");
        }
        int line = rank - 1;
        for (int i = axis; i < rank - 1; i++) {
            if (full[i] != 1) {
                throw Translation.unsupported(n, "normalises over axes " + axis + " to " + (rank - 1) + " of dims "
                        + Arrays.toString(full) + " together; only the last axis (axis -1) is supported");
            }
        }
        double eps = at.getFloat("epsilon", 1e-5);
        ConstTensor scale = t.constant(n, 1, "Scale");
        ConstTensor bias = t.optionalConstant(n, 2, "B");
        emitLayerNorm(t, n, n.getOutput(0), x, line - 1, scale, bias, eps);
    }

    /**
     * Emits an IR {@link LayerNorm} along IR axis {@code irAxis} of {@code x}, defining tensor {@code name}.
     *
     * @param scale broadcasts onto {@code x} and varies along that axis only, or {@code null} for 1
     * @param bias as scale, or {@code null} for 0
     */
    static void emitLayerNorm(Translation t, NodeProto n, String name, Data x, int irAxis, ConstTensor scale,
                              ConstTensor bias, double eps) {
        TensorShape shape = Translation.irShape(x.dims());
        int len = axisLength(shape, irAxis);
        double[] gamma = scale == null ? filled(len, 1.0) : lineValues(t, n, scale, x, irAxis, "scale");
        double[] beta = bias == null ? new double[len] : lineValues(t, n, bias, x, irAxis, "bias");
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw Translation.unsupported(n, "has epsilon " + eps + "; it must be positive and finite");
        }
        t.emitAs(n, name, new LayerNorm(irAxis, gamma, beta, eps), x.dims(), x.id());
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    static int axisLength(TensorShape s, int irAxis) {
        return irAxis == 0 ? s.channels() : irAxis == 1 ? s.height() : s.width();
    }

    /** The constant broadcast onto x as one value per index of IR axis {@code irAxis}; refused if it varies else. */
    private static double[] lineValues(Translation t, NodeProto n, ConstTensor c, Data x, int irAxis, String what) {
        TensorShape s = Translation.irShape(x.dims());
        double[] all = t.broadcastOnto(n, c, x);
        int[] d = {s.channels(), s.height(), s.width()};
        double[] line = new double[d[irAxis]];
        int[] idx = new int[3];
        for (int i = 0; i < all.length; i++) {
            idx[0] = i / (d[1] * d[2]);
            idx[1] = i / d[2] % d[1];
            idx[2] = i % d[2];
            int k = idx[irAxis];
            boolean first = idx[(irAxis + 1) % 3] == 0 && idx[(irAxis + 2) % 3] == 0;
            if (first) {
                line[k] = all[i];
            } else if (Double.compare(all[i], line[k]) != 0) {
                throw Translation.unsupported(n, "its " + what + " of dims " + Arrays.toString(c.dims())
                        + " varies along an axis other than the normalised one");
            }
        }
        return line;
    }

    /** {@code Mul} or {@code Div} of two image-dependent tensors, broadcasting along each axis. */
    static void product(Translation t, NodeProto n, Data a, Data b) {
        long[] out;
        try {
            out = ConstantFolder.broadcast(a.fullDims(), b.fullDims());
        } catch (IllegalArgumentException e) {
            throw Translation.unsupported(n, "its operands of dims " + Arrays.toString(a.fullDims()) + " and "
                    + Arrays.toString(b.fullDims()) + " do not broadcast");
        }
        if (out.length > 4) {
            throw Translation.unsupported(n, "produces a tensor of rank " + out.length
                    + "; the IR holds rank 4 at most");
        }
        int r = out.length - 1;
        int ia = padRank(t, n, a, r, "/lhs_rank");
        int ib = padRank(t, n, b, r, "/rhs_rank");
        long[] dims = Arrays.copyOfRange(out, 1, out.length);
        t.emit(n, n.getOpType().equals("Mul") ? new Mul() : new Div(), dims, ia, ib);
    }

    /** The id of x relabelled to rank r (leading 1s), so that the IR's CHW axes line up as ONNX's right-aligned. */
    private static int padRank(Translation t, NodeProto n, Data x, int r, String suffix) {
        if (x.rank() == r) {
            return x.id();
        }
        long[] dims = new long[r];
        Arrays.fill(dims, 1);
        System.arraycopy(x.dims(), 0, dims, r - x.rank(), x.rank());
        return t.aux(n.getOutput(0) + suffix, new Reshape(Translation.irShape(dims)), x.id());
    }

    /**
     * {@code MatMul} of two image-dependent tensors: rank 2 {@code [N, K] x [K, M]} (the IR's MatMul with one
     * channel) or rank 3 {@code [C, N, K] x [C, K, M]} batched (a side with one batch is shared).
     */
    static void matMul(Translation t, NodeProto n, Data a, Data b) {
        if (a.rank() < 2 || b.rank() < 2 || a.rank() != b.rank()) {
            throw Translation.unsupported(n, "multiplies image tensors of dims " + Arrays.toString(a.fullDims())
                    + " and " + Arrays.toString(b.fullDims()) + "; only matrices [N, K] x [K, M] or batches "
                    + "[C, N, K] x [C, K, M] are supported");
        }
        if (a.rank() == 2) {
            long[] ad = a.dims();
            long[] bd = b.dims();
            if (ad[1] != bd[0]) {
                throw Translation.unsupported(n, "multiplies [" + ad[0] + ", " + ad[1] + "] by [" + bd[0] + ", "
                        + bd[1] + "]");
            }
            int ra = t.aux(n.getOutput(0) + "/lhs", new Reshape(TensorShape.of(1, (int) ad[0], (int) ad[1])), a.id());
            int rb = t.aux(n.getOutput(0) + "/rhs", new Reshape(TensorShape.of(1, (int) bd[0], (int) bd[1])), b.id());
            int m = t.aux(n.getOutput(0) + "/batched", new MatMul(), ra, rb);
            long[] dims = {ad[0], bd[1]};
            t.emit(n, new Reshape(Translation.irShape(dims)), dims, m);
            return;
        }
        long[] ad = a.dims();
        long[] bd = b.dims();
        if (ad[2] != bd[1] || ad[0] != bd[0] && ad[0] != 1 && bd[0] != 1) {
            throw Translation.unsupported(n, "multiplies " + Arrays.toString(a.fullDims()) + " by "
                    + Arrays.toString(b.fullDims()));
        }
        t.emit(n, new MatMul(), new long[] {Math.max(ad[0], bd[0]), ad[1], bd[2]}, a.id(), b.id());
    }
}
