package org.salientsi.backend.onnx.fold;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.salientsi.backend.onnx.model.Attributes;
import org.salientsi.backend.onnx.model.ConstTensor;
import org.salientsi.backend.onnx.model.OnnxTypes;
import org.salientsi.backend.onnx.model.Tensors;

/**
 * Evaluates ONNX nodes whose inputs are all constants: the shape arithmetic that exporters emit
 * ({@code Shape}, {@code Gather}, {@code Unsqueeze}, {@code Concat}, {@code Slice}, {@code Cast},
 * ...), {@code Constant} nodes, and elementwise arithmetic on constants. Works on int64 and
 * floating-point tensors of any rank, with NumPy broadcasting where ONNX has it.
 *
 * <p>{@code Shape} of a tensor that depends on the image is folded by the translator, which knows
 * that tensor's shape, through {@link #shape(long[], Attributes)}.
 */
public final class ConstantFolder {

    /** The op types this class folds. */
    public static final Set<String> FOLDABLE = Set.of("Constant", "Identity", "Dropout", "Cast", "Shape", "Size",
            "Gather", "Unsqueeze", "Squeeze", "Concat", "Slice", "Reshape", "Flatten", "Transpose", "Add", "Sub",
            "Mul", "Div", "Neg", "Floor", "Ceil", "Sqrt", "Reciprocal", "ConstantOfShape", "Range", "Equal", "Where",
            "Expand");

    /** The most elements a folded tensor may have (an Expand of a constant is checked before it allocates). */
    static final long MAX_ELEMENTS = 1L << 26;

    private ConstantFolder() {
    }

    /**
     * @param node a node of the default domain
     * @param inputs its inputs, {@code null} for an omitted optional input
     * @param opset the model's opset
     * @return the node's outputs
     * @throws IllegalArgumentException if the node cannot be folded (the message says why)
     */
    public static List<ConstTensor> fold(NodeProto node, List<ConstTensor> inputs, int opset) {
        Attributes at = Attributes.of(node);
        String op = node.getOpType();
        ConstTensor x = inputs.isEmpty() ? null : inputs.get(0);
        if (!op.equals("Constant") && !op.equals("Range") && x == null) {
            throw new IllegalArgumentException("its first input is missing");
        }
        ConstTensor out = switch (op) {
            case "Constant" -> constant(at);
            case "Identity" -> x;
            case "Dropout" -> {
                if (node.getOutputCount() > 1 && !node.getOutput(1).isEmpty()) {
                    throw new IllegalArgumentException("its mask output is used");
                }
                yield x;
            }
            case "Cast" -> cast(x, (int) at.getInt("to", OnnxTypes.FLOAT));
            case "Shape" -> shape(x.dims(), at);
            case "Size" -> ConstTensor.ofInts(new long[0], new long[] {x.size()}, OnnxTypes.INT64);
            case "Gather" -> gather(x, input(inputs, 1, "indices"), (int) at.getInt("axis", 0));
            case "Unsqueeze" -> unsqueeze(x, axes(at, inputs, 1, opset, 13, "axes"));
            case "Squeeze" -> squeeze(x, axes(at, inputs, 1, opset, 13, "axes"));
            case "Concat" -> concat(inputs, (int) at.getInt("axis", 0));
            case "Slice" -> slice(x, at, inputs, opset);
            case "Reshape" -> x.reshape(reshapeDims(x.dims(), input(inputs, 1, "shape").integers(),
                    at.getInt("allowzero", 0) != 0));
            case "Flatten" -> flatten(x, (int) at.getInt("axis", 1));
            case "Transpose" -> transpose(x, at.getInts("perm"));
            case "Add", "Sub", "Mul", "Div" -> binary(op, x, input(inputs, 1, "B"));
            case "Neg", "Floor", "Ceil", "Sqrt", "Reciprocal" -> unary(op, x);
            case "ConstantOfShape" -> constantOfShape(x, at);
            case "Range" -> range(input(inputs, 0, "start"), input(inputs, 1, "limit"), input(inputs, 2, "delta"));
            case "Equal" -> equal(x, input(inputs, 1, "B"));
            case "Where" -> where(x, input(inputs, 1, "X"), input(inputs, 2, "Y"));
            case "Expand" -> expand(x, input(inputs, 1, "shape").integers());
            default -> throw new IllegalArgumentException("cannot be folded");
        };
        List<ConstTensor> outs = new ArrayList<>();
        outs.add(out);
        return outs;
    }

    private static ConstTensor input(List<ConstTensor> inputs, int i, String name) {
        if (i >= inputs.size() || inputs.get(i) == null) {
            throw new IllegalArgumentException("input '" + name + "' is missing");
        }
        return inputs.get(i);
    }

    /**
     * The axes of an op that took them as an attribute before {@code inputSince} and as an input
     * from then on.
     *
     * @return the axes, or {@code null} if absent
     */
    private static long[] axes(Attributes at, List<ConstTensor> inputs, int index, int opset, int inputSince,
                               String name) {
        if (opset < inputSince) {
            return at.getInts(name);
        }
        return index < inputs.size() && inputs.get(index) != null ? inputs.get(index).integers() : null;
    }

    // ---------------------------------------------------------------------------------------------

    private static ConstTensor constant(Attributes at) {
        AttributeProto v = at.get("value");
        if (v != null) {
            try {
                return Tensors.decode(v.getT());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("its value " + e.getMessage());
            }
        }
        if (at.has("value_float")) {
            return ConstTensor.ofReals(new long[0], new double[] {at.getFloat("value_float", 0)}, OnnxTypes.FLOAT);
        }
        if (at.has("value_floats")) {
            double[] f = at.getFloats("value_floats");
            return ConstTensor.ofReals(new long[] {f.length}, f, OnnxTypes.FLOAT);
        }
        if (at.has("value_int")) {
            return ConstTensor.ofInts(new long[0], new long[] {at.getInt("value_int", 0)}, OnnxTypes.INT64);
        }
        if (at.has("value_ints")) {
            long[] v2 = at.getInts("value_ints");
            return ConstTensor.ofInts(new long[] {v2.length}, v2, OnnxTypes.INT64);
        }
        throw new IllegalArgumentException("has no supported value attribute (value, value_float(s), value_int(s))");
    }

    private static ConstTensor cast(ConstTensor x, int to) {
        if (OnnxTypes.isReal(to)) {
            double[] v = x.reals();
            if (to == OnnxTypes.FLOAT) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) v[i];
                }
            }
            return ConstTensor.ofReals(x.dims(), v, to);
        }
        if (OnnxTypes.isInteger(to)) {
            long[] v = new long[x.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = to == OnnxTypes.BOOL ? (x.real(i) != 0 ? 1 : 0) : x.integer(i);
            }
            return ConstTensor.ofInts(x.dims(), v, to);
        }
        throw new IllegalArgumentException("casts to " + OnnxTypes.name(to) + ", which is not supported");
    }

    /**
     * The value of {@code Shape} (with opset 15's {@code start} and {@code end}).
     *
     * @param dims the input's dimensions
     * @param at the node's attributes
     * @return the int64 shape vector
     */
    public static ConstTensor shape(long[] dims, Attributes at) {
        int r = dims.length;
        int start = clampAxis((int) at.getInt("start", 0), r);
        int end = clampAxis((int) at.getInt("end", r), r);
        long[] v = end > start ? Arrays.copyOfRange(dims, start, end) : new long[0];
        return ConstTensor.int64Vector(v);
    }

    private static int clampAxis(int a, int r) {
        if (a < 0) {
            a += r;
        }
        return Math.max(0, Math.min(r, a));
    }

    /**
     * @param axis an axis, possibly negative
     * @param rank the rank
     * @return the axis in {@code [0, rank)}
     * @throws IllegalArgumentException if out of range
     */
    public static int axis(long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for rank " + rank);
        }
        return (int) a;
    }

    private static int[] strides(long[] dims) {
        int[] s = new int[dims.length];
        int acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= (int) dims[i];
        }
        return s;
    }

    private static ConstTensor gather(ConstTensor x, ConstTensor indices, int axisAttr) {
        int r = x.rank();
        int axis = axis(axisAttr, r);
        long[] xd = x.dims();
        long[] id = indices.dims();
        long[] od = new long[r - 1 + id.length];
        System.arraycopy(xd, 0, od, 0, axis);
        System.arraycopy(id, 0, od, axis, id.length);
        System.arraycopy(xd, axis + 1, od, axis + id.length, r - axis - 1);
        int outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= (int) xd[i];
        }
        int inner = 1;
        for (int i = axis + 1; i < r; i++) {
            inner *= (int) xd[i];
        }
        int n = (int) xd[axis];
        int ni = indices.size();
        int[] src = new int[outer * ni * inner];
        int k = 0;
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < ni; j++) {
                long idx = indices.integer(j);
                if (idx < 0) {
                    idx += n;
                }
                if (idx < 0 || idx >= n) {
                    throw new IllegalArgumentException("index " + indices.integer(j) + " is out of range for axis "
                            + axis + " of length " + n);
                }
                for (int i = 0; i < inner; i++) {
                    src[k++] = (o * n + (int) idx) * inner + i;
                }
            }
        }
        return x.gather(od, src);
    }

    private static ConstTensor unsqueeze(ConstTensor x, long[] axes) {
        if (axes == null) {
            throw new IllegalArgumentException("has no axes");
        }
        return x.reshape(unsqueezeDims(x.dims(), axes));
    }

    /**
     * @param dims input dimensions
     * @param axes axes of the output to insert, possibly negative
     * @return the output dimensions
     */
    public static long[] unsqueezeDims(long[] dims, long[] axes) {
        int r = dims.length + axes.length;
        boolean[] inserted = new boolean[r];
        for (long a : axes) {
            int n = axis(a, r);
            if (inserted[n]) {
                throw new IllegalArgumentException("axis " + a + " is repeated");
            }
            inserted[n] = true;
        }
        long[] out = new long[r];
        int k = 0;
        for (int i = 0; i < r; i++) {
            out[i] = inserted[i] ? 1 : dims[k++];
        }
        return out;
    }

    private static ConstTensor squeeze(ConstTensor x, long[] axes) {
        return x.reshape(squeezeDims(x.dims(), axes));
    }

    /**
     * @param dims input dimensions
     * @param axes axes to remove (each of length 1), or {@code null} for every axis of length 1
     * @return the output dimensions
     */
    public static long[] squeezeDims(long[] dims, long[] axes) {
        boolean[] removed = new boolean[dims.length];
        if (axes == null) {
            for (int i = 0; i < dims.length; i++) {
                removed[i] = dims[i] == 1;
            }
        } else {
            for (long a : axes) {
                int n = axis(a, dims.length);
                if (dims[n] != 1) {
                    throw new IllegalArgumentException("cannot squeeze axis " + a + " of length " + dims[n]);
                }
                removed[n] = true;
            }
        }
        long[] out = new long[dims.length];
        int k = 0;
        for (int i = 0; i < dims.length; i++) {
            if (!removed[i]) {
                out[k++] = dims[i];
            }
        }
        return Arrays.copyOf(out, k);
    }

    private static ConstTensor concat(List<ConstTensor> inputs, int axisAttr) {
        List<ConstTensor> parts = new ArrayList<>();
        for (ConstTensor t : inputs) {
            if (t != null) {
                parts.add(t);
            }
        }
        ConstTensor first = parts.get(0);
        int r = first.rank();
        int axis = axis(axisAttr, r);
        long[] od = first.dims();
        od[axis] = 0;
        boolean real = false;
        for (ConstTensor t : parts) {
            if (t.rank() != r) {
                throw new IllegalArgumentException("concatenates tensors of different ranks");
            }
            for (int i = 0; i < r; i++) {
                if (i != axis && t.dim(i) != first.dim(i)) {
                    throw new IllegalArgumentException("concatenates tensors of dims " + Arrays.toString(first.dims())
                            + " and " + Arrays.toString(t.dims()));
                }
            }
            od[axis] += t.dim(axis);
            real |= !t.isInteger();
        }
        int outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= (int) od[i];
        }
        int inner = 1;
        for (int i = axis + 1; i < r; i++) {
            inner *= (int) od[i];
        }
        int n = (int) ConstTensor.count(od);
        double[] dv = new double[n];
        long[] lv = new long[n];
        int k = 0;
        for (int o = 0; o < outer; o++) {
            for (ConstTensor t : parts) {
                int block = (int) t.dim(axis) * inner;
                for (int i = 0; i < block; i++) {
                    dv[k] = t.real(o * block + i);
                    lv[k] = t.integer(o * block + i);
                    k++;
                }
            }
        }
        return real ? ConstTensor.ofReals(od, dv, first.onnxType()) : ConstTensor.ofInts(od, lv, first.onnxType());
    }

    private static ConstTensor slice(ConstTensor x, Attributes at, List<ConstTensor> inputs, int opset) {
        long[] starts;
        long[] ends;
        long[] axes;
        long[] steps = null;
        if (opset < 10) {
            starts = at.getInts("starts");
            ends = at.getInts("ends");
            axes = at.getInts("axes");
        } else {
            starts = input(inputs, 1, "starts").integers();
            ends = input(inputs, 2, "ends").integers();
            axes = inputs.size() > 3 && inputs.get(3) != null ? inputs.get(3).integers() : null;
            steps = inputs.size() > 4 && inputs.get(4) != null ? inputs.get(4).integers() : null;
        }
        if (starts == null || ends == null || starts.length != ends.length) {
            throw new IllegalArgumentException("has inconsistent starts and ends");
        }
        int r = x.rank();
        long[] dims = x.dims();
        long[] begin = new long[r];
        long[] step = new long[r];
        long[] count = dims.clone();
        Arrays.fill(step, 1);
        for (int j = 0; j < starts.length; j++) {
            int a = axis(axes == null ? j : axes[j], r);
            long s = steps == null ? 1 : steps[j];
            if (s == 0) {
                throw new IllegalArgumentException("has a zero step");
            }
            long d = dims[a];
            long st = starts[j] < 0 ? starts[j] + d : starts[j];
            long en = ends[j] < 0 && ends[j] > Long.MIN_VALUE / 2 ? ends[j] + d : ends[j];
            if (s > 0) {
                st = Math.max(0, Math.min(d, st));
                en = Math.max(0, Math.min(d, en));
                count[a] = en > st ? (en - st + s - 1) / s : 0;
            } else {
                st = Math.max(0, Math.min(d - 1, st));
                en = Math.max(-1, Math.min(d - 1, en));
                count[a] = st > en ? (st - en + (-s) - 1) / (-s) : 0;
            }
            begin[a] = st;
            step[a] = s;
        }
        int n = (int) ConstTensor.count(count);
        int[] xs = strides(dims);
        int[] src = new int[n];
        int[] idx = new int[r];
        for (int k = 0; k < n; k++) {
            int off = 0;
            for (int i = 0; i < r; i++) {
                off += (int) (begin[i] + idx[i] * step[i]) * xs[i];
            }
            src[k] = off;
            for (int i = r - 1; i >= 0; i--) {
                if (++idx[i] < count[i]) {
                    break;
                }
                idx[i] = 0;
            }
        }
        return x.gather(count, src);
    }

    /**
     * The output dimensions of {@code Reshape}.
     *
     * @param in input dimensions
     * @param target the shape input (0 copies the input's dimension unless {@code allowZero}, -1 is
     *     inferred)
     * @param allowZero opset 14's {@code allowzero}
     * @return the output dimensions
     */
    public static long[] reshapeDims(long[] in, long[] target, boolean allowZero) {
        long[] out = target.clone();
        long total = ConstTensor.count(in);
        int infer = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0 && !allowZero) {
                if (i >= in.length) {
                    throw new IllegalArgumentException("copies dimension " + i + ", which the input lacks");
                }
                out[i] = in[i];
            }
            if (out[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("has two -1 dimensions");
                }
                infer = i;
            } else if (out[i] < 0) {
                throw new IllegalArgumentException("has a negative dimension " + out[i]);
            } else {
                known *= out[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || total % known != 0) {
                throw new IllegalArgumentException("cannot infer -1 reshaping " + Arrays.toString(in) + " to "
                        + Arrays.toString(target));
            }
            out[infer] = total / known;
        }
        if (ConstTensor.count(out) != total) {
            throw new IllegalArgumentException("reshapes " + Arrays.toString(in) + " (" + total + " values) to "
                    + Arrays.toString(out));
        }
        return out;
    }

    private static ConstTensor flatten(ConstTensor x, int axisAttr) {
        int r = x.rank();
        int axis = axisAttr < 0 ? axisAttr + r : axisAttr;
        if (axis < 0 || axis > r) {
            throw new IllegalArgumentException("axis " + axisAttr + " is out of range for rank " + r);
        }
        long[] d = x.dims();
        long a = 1;
        for (int i = 0; i < axis; i++) {
            a *= d[i];
        }
        return x.reshape(new long[] {a, ConstTensor.count(d) / Math.max(1, a)});
    }

    private static ConstTensor transpose(ConstTensor x, long[] permAttr) {
        int r = x.rank();
        long[] perm = permAttr;
        if (perm == null) {
            perm = new long[r];
            for (int i = 0; i < r; i++) {
                perm[i] = r - 1 - i;
            }
        }
        if (perm.length != r) {
            throw new IllegalArgumentException("has a permutation of length " + perm.length + " for rank " + r);
        }
        long[] xd = x.dims();
        int[] xs = strides(xd);
        long[] od = new long[r];
        for (int i = 0; i < r; i++) {
            od[i] = xd[(int) perm[i]];
        }
        int n = x.size();
        int[] src = new int[n];
        int[] idx = new int[r];
        for (int k = 0; k < n; k++) {
            int off = 0;
            for (int i = 0; i < r; i++) {
                off += idx[i] * xs[(int) perm[i]];
            }
            src[k] = off;
            for (int i = r - 1; i >= 0; i--) {
                if (++idx[i] < od[i]) {
                    break;
                }
                idx[i] = 0;
            }
        }
        return x.gather(od, src);
    }

    /**
     * NumPy (multidirectional) broadcasting of two shapes.
     *
     * @param a first dimensions
     * @param b second dimensions
     * @return the broadcast dimensions
     * @throws IllegalArgumentException if they do not broadcast
     */
    public static long[] broadcast(long[] a, long[] b) {
        int r = Math.max(a.length, b.length);
        long[] out = new long[r];
        for (int i = 0; i < r; i++) {
            long da = i - (r - a.length) >= 0 ? a[i - (r - a.length)] : 1;
            long db = i - (r - b.length) >= 0 ? b[i - (r - b.length)] : 1;
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("dims " + Arrays.toString(a) + " and " + Arrays.toString(b)
                        + " do not broadcast");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /**
     * For every element of a tensor of dimensions {@code out}, the flat index of the element of a
     * tensor of dimensions {@code in} that broadcasts onto it.
     *
     * @param in dimensions that broadcast to {@code out}
     * @param out the broadcast dimensions
     * @return the source indices
     */
    public static int[] broadcastIndex(long[] in, long[] out) {
        int r = out.length;
        int off = r - in.length;
        long[] padded = new long[r];
        for (int i = 0; i < r; i++) {
            padded[i] = i >= off ? in[i - off] : 1;
        }
        int[] ps = strides(padded);
        int n = (int) ConstTensor.count(out);
        int[] src = new int[n];
        int[] idx = new int[r];
        for (int k = 0; k < n; k++) {
            int s = 0;
            for (int i = 0; i < r; i++) {
                if (padded[i] != 1) {
                    s += idx[i] * ps[i];
                }
            }
            src[k] = s;
            for (int i = r - 1; i >= 0; i--) {
                if (++idx[i] < out[i]) {
                    break;
                }
                idx[i] = 0;
            }
        }
        return src;
    }

    private static ConstTensor binary(String op, ConstTensor a, ConstTensor b) {
        long[] od = broadcast(a.dims(), b.dims());
        int[] ia = broadcastIndex(a.dims(), od);
        int[] ib = broadcastIndex(b.dims(), od);
        int n = ia.length;
        if (a.isInteger() && b.isInteger()) {
            long[] v = new long[n];
            for (int k = 0; k < n; k++) {
                long x = a.integer(ia[k]);
                long y = b.integer(ib[k]);
                v[k] = switch (op) {
                    case "Add" -> x + y;
                    case "Sub" -> x - y;
                    case "Mul" -> x * y;
                    default -> {
                        if (y == 0) {
                            throw new IllegalArgumentException("divides by an integer zero");
                        }
                        yield x / y;
                    }
                };
            }
            return ConstTensor.ofInts(od, v, a.onnxType());
        }
        int type = !a.isInteger() ? a.onnxType() : b.onnxType();
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            double x = a.real(ia[k]);
            double y = b.real(ib[k]);
            double r = switch (op) {
                case "Add" -> x + y;
                case "Sub" -> x - y;
                case "Mul" -> x * y;
                default -> x / y;
            };
            v[k] = type == OnnxTypes.FLOAT ? (float) r : r;
        }
        return ConstTensor.ofReals(od, v, type);
    }

    private static ConstTensor unary(String op, ConstTensor x) {
        if (x.isInteger()) {
            if (op.equals("Neg")) {
                long[] v = x.integers();
                for (int i = 0; i < v.length; i++) {
                    v[i] = -v[i];
                }
                return ConstTensor.ofInts(x.dims(), v, x.onnxType());
            }
            if (op.equals("Floor") || op.equals("Ceil")) {
                return x;
            }
            throw new IllegalArgumentException("is not defined on integers");
        }
        double[] v = x.reals();
        for (int i = 0; i < v.length; i++) {
            double r = switch (op) {
                case "Neg" -> -v[i];
                case "Floor" -> Math.floor(v[i]);
                case "Ceil" -> Math.ceil(v[i]);
                case "Sqrt" -> Math.sqrt(v[i]);
                default -> 1.0 / v[i];
            };
            v[i] = x.onnxType() == OnnxTypes.FLOAT ? (float) r : r;
        }
        return ConstTensor.ofReals(x.dims(), v, x.onnxType());
    }

    private static ConstTensor constantOfShape(ConstTensor shape, Attributes at) {
        long[] dims = shape.integers();
        int n = (int) ConstTensor.count(dims);
        ConstTensor value = ConstTensor.floatScalar(0);
        if (at.get("value") != null) {
            value = Tensors.decode(at.get("value").getT());
        }
        if (value.size() != 1) {
            throw new IllegalArgumentException("has a value of " + value.size() + " elements");
        }
        return value.gather(dims, new int[n]);
    }

    private static ConstTensor range(ConstTensor start, ConstTensor limit, ConstTensor delta) {
        if (start.isInteger() && limit.isInteger() && delta.isInteger()) {
            long s = start.integer(0);
            long l = limit.integer(0);
            long d = delta.integer(0);
            if (d == 0) {
                throw new IllegalArgumentException("has a zero delta");
            }
            int n = (int) Math.max(0, (long) Math.ceil((double) (l - s) / d));
            long[] v = new long[n];
            for (int i = 0; i < n; i++) {
                v[i] = s + i * d;
            }
            return ConstTensor.ofInts(new long[] {n}, v, start.onnxType());
        }
        double s = start.real(0);
        double d = delta.real(0);
        int n = (int) Math.max(0, Math.ceil((limit.real(0) - s) / d));
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = s + i * d;
        }
        return ConstTensor.ofReals(new long[] {n}, v, start.onnxType());
    }

    private static long[] checkedCount(long[] dims) {
        long n = 1;
        for (long d : dims) {
            if (d < 0 || d > 0 && n > MAX_ELEMENTS / d) {
                throw new IllegalArgumentException("would make a tensor of dims " + Arrays.toString(dims)
                        + ", more than " + MAX_ELEMENTS + " elements");
            }
            n *= d;
        }
        return dims;
    }

    /** {@code Equal} with broadcasting: a BOOL tensor (1 where equal). */
    private static ConstTensor equal(ConstTensor a, ConstTensor b) {
        long[] od = checkedCount(broadcast(a.dims(), b.dims()));
        int[] ia = broadcastIndex(a.dims(), od);
        int[] ib = broadcastIndex(b.dims(), od);
        long[] v = new long[ia.length];
        for (int k = 0; k < v.length; k++) {
            boolean eq = a.isInteger() && b.isInteger() ? a.integer(ia[k]) == b.integer(ib[k])
                    : a.real(ia[k]) == b.real(ib[k]);
            v[k] = eq ? 1 : 0;
        }
        return ConstTensor.ofInts(od, v, OnnxTypes.BOOL);
    }

    /** {@code Where(condition, X, Y)} with broadcasting of all three. */
    private static ConstTensor where(ConstTensor c, ConstTensor x, ConstTensor y) {
        if (x.isInteger() != y.isInteger()) {
            throw new IllegalArgumentException("selects between tensors of types " + OnnxTypes.name(x.onnxType())
                    + " and " + OnnxTypes.name(y.onnxType()));
        }
        long[] od = checkedCount(broadcast(broadcast(c.dims(), x.dims()), y.dims()));
        int[] ic = broadcastIndex(c.dims(), od);
        int[] ix = broadcastIndex(x.dims(), od);
        int[] iy = broadcastIndex(y.dims(), od);
        if (x.isInteger()) {
            long[] v = new long[ic.length];
            for (int k = 0; k < v.length; k++) {
                v[k] = c.real(ic[k]) != 0 ? x.integer(ix[k]) : y.integer(iy[k]);
            }
            return ConstTensor.ofInts(od, v, x.onnxType());
        }
        double[] v = new double[ic.length];
        for (int k = 0; k < v.length; k++) {
            v[k] = c.real(ic[k]) != 0 ? x.real(ix[k]) : y.real(iy[k]);
        }
        return ConstTensor.ofReals(od, v, x.onnxType());
    }

    /** {@code Expand}: broadcasts the tensor and the shape input against each other. */
    private static ConstTensor expand(ConstTensor x, long[] shape) {
        long[] od = checkedCount(broadcast(x.dims(), shape));
        return x.gather(od, broadcastIndex(x.dims(), od));
    }
}
