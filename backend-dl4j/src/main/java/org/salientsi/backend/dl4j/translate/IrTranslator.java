package org.salientsi.backend.dl4j.translate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.salientsi.api.error.ShapeMismatchException;
import org.salientsi.api.error.UnsupportedLayerException;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.ir.Add;
import org.salientsi.api.ir.AvgPool;
import org.salientsi.api.ir.BatchNorm;
import org.salientsi.api.ir.Concat;
import org.salientsi.api.ir.Conv2d;
import org.salientsi.api.ir.ConvTranspose;
import org.salientsi.api.ir.Dense;
import org.salientsi.api.ir.Flatten;
import org.salientsi.api.ir.GlobalAvgPool;
import org.salientsi.api.ir.GlobalMaxPool;
import org.salientsi.api.ir.Identity;
import org.salientsi.api.ir.MaxPool;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Op;
import org.salientsi.api.ir.Pad;
import org.salientsi.api.ir.Padding;
import org.salientsi.api.ir.Reshape;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.ir.Upsample;

/**
 * Translates a DL4J network into the IR, by layer and vertex class (never by name):
 * <ul>
 *   <li>{@link ConvolutionLayer} (modes Same, Truncate and Strict; stride, dilation, bias) to
 *       {@link Conv2d}; weights {@code W} are {@code [out, in, kh, kw]} in both data formats;</li>
 *   <li>{@link SubsamplingLayer} MAX/AVG to {@link MaxPool}/{@link AvgPool} (the divisor of AVG follows
 *       {@code avgPoolIncludePadInDivisor});</li>
 *   <li>{@link GlobalPoolingLayer} AVG/MAX, {@link Upsampling2D} (nearest repeat),
 *       {@link BatchNormalization} (inference statistics, {@code var} or {@code log10stdev}),
 *       {@link ZeroPaddingLayer};</li>
 *   <li>{@link DenseLayer} and {@link OutputLayer} to {@link Dense} (DL4J's {@code W} is
 *       {@code [nIn, nOut]}, transposed), {@link ActivationLayer}, {@link LossLayer} (its activation
 *       only) and {@link DropoutLayer} (the identity in inference);</li>
 *   <li>{@link ElementWiseVertex} Add, {@link MergeVertex} on the channel axis,
 *       {@link PreprocessorVertex} and layer preprocessors: {@link CnnToFeedForwardPreProcessor} becomes
 *       a {@link Flatten} in the order of the tensor's actual layout (HWC for channels-last activations,
 *       as in Keras), {@link FeedForwardToCnnPreProcessor} a {@link Reshape}.</li>
 * </ul>
 * A layer's activation becomes a node of its own after the layer, anywhere in the network: ReLU, leaky
 * ReLU, sigmoid, tanh, softmax (along the axis DL4J uses, see {@link Activations}), exponential and exact
 * GELU (DL4J ignores the activation configured on batch-norm and dropout layers, and so does the
 * translation). Anything else is an {@link UnsupportedLayerException} naming the layer and its type.
 *
 * <p>Node names follow DL4J's vertex names, so that the node named after a layer holds what DL4J's
 * {@code feedForward} returns for that layer (its output after the activation): a layer with an
 * activation gives a node {@code "<layer>/preact"} followed by the activation node {@code "<layer>"};
 * an inserted flatten is named {@code "<layer>/flatten"}.
 */
public final class IrTranslator {

    /**
     * The translation.
     *
     * @param network the IR
     * @param inputLayout how DL4J expects the input array
     * @param outputLayout the layout of DL4J's output array
     */
    public record Result(Network network, Layout inputLayout, Layout outputLayout) {
    }

    private record Port(int node, Layout layout) {
    }

    private static final Set<Class<?>> LAYERS = Set.of(ConvolutionLayer.class, Deconvolution2D.class,
            SubsamplingLayer.class,
            GlobalPoolingLayer.class, Upsampling2D.class, BatchNormalization.class, ZeroPaddingLayer.class,
            DenseLayer.class, OutputLayer.class, LossLayer.class, ActivationLayer.class, DropoutLayer.class);

    private final Dl4jGraph graph;
    private final Network.Builder builder;
    private final Map<String, Port> ports = new HashMap<>();
    private final String output;

    private IrTranslator(Dl4jGraph graph, ImageShape shape) {
        this.graph = graph;
        this.builder = Network.builder(TensorShape.of(shape.channels(), shape.height(), shape.width()));
        this.output = graph.outputs().get(0);
    }

    /**
     * @param graph a network with one input and one output
     * @param shape the image shape (channels last) the network takes
     * @param inputLayout how DL4J expects the input array ({@link InputSpec#detect})
     * @return the IR and the layouts {@code predict} needs
     * @throws UnsupportedLayerException if a layer, vertex, preprocessor or activation has no translation
     * @throws ShapeMismatchException if the image shape does not fit the layers
     */
    public static Result translate(Dl4jGraph graph, ImageShape shape, Layout inputLayout) {
        return new IrTranslator(graph, shape).run(inputLayout);
    }

    private Result run(Layout inputLayout) {
        String input = graph.inputs().get(0);
        Port in = new Port(builder.input(), inputLayout);
        if (inputLayout == Layout.FLAT) {
            // a flat input is the image flattened channels last, as NumPy's x.reshape(-1)
            in = new Port(builder.add(input + "/flatten", new Flatten(Flatten.Order.HWC), builder.input()),
                    Layout.FLAT);
        }
        ports.put(input, in);
        for (Dl4jGraph.Vertex v : graph.vertices()) {
            ports.put(v.name(), vertex(v));
        }
        Port out = ports.get(output);
        return new Result(builder.build(out.node()), inputLayout, out.layout());
    }

    private Port vertex(Dl4jGraph.Vertex v) {
        List<Port> inputs = new ArrayList<>();
        for (String name : v.inputs()) {
            inputs.add(ports.get(name));
        }
        Object conf = v.conf();
        if (conf instanceof Layer layer) {
            return layer(v, layer, inputs);
        }
        String type = conf == null ? "null" : conf.getClass().getSimpleName();
        if (conf instanceof ElementWiseVertex e) {
            if (e.getOp() != ElementWiseVertex.Op.Add) {
                throw new UnsupportedLayerException(v.name(), type, "element-wise " + e.getOp()
                        + " has no IR translation (only Add)");
            }
            Layout layout = sameLayout(v.name(), type, inputs);
            return inputs.size() == 1 ? add(v.name(), new Identity(), layout, inputs.get(0).node())
                    : add(v.name(), new Add(), layout, nodes(inputs));
        }
        if (conf instanceof MergeVertex m) {
            Layout layout = sameLayout(v.name(), type, inputs);
            int axis = m.getMergeAxis();
            boolean channelAxis = switch (layout) {
                case FLAT -> axis == 1 || axis == -1;
                case NCHW -> axis == 1;
                case NHWC -> axis == 3 || axis == -1;
            };
            if (!channelAxis) {
                throw new UnsupportedLayerException(v.name(), type, "merges along axis " + axis + " of " + layout
                        + " activations; only concatenation along channels has an IR translation");
            }
            return inputs.size() == 1 ? add(v.name(), new Identity(), layout, inputs.get(0).node())
                    : add(v.name(), new Concat(), layout, nodes(inputs));
        }
        if (conf instanceof PreprocessorVertex p) {
            Port in = single(v.name(), type, inputs);
            Port out = preprocess(v.name(), true, p.getPreProcessor(), in);
            return out == in ? add(v.name(), new Identity(), in.layout(), in.node()) : out;
        }
        throw new UnsupportedLayerException(v.name(), type, "no IR translation for this vertex type");
    }

    private Port layer(Dl4jGraph.Vertex v, Layer layer, List<Port> inputs) {
        String name = v.name();
        String type = layer.getClass().getSimpleName();
        if (!LAYERS.contains(layer.getClass())) {
            throw new UnsupportedLayerException(name, type, "no IR translation for this layer type");
        }
        Port in = preprocess(name, false, v.preprocessor(), single(name, type, inputs));
        // DL4J applies the configured activation in these layers only (BatchNormalization and DropoutLayer
        // carry one in their configuration but ignore it in the forward pass)
        boolean applies = layer instanceof ConvolutionLayer || layer instanceof DenseLayer
                || layer instanceof OutputLayer || layer instanceof LossLayer || layer instanceof ActivationLayer;
        IActivation fn = !applies ? null : layer instanceof ActivationLayer a ? a.getActivationFn()
                : ((BaseLayer) layer).getActivationFn();
        boolean identity = fn == null || fn instanceof ActivationIdentity;
        String main = identity ? name : name + "/preact";
        Map<String, INDArray> params = v.params();
        Port out;
        if (layer instanceof Deconvolution2D d) {
            out = deconv(name, main, d, in, params);
        } else if (layer instanceof ConvolutionLayer c) {
            out = conv(name, main, c, in, params);
        } else if (layer instanceof SubsamplingLayer s) {
            out = subsampling(name, s, in);
        } else if (layer instanceof GlobalPoolingLayer g) {
            out = globalPooling(name, g, in);
        } else if (layer instanceof Upsampling2D u) {
            requireCnn(name, type, in, u.getFormat());
            int[] size = u.getSize();
            out = add(name, Upsample.repeat(size[0], size.length > 1 ? size[1] : size[0]), in.layout(), in.node());
        } else if (layer instanceof BatchNormalization bn) {
            out = batchNorm(name, bn, in, params);
        } else if (layer instanceof ZeroPaddingLayer z) {
            requireCnn(name, type, in, z.getDataFormat());
            int[] p = z.getPadding(); // top, bottom, left, right
            out = add(name, new Pad(Padding.of(p[0], p[2], p[1], p[3])), in.layout(), in.node());
        } else if (layer instanceof DenseLayer || layer instanceof OutputLayer) {
            out = dense(name, main, (FeedForwardLayer) layer, in, params);
        } else {
            // ActivationLayer, LossLayer (its activation only), DropoutLayer (identity in inference)
            if (identity) {
                return add(name, new Identity(), in.layout(), in.node());
            }
            out = in;
        }
        if (identity) {
            return out;
        }
        return add(name, Activations.of(fn, name, type, out.layout()), out.layout(), out.node());
    }

    private Port conv(String name, String node, ConvolutionLayer c, Port in, Map<String, INDArray> params) {
        String type = c.getClass().getSimpleName();
        requireCnn(name, type, in, c.getCnn2dDataFormat());
        TensorShape s = builder.shape(in.node());
        int[] k = c.getKernelSize();
        int[] stride = c.getStride();
        int[] dilation = c.getDilation();
        Padding padding = padding(name, type, c.getConvolutionMode(), c.getPadding(), s, k, stride, dilation);
        int out = (int) c.getNOut();
        int nIn = (int) c.getNIn();
        double[] w = param(params, "W", name, type, out, nIn, k[0], k[1]);
        double[] b = c.hasBias() ? param(params, "b", name, type, out) : null;
        Conv2d op = new Conv2d(out, nIn, k[0], k[1], w, b, stride[0], stride[1], dilation[0], dilation[1], padding, 1);
        return add(node, op, in.layout(), in.node());
    }

    /**
     * A transposed convolution. DL4J's Same mode gives {@code in * stride} outputs and crops
     * {@code floor((k - s) / 2)} at the top and left (libnd4j's deconv2d), which the IR expresses for
     * {@code k >= s}; Truncate and Strict crop the configured padding on both sides.
     */
    private Port deconv(String name, String node, Deconvolution2D d, Port in, Map<String, INDArray> params) {
        String type = d.getClass().getSimpleName();
        requireCnn(name, type, in, d.getCnn2dDataFormat());
        int[] k = d.getKernelSize();
        int[] stride = d.getStride();
        int[] dilation = d.getDilation();
        if (dilation != null && (dilation[0] != 1 || dilation[1] != 1)) {
            throw new UnsupportedLayerException(name, type, "transposed convolution with dilation "
                    + Arrays.toString(dilation) + " has no IR translation");
        }
        Padding padding;
        ConvolutionMode mode = d.getConvolutionMode();
        if (mode == ConvolutionMode.Same) {
            if (k[0] < stride[0] || k[1] < stride[1]) {
                throw new UnsupportedLayerException(name, type, "Same mode with kernel " + Arrays.toString(k)
                        + " smaller than the stride " + Arrays.toString(stride) + " has no IR translation");
            }
            int top = (k[0] - stride[0]) / 2;
            int left = (k[1] - stride[1]) / 2;
            padding = Padding.of(top, left, k[0] - stride[0] - top, k[1] - stride[1] - left);
        } else if (mode == ConvolutionMode.Truncate || mode == ConvolutionMode.Strict) {
            int[] p = d.getPadding();
            padding = Padding.of(p[0], p[1], p[0], p[1]);
        } else {
            throw new UnsupportedLayerException(name, type, "convolution mode " + mode + " has no IR translation");
        }
        int out = (int) d.getNOut();
        int nIn = (int) d.getNIn();
        double[] w = param(params, "W", name, type, nIn, out, k[0], k[1]);
        double[] b = d.hasBias() ? param(params, "b", name, type, out) : null;
        ConvTranspose op = new ConvTranspose(out, nIn, k[0], k[1], w, b, stride[0], stride[1], padding, 0, 0);
        return add(node, op, in.layout(), in.node());
    }

    private Port subsampling(String name, SubsamplingLayer s, Port in) {
        String type = s.getClass().getSimpleName();
        requireCnn(name, type, in, s.getCnn2dDataFormat());
        int[] dilation = s.getDilation();
        if (dilation != null && (dilation[0] != 1 || dilation[1] != 1)) {
            throw new UnsupportedLayerException(name, type, "pooling with dilation " + Arrays.toString(dilation)
                    + " has no IR translation");
        }
        int[] k = s.getKernelSize();
        int[] stride = s.getStride();
        Padding padding = padding(name, type, s.getConvolutionMode(), s.getPadding(), builder.shape(in.node()), k,
                stride, new int[] {1, 1});
        Op op;
        if (s.getPoolingType() == PoolingType.MAX) {
            op = new MaxPool(k[0], k[1], stride[0], stride[1], padding, false);
        } else if (s.getPoolingType() == PoolingType.AVG) {
            op = new AvgPool(k[0], k[1], stride[0], stride[1], padding, s.isAvgPoolIncludePadInDivisor(), false);
        } else {
            throw new UnsupportedLayerException(name, type, s.getPoolingType() + " pooling has no IR translation");
        }
        return add(name, op, in.layout(), in.node());
    }

    private Port globalPooling(String name, GlobalPoolingLayer g, Port in) {
        String type = g.getClass().getSimpleName();
        if (!in.layout().convolutional()) {
            throw new UnsupportedLayerException(name, type, "global pooling of a flat vector has no IR translation");
        }
        int[] dims = g.getPoolingDimensions();
        int[] spatial = in.layout() == Layout.NHWC ? new int[] {1, 2} : new int[] {2, 3};
        if (dims != null && !Arrays.equals(dims, spatial)) {
            throw new UnsupportedLayerException(name, type, "pools over dimensions " + Arrays.toString(dims) + " of "
                    + in.layout() + " activations; only the spatial dimensions have an IR translation");
        }
        Op op;
        if (g.getPoolingType() == PoolingType.AVG) {
            op = new GlobalAvgPool();
        } else if (g.getPoolingType() == PoolingType.MAX) {
            op = new GlobalMaxPool();
        } else {
            throw new UnsupportedLayerException(name, type, g.getPoolingType() + " global pooling has no IR "
                    + "translation");
        }
        return add(name, op, g.isCollapseDimensions() ? Layout.FLAT : in.layout(), in.node());
    }

    private Port batchNorm(String name, BatchNormalization bn, Port in, Map<String, INDArray> params) {
        String type = bn.getClass().getSimpleName();
        if (in.layout().convolutional()) {
            requireCnn(name, type, in, bn.getCnn2DFormat());
        }
        int n = (int) bn.getNOut();
        double[] mean = param(params, "mean", name, type, n);
        double[] var;
        if (bn.isUseLogStd()) {
            double[] log10std = param(params, "log10stdev", name, type, n);
            var = new double[n];
            for (int i = 0; i < n; i++) {
                double std = Math.pow(10.0, log10std[i]);
                var[i] = std * std;
            }
        } else {
            var = param(params, "var", name, type, n);
        }
        double[] gamma;
        double[] beta;
        if (bn.isLockGammaBeta()) {
            // DL4J's inference path applies locked values only when both differ from (1, 0); mirror it
            boolean applied = bn.getGamma() != 1.0 && bn.getBeta() != 0.0;
            gamma = new double[n];
            beta = new double[n];
            Arrays.fill(gamma, applied ? bn.getGamma() : 1.0);
            Arrays.fill(beta, applied ? bn.getBeta() : 0.0);
        } else {
            gamma = param(params, "gamma", name, type, n);
            beta = param(params, "beta", name, type, n);
        }
        TensorShape s = builder.shape(in.node());
        int channels = in.layout().convolutional() ? s.channels() : s.size();
        if (channels != n) {
            throw new ShapeMismatchException("layer '" + name + "': " + type + " has " + n + " channels, its input "
                    + "has shape " + s);
        }
        return add(name, new BatchNorm(gamma, beta, mean, var, bn.getEps()), in.layout(), in.node());
    }

    private Port dense(String name, String node, FeedForwardLayer layer, Port in, Map<String, INDArray> params) {
        String type = layer.getClass().getSimpleName();
        if (layer instanceof DenseLayer d && d.hasLayerNorm()) {
            throw new UnsupportedLayerException(name, type, "layer normalisation has no IR translation");
        }
        TensorShape s = builder.shape(in.node());
        if (in.layout().convolutional() && s.plane() > 1) {
            throw new UnsupportedLayerException(name, type, "reads a " + in.layout() + " activation of shape " + s
                    + " without a CnnToFeedForwardPreProcessor");
        }
        int nIn = (int) layer.getNIn();
        int nOut = (int) layer.getNOut();
        double[] w = param(params, "W", name, type, nIn, nOut);
        double[] t = new double[w.length];
        for (int i = 0; i < nIn; i++) {
            for (int o = 0; o < nOut; o++) {
                t[o * nIn + i] = w[i * nOut + o];
            }
        }
        boolean bias = layer instanceof DenseLayer d ? d.hasBias() : ((OutputLayer) layer).hasBias();
        double[] b = bias ? param(params, "b", name, type, nOut) : null;
        return add(node, new Dense(nIn, nOut, t, b), Layout.FLAT, in.node());
    }

    /**
     * Applies a layer's (or a {@link PreprocessorVertex}'s) input preprocessor.
     *
     * @param layer the layer or vertex name
     * @param bare whether the node takes the bare name (a preprocessor vertex) or a suffixed one
     * @return {@code in} itself when the preprocessor leaves the data unchanged
     */
    private Port preprocess(String layer, boolean bare, InputPreProcessor pre, Port in) {
        if (pre == null) {
            return in;
        }
        String type = pre.getClass().getSimpleName();
        TensorShape s = builder.shape(in.node());
        if (pre instanceof CnnToFeedForwardPreProcessor c) {
            if (!in.layout().convolutional()) {
                return in; // DL4J passes rank-2 input through
            }
            if (c.getInputHeight() > 0 && (c.getInputHeight() != s.height() || c.getInputWidth() != s.width()
                    || c.getNumChannels() != s.channels())) {
                throw new ShapeMismatchException("layer '" + layer + "': its " + type + " expects "
                        + c.getInputHeight() + "x" + c.getInputWidth() + "x" + c.getNumChannels()
                        + " activations, the IR has " + s.height() + "x" + s.width() + "x" + s.channels());
            }
            Flatten.Order order = in.layout() == Layout.NHWC ? Flatten.Order.HWC : Flatten.Order.CHW;
            return add(bare ? layer : layer + "/flatten", new Flatten(order), Layout.FLAT, in.node());
        }
        if (pre instanceof FeedForwardToCnnPreProcessor f) {
            if (in.layout().convolutional()) {
                return in; // DL4J passes rank-4 input through
            }
            TensorShape target = TensorShape.of((int) f.getNumChannels(), (int) f.getInputHeight(),
                    (int) f.getInputWidth());
            return add(bare ? layer : layer + "/reshape", new Reshape(target), Layout.NCHW, in.node());
        }
        throw new UnsupportedLayerException(layer, type, "no IR translation for this input preprocessor");
    }

    private Padding padding(String name, String type, ConvolutionMode mode, int[] pad, TensorShape s, int[] k,
                            int[] stride, int[] dilation) {
        if (mode == ConvolutionMode.Same) {
            // DL4J: top/left = floor(total / 2), the odd pixel at the bottom/right (as TensorFlow)
            return Padding.same(s.height(), s.width(), k[0], k[1], stride[0], stride[1], dilation[0], dilation[1],
                    true);
        }
        if (mode == ConvolutionMode.Truncate || mode == ConvolutionMode.Strict) {
            return Padding.of(pad[0], pad[1], pad[0], pad[1]);
        }
        throw new UnsupportedLayerException(name, type, "convolution mode " + mode + " has no IR translation");
    }

    private static void requireCnn(String name, String type, Port in, CNN2DFormat format) {
        if (!in.layout().convolutional()) {
            throw new UnsupportedLayerException(name, type, "expects a convolutional input but reads a flat vector");
        }
        if (Layout.of(format) != in.layout()) {
            throw new UnsupportedLayerException(name, type, "is configured for " + format + " but reads "
                    + in.layout() + " activations");
        }
    }

    private static Layout sameLayout(String name, String type, List<Port> inputs) {
        Layout layout = inputs.get(0).layout();
        for (Port p : inputs) {
            if (p.layout() != layout) {
                throw new UnsupportedLayerException(name, type, "combines activations of different layouts");
            }
        }
        return layout;
    }

    private static Port single(String name, String type, List<Port> inputs) {
        if (inputs.size() != 1) {
            throw new UnsupportedLayerException(name, type, "has " + inputs.size() + " inputs, expected one");
        }
        return inputs.get(0);
    }

    private static int[] nodes(List<Port> ports) {
        return ports.stream().mapToInt(Port::node).toArray();
    }

    private Port add(String name, Op op, Layout layout, int... inputs) {
        return new Port(builder.add(name, op, inputs), layout);
    }

    /** A parameter by DL4J key, as doubles in C order, checked against its expected shape. */
    private static double[] param(Map<String, INDArray> params, String key, String layer, String type,
                                  long... shape) {
        INDArray a = params.get(key);
        if (a == null) {
            throw new UnsupportedLayerException(layer, type, "parameter '" + key + "' is missing (found "
                    + params.keySet() + ")");
        }
        long expected = 1;
        for (long d : shape) {
            expected *= d;
        }
        long[] actual = a.shape();
        boolean vector = shape.length == 1 && a.length() == expected;
        if (!vector && !Arrays.equals(actual, shape)) {
            throw new UnsupportedLayerException(layer, type, "parameter '" + key + "' has shape "
                    + Arrays.toString(actual) + ", expected " + Arrays.toString(shape));
        }
        return Nd4j.toFlattened('c', a.castTo(DataType.DOUBLE)).toDoubleVector();
    }
}
