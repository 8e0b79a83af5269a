package org.salientsi.backend.dl4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.backend.ModelBackend;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.ModelLoadException;
import org.salientsi.api.error.ShapeMismatchException;
import org.salientsi.api.error.UnsupportedLayerException;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.spi.Parameters;
import org.salientsi.backend.dl4j.io.Imported;
import org.salientsi.backend.dl4j.io.KerasImporter;
import org.salientsi.backend.dl4j.io.ModelFiles;
import org.salientsi.backend.dl4j.io.ZipImporter;
import org.salientsi.backend.dl4j.translate.Dl4jGraph;
import org.salientsi.backend.dl4j.translate.InputSpec;
import org.salientsi.backend.dl4j.translate.IrTranslator;
import org.salientsi.backend.dl4j.translate.Layout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads Keras HDF5 files and DL4J model zips and translates them into the IR. Thread-safe.
 *
 * <p>Formats, told apart by their first bytes:
 * <ul>
 *   <li>Keras 1/2 HDF5 ({@code model.save('m.h5')}): functional models through
 *       {@code KerasModelImport.importKerasModelAndWeights(path, false)} semantics, {@code Sequential}
 *       models as a {@code MultiLayerNetwork}; the image shape is the Keras input's;</li>
 *   <li>DL4J zips of a {@code ComputationGraph} or {@code MultiLayerNetwork}; DL4J does not store the
 *       input type, so the image shape comes from an {@code InputType.convolutionalFlat} preprocessor,
 *       or from the option {@code image-shape}.</li>
 * </ul>
 * Keras 3 files ({@code .keras} zips, or HDF5 files with a {@code keras_version} of 3) are refused with
 * advice on re-saving them as Keras 2 HDF5.
 *
 * <p>Options of {@link #load}:
 * <ul>
 *   <li>{@code image-shape=HxW} or {@code HxWxC}: the image shape, required for DL4J zips whose layers
 *       accept any size, and checked against the model's own where it records one;</li>
 *   <li>{@code dtype=double} (default) or {@code float}: the precision of {@code predict}; in double the
 *       IR equals DL4J's output to about 1e-12 relative, in float to about 1e-6.</li>
 * </ul>
 */
public final class Dl4jBackend implements ModelBackend {

    /** The option giving the image shape, {@code HxW} or {@code HxWxC}. */
    public static final String OPTION_IMAGE_SHAPE = ModelBackend.OPTION_IMAGE_SHAPE;
    /** The option giving the precision of {@code predict}: {@code double} or {@code float}. */
    public static final String OPTION_DTYPE = "dtype";

    private static final Logger LOG = LoggerFactory.getLogger(Dl4jBackend.class);
    private static final Pattern SHAPE = Pattern.compile("\\s*(\\d+)\\s*[xX]\\s*(\\d+)\\s*(?:[xX]\\s*(\\d+)\\s*)?");
    private static final String VERSION = readVersion();

    /** Creates the backend; ND4J's native libraries load on the first {@link #load}. */
    Dl4jBackend() {
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return Dl4jBackendProvider.NAME;
    }

    /** @return the Deeplearning4j version, for provenance */
    @Override
    public String version() {
        return VERSION;
    }

    /**
     * {@inheritDoc}
     *
     * @throws ShapeMismatchException if the option {@code image-shape} contradicts the model, or does not
     *     fit its layers
     * @throws InvalidInputException if an option is malformed
     */
    @Override
    public LoadedModel load(Path file, Parameters options) throws ModelLoadException {
        Objects.requireNonNull(file, "file");
        Parameters opts = options == null ? Parameters.empty() : options;
        ImageShape requested = imageShape(opts);
        DataType dtype = dtype(opts);
        long start = System.nanoTime();

        ModelFiles.FileInfo info = ModelFiles.inspect(file);
        String sha256 = ModelFiles.sha256(file);
        ensureNd4j(file);
        Imported imported = info.format() == ModelFiles.Format.HDF5 ? KerasImporter.load(file)
                : ZipImporter.load(file);
        Model model = imported.model();
        Model runtime = null;
        boolean loaded = false;
        try {
            Dl4jGraph graph = Dl4jGraph.of(model);
            if (graph.inputs().size() != 1 || graph.outputs().size() != 1) {
                throw new ModelLoadException(file, "has inputs " + graph.inputs() + " and outputs " + graph.outputs()
                        + "; SalientSI takes models with one input and one output", null);
            }
            InputSpec spec = InputSpec.detect(graph);
            Layout layout = spec.layout() == null ? Layout.NCHW : spec.layout();
            ImageShape recorded = spec.shape();
            InputType type = imported.inputType();
            if (type instanceof InputType.InputTypeConvolutional c) {
                recorded = c.getHeight() > 0 && c.getWidth() > 0 && c.getChannels() > 0
                        ? ImageShape.of((int) c.getHeight(), (int) c.getWidth(), (int) c.getChannels()) : recorded;
                layout = spec.layout() == null ? Layout.of(c.getFormat()) : layout;
            } else if (type instanceof InputType.InputTypeConvolutionalFlat c) {
                recorded = ImageShape.of((int) c.getHeight(), (int) c.getWidth(), (int) c.getDepth());
            } else if (type instanceof InputType.InputTypeFeedForward) {
                layout = Layout.FLAT;
            } else if (type != null) {
                throw new UnsupportedLayerException(graph.inputs().get(0), type.getClass().getSimpleName(),
                        "the IR takes image models (convolutional or flat input), not " + type);
            }
            ImageShape shape = resolveShape(file, requested, recorded, layout);
            IrTranslator.Result ir;
            try {
                ir = IrTranslator.translate(graph, shape, layout);
            } catch (ShapeMismatchException e) {
                throw new ShapeMismatchException(file.getFileName() + ": the " + shape + " image does not fit the "
                        + "model: " + e.getMessage());
            }
            runtime = convert(model, dtype);
            Dl4jLoadedModel result = new Dl4jLoadedModel(file, sha256, shape, ir, runtime, dtype);
            loaded = true;
            LOG.debug("{}: {} -> {} IR nodes, image {} ({} input), predict in {}, {} ms", file,
                    imported.description(), ir.network().size(), shape, layout, dtype,
                    (System.nanoTime() - start) / 1_000_000);
            return result;
        } finally {
            if (runtime != model) {
                close(model); // the network as read, once converted (or after a failure)
            }
            if (!loaded && runtime != null) {
                close(runtime);
            }
        }
    }

    private static ImageShape resolveShape(Path file, ImageShape requested, ImageShape recorded, Layout layout)
            throws ModelLoadException {
        if (requested != null && recorded != null && !requested.equals(recorded)) {
            throw new ShapeMismatchException(file.getFileName() + ": the model takes " + recorded + " images, the "
                    + "option " + OPTION_IMAGE_SHAPE + " says " + requested);
        }
        if (requested != null) {
            return requested;
        }
        if (recorded != null) {
            return recorded;
        }
        String why = layout == Layout.FLAT ? "takes flat vectors, and nothing records how images map onto them"
                : "does not record its input size (DL4J zips keep no input type, and its first layers accept any "
                        + "size)";
        throw new ModelLoadException(file, why + "; pass the backend option " + OPTION_IMAGE_SHAPE
                + "=HxWxC (or HxW for one channel; on the command line --image-shape)", null);
    }

    private static Model convert(Model model, DataType dtype) {
        if (model instanceof ComputationGraph g) {
            return g.params().dataType() == dtype ? g : g.convertDataType(dtype);
        }
        MultiLayerNetwork n = (MultiLayerNetwork) model;
        return n.params().dataType() == dtype ? n : n.convertDataType(dtype);
    }

    static void close(Model model) {
        try {
            if (model instanceof ComputationGraph g) {
                g.close();
            } else if (model instanceof MultiLayerNetwork n) {
                n.close();
            }
        } catch (RuntimeException e) {
            LOG.debug("closing a DL4J network failed", e);
        }
    }

    /** Loads ND4J's native backend, turning a failure into a one-line error. */
    private static void ensureNd4j(Path file) throws ModelLoadException {
        try {
            Nd4j.getBackend();
        } catch (RuntimeException | LinkageError e) {
            throw new ModelLoadException(file, "cannot be loaded: the ND4J native runtime is unavailable ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }

    private static ImageShape imageShape(Parameters options) {
        String value = options.get(OPTION_IMAGE_SHAPE).orElse(null);
        if (value == null) {
            return null;
        }
        Matcher m = SHAPE.matcher(value);
        if (!m.matches()) {
            throw new InvalidInputException("option " + OPTION_IMAGE_SHAPE + " must be HxW or HxWxC, got '" + value
                    + "'");
        }
        try {
            return ImageShape.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    m.group(3) == null ? 1 : Integer.parseInt(m.group(3)));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("option " + OPTION_IMAGE_SHAPE + " is out of range: '" + value + "'", e);
        }
    }

    private static DataType dtype(Parameters options) {
        String value = options.get(OPTION_DTYPE).orElse("double").strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "double", "float64" -> DataType.DOUBLE;
            case "float", "float32" -> DataType.FLOAT;
            default -> throw new InvalidInputException("option " + OPTION_DTYPE + " must be double or float, got '"
                    + value + "'");
        };
    }

    private static String readVersion() {
        try (InputStream in = Dl4jBackend.class.getResourceAsStream("backend.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("dl4j.version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public String toString() {
        return "Dl4jBackend[DL4J " + VERSION + "]";
    }
}
