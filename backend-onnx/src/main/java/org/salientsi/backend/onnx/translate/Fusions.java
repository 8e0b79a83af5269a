package org.salientsi.backend.onnx.translate;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.salientsi.api.ir.Gelu;
import org.salientsi.backend.onnx.fold.ConstantFolder;
import org.salientsi.backend.onnx.model.Attributes;
import org.salientsi.backend.onnx.model.ConstTensor;
import org.salientsi.backend.onnx.model.OnnxTypes;
import org.salientsi.backend.onnx.translate.Translation.Data;

/**
 * Multi-node patterns that translate to one IR op, found before translation (after constant folding):
 * <ul>
 * <li>GELU as PyTorch 1.13 exports {@code nn.GELU()}: {@code x / sqrt(2)} (or {@code x * (1/sqrt(2))}),
 *     {@code Erf}, {@code + 1}, a product with {@code x} and with {@code 0.5} in either order and with either
 *     operand order (one IR {@link Gelu});</li>
 * <li>layer normalisation as PyTorch exports it below opset 17: {@code ReduceMean} over one axis, {@code Sub},
 *     {@code Pow 2}, {@code ReduceMean}, {@code Add eps}, {@code Sqrt}, {@code Div}, then optionally {@code Mul}
 *     by a constant scale and {@code Add} of a constant shift (one IR
 *     {@link org.salientsi.api.ir.LayerNorm}).</li>
 * </ul>
 * Every intermediate tensor of a pattern must be read only inside it. The nodes of a pattern other than its
 * last are skipped; the last emits the fused op. Partial patterns are left alone (their {@code Erf} and
 * products translate one by one).
 */
final class Fusions {

    private static final double SQRT2 = Math.sqrt(2);

    /** A fused pattern, emitted when its last node is reached. */
    private record Fusion(boolean gelu, String x, long axis, ConstTensor gamma, ConstTensor beta, double eps) {
    }

    private final Map<NodeProto, Fusion> at = new IdentityHashMap<>();
    private final Set<NodeProto> skipped = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<String, NodeProto> producer = new HashMap<>();
    private final Map<String, Object> values;
    private final Map<String, List<NodeProto>> consumers;
    private final String outputName;
    private final int opset;

    private Fusions(List<NodeProto> order, Translation t) {
        this.values = t.values;
        this.consumers = t.consumers;
        this.outputName = t.outputName;
        this.opset = t.opset;
        for (NodeProto n : order) {
            for (String o : n.getOutputList()) {
                producer.put(o, n);
            }
        }
    }

    /**
     * @param order the nodes in topological order
     * @param t the translation, its constants folded
     * @return the patterns found
     */
    static Fusions find(List<NodeProto> order, Translation t) {
        Fusions f = new Fusions(order, t);
        for (NodeProto n : order) {
            if (f.values.containsKey(n.getOutput(0))) {
                continue;
            }
            if (n.getInputCount() == 0) {
                continue;
            }
            if (n.getOpType().equals("Erf")) {
                f.gelu(n);
            } else if (n.getOpType().equals("ReduceMean")) {
                f.layerNorm(n);
            }
        }
        return f;
    }

    /** @return whether the node is an inner node of a fused pattern (nothing to translate) */
    boolean skips(NodeProto n) {
        return skipped.contains(n);
    }

    /**
     * Emits the fused op if {@code n} is the last node of a pattern.
     *
     * @return whether it was
     */
    boolean emit(Translation t, NodeProto n) {
        Fusion f = at.get(n);
        if (f == null) {
            return false;
        }
        Object v = t.value(f.x);
        if (!(v instanceof Data x)) {
            throw Translation.unsupported(n, "ends a " + (f.gelu ? "GELU" : "layer normalisation")
                    + " pattern whose input '" + f.x + "' is a constant");
        }
        if (f.gelu) {
            t.emitAs(n, n.getOutput(0), new Gelu(), x.dims(), x.id());
            return true;
        }
        int axis = ConstantFolder.axis(f.axis, x.rank() + 1);
        if (axis == 0) {
            throw Translation.unsupported(n, "ends a layer normalisation pattern over the batch axis");
        }
        SmoothOps.emitLayerNorm(t, n, n.getOutput(0), x, axis - 1, f.gamma, f.beta, f.eps);
        return true;
    }

    // ---------------------------------------------------------------------------------------------

    /** @return the only reader of a tensor that is not the graph output, or null */
    private NodeProto sole(String name) {
        List<NodeProto> r = consumers.getOrDefault(name, List.of());
        return r.size() == 1 && !name.equals(outputName) ? r.get(0) : null;
    }

    private boolean is(NodeProto n, String op) {
        return n != null && n.getOpType().equals(op) && (n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx"));
    }

    /** @return the scalar value of a constant of one element, or NaN */
    private double scalar(String name) {
        return values.get(name) instanceof ConstTensor c && c.size() == 1 && !c.isInteger() ? c.real(0) : Double.NaN;
    }

    private ConstTensor constant(String name) {
        return values.get(name) instanceof ConstTensor c ? c : null;
    }

    /** @return the input of a two-input node other than {@code name}, or null */
    private static String other(NodeProto n, String name) {
        if (n.getInputCount() != 2 || n.getInput(0).equals(n.getInput(1))) {
            return null;
        }
        return n.getInput(0).equals(name) ? n.getInput(1) : n.getInput(1).equals(name) ? n.getInput(0) : null;
    }

    /** @return the non-constant operand of a Mul whose other operand is the scalar {@code c}, or null */
    private String mulBy(NodeProto n, double c, double tol) {
        if (!is(n, "Mul") || n.getInputCount() != 2) {
            return null;
        }
        for (int i = 0; i < 2; i++) {
            if (Math.abs(scalar(n.getInput(1 - i)) - c) <= tol && constant(n.getInput(i)) == null) {
                return n.getInput(i);
            }
        }
        return null;
    }

    private void gelu(NodeProto erf) {
        String d = erf.getInput(0);
        NodeProto div = producer.get(d);
        if (div == null || sole(d) != erf) {
            return;
        }
        String x;
        if (is(div, "Div") && div.getInputCount() == 2 && Math.abs(scalar(div.getInput(1)) - SQRT2) <= 1e-6) {
            x = div.getInput(0);
        } else {
            x = mulBy(div, 1 / SQRT2, 1e-6);
        }
        if (x == null || constant(x) != null) {
            return;
        }
        NodeProto add = sole(erf.getOutput(0));
        String one = add == null || !is(add, "Add") ? null : other(add, erf.getOutput(0));
        if (one == null || scalar(one) != 1.0) {
            return;
        }
        NodeProto m1 = sole(add.getOutput(0));
        String o = m1 == null || !is(m1, "Mul") ? null : other(m1, add.getOutput(0));
        if (o == null) {
            return;
        }
        List<NodeProto> inner = new ArrayList<>(List.of(div, erf, add));
        NodeProto last;
        if (o.equals(x) || scalar(o) == 0.5) {
            NodeProto m2 = sole(m1.getOutput(0));
            String o2 = m2 == null || !is(m2, "Mul") ? null : other(m2, m1.getOutput(0));
            boolean fits = o2 != null && (o.equals(x) ? scalar(o2) == 0.5 : o2.equals(x));
            if (!fits) {
                return;
            }
            inner.add(m1);
            last = m2;
        } else {
            NodeProto half = producer.get(o);
            if (half == null || sole(o) != m1 || !x.equals(mulBy(half, 0.5, 0))) {
                return;
            }
            inner.add(half);
            last = m1;
        }
        record(inner, last, new Fusion(true, x, 0, null, null, 0));
    }

    private void record(List<NodeProto> inner, NodeProto last, Fusion f) {
        for (NodeProto n : inner) {
            if (skipped.contains(n) || at.containsKey(n)) {
                return;
            }
        }
        skipped.addAll(inner);
        at.put(last, f);
    }

    /** @return the single axis a ReduceMean with keepdims reduces over, or null */
    private Long reduceAxis(NodeProto r) {
        Attributes at = Attributes.of(r);
        if (at.getInt("keepdims", 1) != 1) {
            return null;
        }
        long[] axes = opset < 18 ? at.getInts("axes")
                : r.getInputCount() > 1 && constant(r.getInput(1)) != null ? constant(r.getInput(1)).integers() : null;
        return axes != null && axes.length == 1 ? axes[0] : null;
    }

    private void layerNorm(NodeProto mean) {
        String x = mean.getInput(0);
        Long axis = reduceAxis(mean);
        if (axis == null || constant(x) != null) {
            return;
        }
        NodeProto sub = sole(mean.getOutput(0));
        if (!is(sub, "Sub") || sub.getInputCount() != 2 || !sub.getInput(0).equals(x)
                || !sub.getInput(1).equals(mean.getOutput(0))) {
            return;
        }
        String xc = sub.getOutput(0);
        List<NodeProto> readers = consumers.getOrDefault(xc, List.of());
        if (readers.size() != 2 || xc.equals(outputName)) {
            return;
        }
        NodeProto pow = is(readers.get(0), "Pow") ? readers.get(0) : readers.get(1);
        NodeProto div = pow == readers.get(0) ? readers.get(1) : readers.get(0);
        if (!is(pow, "Pow") || pow.getInputCount() != 2 || div.getInputCount() != 2 || !pow.getInput(0).equals(xc)
                || scalar(pow.getInput(1)) != 2.0 || !is(div, "Div")
                || !div.getInput(0).equals(xc)) {
            return;
        }
        NodeProto var = sole(pow.getOutput(0));
        if (!is(var, "ReduceMean") || !axis.equals(reduceAxis(var))) {
            return;
        }
        NodeProto addEps = sole(var.getOutput(0));
        String epsName = addEps == null || !is(addEps, "Add") ? null : other(addEps, var.getOutput(0));
        double eps = epsName == null ? Double.NaN : scalar(epsName);
        if (constant(epsName) != null && constant(epsName).onnxType() == OnnxTypes.FLOAT) {
            eps = Attributes.widen((float) eps);
        }
        if (!(eps > 0)) {
            return;
        }
        NodeProto sqrt = sole(addEps.getOutput(0));
        if (!is(sqrt, "Sqrt") || sole(sqrt.getOutput(0)) != div || !div.getInput(1).equals(sqrt.getOutput(0))) {
            return;
        }
        List<NodeProto> inner = new ArrayList<>(List.of(mean, sub, pow, var, addEps, sqrt));
        NodeProto last = div;
        ConstTensor gamma = null;
        ConstTensor beta = null;
        NodeProto mul = sole(div.getOutput(0));
        String g = mul == null || !is(mul, "Mul") ? null : other(mul, div.getOutput(0));
        if (g != null && constant(g) != null) {
            gamma = constant(g);
            inner.add(last);
            last = mul;
            NodeProto add = sole(mul.getOutput(0));
            String b = add == null || !is(add, "Add") ? null : other(add, mul.getOutput(0));
            if (b != null && constant(b) != null) {
                beta = constant(b);
                inner.add(last);
                last = add;
            }
        }
        record(inner, last, new Fusion(false, x, axis, gamma, beta, eps));
    }
}
