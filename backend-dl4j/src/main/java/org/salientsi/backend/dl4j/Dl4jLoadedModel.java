package org.salientsi.backend.dl4j;

import java.nio.file.Path;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.error.ShapeMismatchException;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.ir.Network;
import org.salientsi.backend.dl4j.translate.IrTranslator;
import org.salientsi.backend.dl4j.translate.Layout;

/**
 * A model loaded by the {@code dl4j} backend: the IR, and the DL4J network for {@link #predict}. The IR
 * is immutable; {@code predict} and {@code close} are synchronized (DL4J networks are not thread-safe).
 */
final class Dl4jLoadedModel implements LoadedModel {

    private final Path file;
    private final String sha256;
    private final ImageShape shape;
    private final Network network;
    private final Layout inputLayout;
    private final Layout outputLayout;
    private final DataType dtype;
    private Model model;

    Dl4jLoadedModel(Path file, String sha256, ImageShape shape, IrTranslator.Result ir, Model model, DataType dtype) {
        this.file = file;
        this.sha256 = sha256;
        this.shape = shape;
        this.network = ir.network();
        this.inputLayout = ir.inputLayout();
        this.outputLayout = ir.outputLayout();
        this.model = model;
        this.dtype = dtype;
    }

    /** {@inheritDoc} */
    @Override
    public String backend() {
        return Dl4jBackendProvider.NAME;
    }

    /** {@inheritDoc} */
    @Override
    public String sha256() {
        return sha256;
    }

    /** {@inheritDoc} */
    @Override
    public ImageShape imageShape() {
        return shape;
    }

    /** {@inheritDoc} */
    @Override
    public Network network() {
        return network;
    }

    /**
     * Runs DL4J's own forward pass (inference mode) in the precision chosen at load time (double by
     * default), with the image laid out as the model expects (channels last for Keras models).
     *
     * @param image an image of {@link #imageShape()}
     * @return the output in CHW order, as the IR's output node
     * @throws ShapeMismatchException if the image's shape is not the model's (DL4J itself would accept
     *     some wrong sizes silently)
     * @throws IllegalStateException after {@link #close()}
     */
    @Override
    public synchronized double[] predict(Image image) {
        if (!image.shape().equals(shape)) {
            throw new ShapeMismatchException("the model takes " + shape + " images, got " + image.shape()
                    + (image.name() == null ? "" : " (" + image.name() + ")"));
        }
        if (model == null) {
            throw new IllegalStateException("the model " + file.getFileName() + " is closed");
        }
        int h = shape.height();
        int w = shape.width();
        int c = shape.channels();
        INDArray x = switch (inputLayout) {
            case NHWC -> Nd4j.create(image.toArray(), new long[] {1, h, w, c}, dtype);
            case NCHW -> Nd4j.create(image.toChw(), new long[] {1, c, h, w}, dtype);
            case FLAT -> Nd4j.create(image.toArray(), new long[] {1, (long) h * w * c}, dtype);
        };
        INDArray y = model instanceof ComputationGraph g ? g.output(false, x)[0]
                : ((MultiLayerNetwork) model).output(x, false);
        if (y.rank() == 4 && outputLayout == Layout.NHWC) {
            y = y.permute(0, 3, 1, 2);
        }
        double[] out = Nd4j.toFlattened('c', y.castTo(DataType.DOUBLE)).toDoubleVector();
        if (out.length != network.outputShape().size()) {
            throw new IllegalStateException("DL4J returned " + out.length + " values, the IR's output has shape "
                    + network.outputShape());
        }
        return out;
    }

    /** {@inheritDoc} */
    @Override
    public synchronized void close() {
        if (model != null) {
            Dl4jBackend.close(model);
            model = null;
        }
    }

    @Override
    public String toString() {
        return "Dl4jLoadedModel[" + file.getFileName() + ", " + shape + ", " + network.size() + " IR nodes]";
    }
}
