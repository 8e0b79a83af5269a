package org.salientsi.backend.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OrtEnvironment;
import java.nio.file.Path;
import java.util.Objects;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.backend.ModelBackend;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.ModelLoadException;
import org.salientsi.api.error.ShapeMismatchException;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.ir.Network;
import org.salientsi.api.spi.Parameters;
import org.salientsi.backend.onnx.model.Attributes;
import org.salientsi.backend.onnx.model.ImageInput;
import org.salientsi.backend.onnx.model.OnnxModelFile;
import org.salientsi.backend.onnx.translate.GraphTranslator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads {@code .onnx} files: reads and validates the protobuf, translates the graph into the IR, and
 * keeps the model's bytes for an ONNX Runtime session that opens on the first {@code predict}.
 * Thread-safe and stateless.
 *
 * <p>Options ({@link Parameters}), used only for dimensions the model leaves dynamic:
 * <ul>
 * <li>{@code height}, {@code width}: the default image size of a model whose spatial size is
 *     dynamic (default {@value #DEFAULT_DYNAMIC_SIZE}, or the first of 64, 128, 224, 256 and 512 that
 *     the network accepts); {@link LoadedModel#network(ImageShape)} takes any other size;</li>
 * <li>{@code channels}: the channels of a model whose channel count is dynamic (default: the first
 *     convolution's input channels, else 1).</li>
 * </ul>
 * A value that contradicts a fixed dimension of the model is refused.
 */
public final class OnnxBackend implements ModelBackend {

    /** The default height and width of a model with a dynamic spatial size. */
    public static final int DEFAULT_DYNAMIC_SIZE = 32;

    /** Sizes tried, in order, for a dynamic model too deep for the default size. */
    private static final int[] DYNAMIC_SIZES = {DEFAULT_DYNAMIC_SIZE, 64, 128, 224, 256, 512};

    private static final Logger LOG = LoggerFactory.getLogger(OnnxBackend.class);

    /** For {@link OnnxBackendProvider}. */
    OnnxBackend() {
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return OnnxBackendProvider.NAME;
    }

    /**
     * @return the version of ONNX Runtime on the class path (read from its jar, without loading the
     *     native library)
     */
    @Override
    public String version() {
        String v = OrtEnvironment.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }

    /**
     * {@inheritDoc}
     *
     * @throws ModelLoadException if the file is missing, empty, not an ONNX model, truncated, of an
     *     unsupported opset, stores tensors externally, has no or several image inputs, or an option
     *     contradicts the model's input shape
     * @throws org.salientsi.api.error.UnsupportedLayerException if a node that the output depends on
     *     has no IR translation (the message names the node and its op)
     */
    @Override
    public LoadedModel load(Path file, Parameters options) throws ModelLoadException {
        Objects.requireNonNull(file, "file");
        Parameters opts = expandImageShape(options == null ? Parameters.empty() : options);
        long start = System.nanoTime();
        OnnxModelFile model = OnnxModelFile.read(file);
        ImageShape shape = defaultShape(model, opts);
        GraphTranslator translator = new GraphTranslator(model);
        boolean searchSize = model.input().dynamicSpatialSize()
                && (opts.get("height").isEmpty() || opts.get("width").isEmpty());
        Network network = null;
        ShapeMismatchException mismatch = null;
        for (int size : searchSize ? DYNAMIC_SIZES : new int[] {0}) {
            ImageShape candidate = size == 0 ? shape : ImageShape.of(
                    model.input().dynamic(2) && opts.get("height").isEmpty() ? size : shape.height(),
                    model.input().dynamic(3) && opts.get("width").isEmpty() ? size : shape.width(), shape.channels());
            try {
                network = translator.translate(candidate.channels(), candidate.height(), candidate.width());
                shape = candidate;
                break;
            } catch (ShapeMismatchException e) {
                mismatch = mismatch == null ? e : mismatch;
            }
        }
        if (network == null) {
            throw new ModelLoadException(file, (searchSize
                    ? "has a dynamic size but fits none of the default sizes " + DEFAULT_DYNAMIC_SIZE + " to 512 "
                    + "(set the options height and width): "
                    : "does not fit its own input size " + shape + ": ") + mismatch.getMessage(), mismatch);
        }
        if (searchSize) {
            LOG.info("{}: {} has a dynamic size; default images are {} (options height, width)", model.fileName(),
                    model.input(), shape);
        }
        if (model.model().getGraph().getOutputCount() > 1) {
            LOG.info("{}: the graph has {} outputs; the backend uses the first, '{}'", model.fileName(),
                    model.model().getGraph().getOutputCount(), model.outputName());
        }
        LOG.debug("{}: opset {}, {} ONNX nodes -> {} IR nodes, input {} -> output {} ({} ms)", model.fileName(),
                model.opset(), model.nodes().size(), network.size(), model.input(), network.outputShape(),
                (System.nanoTime() - start) / 1_000_000);
        return new OnnxLoadedModel(model, translator, shape, network);
    }

    /** The shared option {@code image-shape=HxW[xC]} sets the options height, width and channels. */
    private static Parameters expandImageShape(Parameters opts) {
        String shape = opts.get(OPTION_IMAGE_SHAPE).orElse(null);
        if (shape == null) {
            return opts;
        }
        ImageShape s = ImageShape.parse(shape);
        return opts.with("height", Integer.toString(s.height())).with("width", Integer.toString(s.width()))
                .with("channels", Integer.toString(s.channels()));
    }

    private static ImageShape defaultShape(OnnxModelFile model, Parameters opts) throws ModelLoadException {
        ImageInput in = model.input();
        int c = dim(model, opts, in, 1, "channels", inferChannels(model));
        int h = dim(model, opts, in, 2, "height", DEFAULT_DYNAMIC_SIZE);
        int w = dim(model, opts, in, 3, "width", DEFAULT_DYNAMIC_SIZE);
        return ImageShape.of(h, w, c);
    }

    private static int dim(OnnxModelFile model, Parameters opts, ImageInput in, int axis, String key, int fallback)
            throws ModelLoadException {
        long fixed = in.dims()[axis];
        int option;
        try {
            option = opts.getInt(key, -1);
        } catch (InvalidInputException e) {
            throw new ModelLoadException(model.file(), e.getMessage(), e);
        }
        if (option == 0 || option < -1) {
            throw new ModelLoadException(model.file(), "option " + key + " must be >= 1, got " + option, null);
        }
        if (fixed > 0) {
            if (option > 0 && option != fixed) {
                throw new ModelLoadException(model.file(), "option " + key + "=" + option + " contradicts "
                        + in + ", whose " + key + " is fixed at " + fixed, null);
            }
            return Math.toIntExact(fixed);
        }
        return option > 0 ? option : fallback;
    }

    /** The input channels of the first convolution that reads the image, else 1. */
    private static int inferChannels(OnnxModelFile model) {
        String input = model.input().name();
        for (NodeProto n : model.nodes()) {
            if (n.getOpType().equals("Conv") && n.getInputCount() > 1 && n.getInput(0).equals(input)) {
                long group = Attributes.of(n).getInt("group", 1);
                for (TensorProto t : model.model().getGraph().getInitializerList()) {
                    if (t.getName().equals(n.getInput(1)) && t.getDimsCount() == 4) {
                        return Math.toIntExact(t.getDims(1) * group);
                    }
                }
            }
        }
        return 1;
    }

    @Override
    public String toString() {
        return "OnnxBackend[onnxruntime " + version() + "]";
    }
}
