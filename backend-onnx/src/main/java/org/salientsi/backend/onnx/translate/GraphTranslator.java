package org.salientsi.backend.onnx.translate;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.salientsi.api.error.ShapeMismatchException;
import org.salientsi.api.error.UnsupportedLayerException;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.backend.onnx.fold.ConstantFolder;
import org.salientsi.backend.onnx.model.Attributes;
import org.salientsi.backend.onnx.model.ConstTensor;
import org.salientsi.backend.onnx.model.OnnxModelFile;
import org.salientsi.backend.onnx.model.OnnxTypes;
import org.salientsi.backend.onnx.model.Tensors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates the graph of an {@link OnnxModelFile} into the IR for one input size.
 *
 * <p>Only the nodes that the first graph output depends on are read. First every node whose inputs
 * are all constants is folded ({@link ConstantFolder}); then, in topological order, {@code Shape} of
 * an image-dependent tensor becomes a constant (its shape is known once the input size is), the
 * remaining shape arithmetic folds, and every other node becomes one IR node named after its output
 * tensor (a few ops become a short chain of IR nodes, and a few multi-node patterns one IR node: see
 * {@link Fusions}). Thread-safe: each call works on its own state; decoded initializers are shared.
 *
 * <p>Ops translated (attributes handled):
 * <ul>
 * <li>{@code Conv} (pads, auto_pad, strides, dilations, group; 2-D only), {@code ConvTranspose} (pads,
 *     strides, output_padding; group 1, no dilation, auto_pad NOTSET, no output_shape), {@code Gemm} (transB,
 *     alpha, beta; transA = 0), {@code MatMul} by a constant matrix (fused with a following
 *     {@code Add} of a constant bias; on a vector, or token by token on {@code [N, K]} and {@code [A, B, K]}),
 *     {@code MatMul} of two image-dependent tensors ({@code [N, K] x [K, M]}, or batched
 *     {@code [C, N, K] x [C, K, M]});</li>
 * <li>{@code Relu}, {@code LeakyRelu}, {@code PRelu}, {@code Clip} (as ReLUs);</li>
 * <li>{@code MaxPool}, {@code AveragePool} (kernel_shape, strides, pads, auto_pad, ceil_mode,
 *     count_include_pad), {@code GlobalAveragePool}, {@code GlobalMaxPool}, {@code ReduceMean},
 *     {@code ReduceMax} and {@code ReduceSum} over the spatial axes (axes as attribute or input,
 *     keepdims);</li>
 * <li>{@code BatchNormalization} (inference), {@code Pad} (constant zero, spatial; pads and axes as
 *     attribute or input), {@code Resize} (nearest and linear; scales or sizes; half_pixel,
 *     pytorch_half_pixel, align_corners, asymmetric; the four nearest modes; axes and
 *     keep_aspect_ratio_policy) and {@code Upsample};</li>
 * <li>{@code Add}, {@code Sub}, {@code Mul}, {@code Div} by constants (as elementwise affine maps),
 *     {@code Add}, {@code Sub} and {@code Sum} of image tensors of one shape, {@code Mul} and {@code Div} of
 *     two image tensors (broadcasting), {@code Neg}, {@code Abs} (as ReLUs);</li>
 * <li>{@code Concat} (any axis but the batch's; constant operands such as a class token),
 *     {@code Flatten} (axis 1), {@code Reshape}, {@code Squeeze}, {@code Unsqueeze}, {@code Transpose}
 *     (batch axis fixed), {@code Gather} (one constant index), {@code Slice} (constant bounds, step 1),
 *     {@code Identity}, {@code Dropout}, {@code Cast} to a float type;</li>
 * <li>smooth ops, anywhere: {@code Sigmoid}, {@code Tanh}, {@code Exp}, {@code Erf}, {@code Gelu} (exact),
 *     {@code Softmax} (one axis; below opset 13 when the coerced 2-D form is one axis or the whole sample),
 *     {@code LayerNormalization} (last axis, epsilon, scale, optional bias), and the fused patterns of
 *     {@link Fusions} (GELU as Div/Erf/Add/Mul, LayerNorm decomposed below opset 17);</li>
 * <li>shape arithmetic folded to constants ({@link ConstantFolder}: Shape, Gather, Unsqueeze, Concat,
 *     ConstantOfShape, Equal, Where, Expand, ...).</li>
 * </ul>
 */
public final class GraphTranslator {

    private static final Logger LOG = LoggerFactory.getLogger(GraphTranslator.class);

    /** Ops that are not piecewise linear (named as such in errors). */
    private static final Set<String> NONLINEAR = Set.of("Sin", "Cos", "Log", "Pow", "Elu",
            "Selu", "Celu", "Softplus", "Softsign", "HardSigmoid", "HardSwish", "Mish", "LogSoftmax",
            "LSTM", "GRU", "RNN", "Tan", "Atan", "Asin", "Acos", "Sinh", "Cosh", "ThresholdedRelu",
            "LpNormalization", "LRN", "InstanceNormalization", "GroupNormalization",
            "Hardmax", "ReduceProd", "ReduceL2", "ReduceLogSumExp", "ReduceSumSquare", "Sqrt", "Reciprocal");

    private final OnnxModelFile model;
    private final Map<String, ConstTensor> initializers = new ConcurrentHashMap<>();
    private final Map<String, TensorProto> initializerProtos = new HashMap<>();
    private final List<NodeProto> order;
    private final Map<String, List<NodeProto>> consumers = new HashMap<>();

    /**
     * @param model a validated model
     */
    public GraphTranslator(OnnxModelFile model) {
        this.model = model;
        for (TensorProto t : model.model().getGraph().getInitializerList()) {
            initializerProtos.put(t.getName(), t);
        }
        Map<String, NodeProto> producer = new HashMap<>();
        for (NodeProto n : model.nodes()) {
            for (String out : n.getOutputList()) {
                producer.put(out, n);
            }
        }
        Set<NodeProto> needed = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<String> todo = new ArrayDeque<>();
        todo.push(model.outputName());
        while (!todo.isEmpty()) {
            NodeProto n = producer.get(todo.pop());
            if (n != null && needed.add(n)) {
                for (String in : n.getInputList()) {
                    if (!in.isEmpty()) {
                        todo.push(in);
                    }
                }
            }
        }
        List<NodeProto> sorted = new ArrayList<>();
        for (NodeProto n : model.nodes()) {
            if (needed.contains(n)) {
                sorted.add(n);
                for (String in : n.getInputList()) {
                    if (!in.isEmpty()) {
                        consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
                    }
                }
            }
        }
        this.order = List.copyOf(sorted);
        if (sorted.size() < model.nodes().size()) {
            LOG.debug("{}: {} of {} nodes do not feed output '{}' and are ignored", model.fileName(),
                    model.nodes().size() - sorted.size(), model.nodes().size(), model.outputName());
        }
    }

    /**
     * @param channels input channels
     * @param height input rows
     * @param width input columns
     * @return the network for inputs of that size
     * @throws UnsupportedLayerException if a node has no translation (the message names node and op)
     * @throws ShapeMismatchException if the size does not fit the network (a kernel larger than its
     *     input, ...)
     */
    public Network translate(int channels, int height, int width) {
        TensorShape inShape = TensorShape.of(channels, height, width);
        Network.Builder builder = Network.builder(inShape);
        Translation t = new Translation(model, builder, consumers);
        t.values.put(model.input().name(), new Translation.Data(builder.input(), new long[] {channels, height, width}));
        for (NodeProto n : order) {
            for (String in : n.getInputList()) {
                if (!in.isEmpty() && !t.values.containsKey(in) && initializerProtos.containsKey(in)) {
                    t.values.put(in, initializer(n, in));
                }
            }
        }
        // constant subgraphs first, so that fusions can look ahead at constant operands
        for (NodeProto n : order) {
            if (allConstant(t, n) && ConstantFolder.FOLDABLE.contains(n.getOpType()) && defaultDomain(n)) {
                fold(t, n);
            }
        }
        Fusions fusions = Fusions.find(order, t);
        for (NodeProto n : order) {
            if (t.values.containsKey(n.getOutput(0)) || fusions.skips(n)) {
                continue;
            }
            try {
                if (!fusions.emit(t, n)) {
                    translateNode(t, n);
                }
            } catch (ShapeMismatchException | UnsupportedLayerException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw Translation.unsupported(n, e.getMessage());
            }
        }
        Object out = t.values.get(model.outputName());
        if (!(out instanceof Translation.Data d)) {
            throw new UnsupportedLayerException(model.outputName(), "output",
                    "the model's output does not depend on its input");
        }
        return builder.build(d.id());
    }

    private ConstTensor initializer(NodeProto n, String name) {
        ConstTensor c = initializers.get(name);
        if (c == null) {
            try {
                c = Tensors.decode(initializerProtos.get(name));
            } catch (IllegalArgumentException e) {
                throw Translation.unsupported(n, "its initializer '" + name + "' " + e.getMessage());
            }
            initializers.put(name, c);
        }
        return c;
    }

    private static boolean defaultDomain(NodeProto n) {
        return n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx");
    }

    private static boolean allConstant(Translation t, NodeProto n) {
        for (String in : n.getInputList()) {
            if (!in.isEmpty() && !(t.values.get(in) instanceof ConstTensor)) {
                return false;
            }
        }
        return true;
    }

    private static void fold(Translation t, NodeProto n) {
        List<ConstTensor> inputs = new ArrayList<>();
        for (String in : n.getInputList()) {
            inputs.add(in.isEmpty() ? null : (ConstTensor) t.values.get(in));
        }
        List<ConstTensor> outs;
        try {
            outs = ConstantFolder.fold(n, inputs, t.opset);
        } catch (IllegalArgumentException | ArithmeticException | IndexOutOfBoundsException e) {
            throw Translation.unsupported(n, "constant folding failed: it " + e.getMessage());
        }
        for (int i = 0; i < outs.size() && i < n.getOutputCount(); i++) {
            if (!n.getOutput(i).isEmpty()) {
                t.values.put(n.getOutput(i), outs.get(i));
            }
        }
    }

    private static void translateNode(Translation t, NodeProto n) {
        String op = n.getOpType();
        if (!defaultDomain(n)) {
            throw Translation.unsupported(n, "ops of domain '" + n.getDomain() + "' are not supported");
        }
        if (allConstant(t, n)) {
            if (!ConstantFolder.FOLDABLE.contains(op)) {
                throw Translation.unsupported(n, "all its inputs are constants, but this op cannot be folded");
            }
            fold(t, n);
            return;
        }
        try {
            switch (op) {
                case "Shape" -> t.values.put(n.getOutput(0),
                        ConstantFolder.shape(t.data(n, 0).fullDims(), Attributes.of(n)));
                case "Size" -> t.values.put(n.getOutput(0), ConstTensor.ofInts(new long[0],
                        new long[] {t.data(n, 0).size()}, OnnxTypes.INT64));
                case "Conv" -> SpatialOps.conv(t, n);
                case "ConvTranspose" -> SpatialOps.convTranspose(t, n);
                case "MaxPool" -> SpatialOps.maxPool(t, n);
                case "AveragePool" -> SpatialOps.averagePool(t, n);
                case "GlobalAveragePool", "GlobalMaxPool" -> SpatialOps.globalPool(t, n);
                case "ReduceMean", "ReduceMax", "ReduceSum" -> SpatialOps.reduce(t, n);
                case "BatchNormalization" -> SpatialOps.batchNorm(t, n);
                case "Pad" -> SpatialOps.pad(t, n);
                case "Resize", "Upsample" -> ResizeOps.resize(t, n);
                case "Gemm" -> DenseOps.gemm(t, n);
                case "MatMul" -> DenseOps.matMul(t, n);
                case "Add", "Sub", "Mul", "Div" -> ElementwiseOps.arithmetic(t, n);
                case "Sum" -> ElementwiseOps.sum(t, n);
                case "Neg" -> ElementwiseOps.neg(t, n);
                case "Abs" -> ElementwiseOps.abs(t, n);
                case "Relu", "LeakyRelu" -> ElementwiseOps.relu(t, n);
                case "PRelu" -> ElementwiseOps.prelu(t, n);
                case "Clip" -> ElementwiseOps.clip(t, n);
                case "Sigmoid", "Tanh", "Exp", "Erf", "Gelu" -> SmoothOps.unary(t, n);
                case "Softmax" -> SmoothOps.softmax(t, n);
                case "LayerNormalization" -> SmoothOps.layerNormalization(t, n);
                case "Gather" -> LayoutOps.gather(t, n);
                case "Slice" -> LayoutOps.slice(t, n);
                case "Identity", "Dropout", "Cast" -> ElementwiseOps.identity(t, n);
                case "Flatten" -> LayoutOps.flatten(t, n);
                case "Reshape" -> LayoutOps.reshape(t, n);
                case "Squeeze", "Unsqueeze" -> LayoutOps.squeeze(t, n);
                case "Transpose" -> LayoutOps.transpose(t, n);
                case "Concat" -> LayoutOps.concat(t, n);
                default -> throw Translation.unsupported(n, NONLINEAR.contains(op)
                        ? "has no IR translation (the IR's smooth ops are Sigmoid, Tanh, Exp, Erf, GELU, Softmax, "
                        + "LayerNorm and products of image tensors)"
                        : "no translation into the IR (on a tensor that depends on the image)");
            }
        } catch (ShapeMismatchException | UnsupportedLayerException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw Translation.unsupported(n, e.getMessage());
        }
    }
}
