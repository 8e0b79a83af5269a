package org.salientsi.backend.onnx;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.error.ModelLoadException;
import org.salientsi.api.error.ShapeMismatchException;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.ir.Network;
import org.salientsi.backend.onnx.model.ImageInput;
import org.salientsi.backend.onnx.model.OnnxModelFile;
import org.salientsi.backend.onnx.runtime.OrtRunner;
import org.salientsi.backend.onnx.translate.GraphTranslator;

/**
 * A loaded ONNX model: its IR for the default input size, the IR for other sizes when the model's
 * spatial size is dynamic (translated on first request and cached), and an ONNX Runtime session that
 * opens on the first {@link #predict} and closes with {@link #close()}. Thread-safe.
 */
final class OnnxLoadedModel implements LoadedModel {

    private final OnnxModelFile model;
    private final GraphTranslator translator;
    private final ImageShape imageShape;
    private final Network network;
    private final Map<ImageShape, Network> networks = new ConcurrentHashMap<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private OrtRunner runner;
    private boolean closed;

    OnnxLoadedModel(OnnxModelFile model, GraphTranslator translator, ImageShape imageShape, Network network) {
        this.model = model;
        this.translator = translator;
        this.imageShape = imageShape;
        this.network = network;
        networks.put(imageShape, network);
    }

    /** {@inheritDoc} */
    @Override
    public String backend() {
        return OnnxBackendProvider.NAME;
    }

    /** {@inheritDoc} */
    @Override
    public String sha256() {
        return model.sha256();
    }

    /**
     * @return the model's image shape; a dynamic height, width or channel count takes the load
     *     options' value or the backend's default
     */
    @Override
    public ImageShape imageShape() {
        return imageShape;
    }

    /** {@inheritDoc} */
    @Override
    public Network network() {
        return network;
    }

    /**
     * The IR for images of the given shape: the model's own shape, or any shape whose fixed
     * dimensions match the model's input when some are dynamic.
     *
     * @param shape an image shape
     * @return the network
     * @throws ShapeMismatchException if the model cannot take that shape (the message names both)
     */
    @Override
    public Network network(ImageShape shape) {
        checkFits(shape);
        return networks.computeIfAbsent(shape, s -> {
            try {
                return translator.translate(s.channels(), s.height(), s.width());
            } catch (ShapeMismatchException e) {
                throw new ShapeMismatchException(model.fileName() + " cannot take a " + s + " image: "
                        + e.getMessage());
            }
        });
    }

    private void checkFits(ImageShape shape) {
        ImageInput in = model.input();
        long[] d = in.dims();
        boolean fits = (d[1] < 0 || d[1] == shape.channels()) && (d[2] < 0 || d[2] == shape.height())
                && (d[3] < 0 || d[3] == shape.width());
        if (!fits) {
            String channels = d[1] > 0 && d[1] != shape.channels()
                    ? " with " + shape.channels() + (shape.channels() == 1 ? " channel" : " channels")
                    + " where the model takes " + d[1] : "";
            throw new ShapeMismatchException("model " + model.fileName() + " takes " + accepted(d) + " images ("
                    + in + "), got " + shape + channels);
        }
    }

    private static String accepted(long[] d) {
        String h = d[2] < 0 ? "?" : Long.toString(d[2]);
        String w = d[3] < 0 ? "?" : Long.toString(d[3]);
        String c = d[1] < 0 ? "?" : Long.toString(d[1]);
        return h + "x" + w + (d[1] == 1 ? "" : "x" + c);
    }

    /**
     * Runs the model in ONNX Runtime (float32 models get float32 input).
     *
     * @param image an image whose shape the model takes
     * @return the first graph output, row-major without the batch axis (CHW for a 4-D output)
     * @throws ShapeMismatchException if the model cannot take the image's shape
     * @throws IllegalStateException if the model is closed or ONNX Runtime fails
     */
    @Override
    public double[] predict(Image image) {
        ImageShape s = image.shape();
        checkFits(s);
        double[] chw = image.toChw();
        lock.readLock().lock();
        try {
            if (runner == null) {
                open();
            }
            return runner.run(chw, s.channels(), s.height(), s.width());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Opens the session; called with the read lock held, returns with it held (lock downgrade). */
    private void open() {
        lock.readLock().unlock();
        lock.writeLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("model " + model.fileName() + " is closed");
            }
            if (runner == null) {
                runner = OrtRunner.open(model);
            }
        } catch (ModelLoadException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } finally {
            lock.readLock().lock();
            lock.writeLock().unlock();
        }
    }

    /** Closes the ONNX Runtime session, if one was opened. Idempotent. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            closed = true;
            if (runner != null) {
                runner.close();
                runner = null;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "OnnxLoadedModel[" + model.fileName() + ", " + model.input() + ", opset " + model.opset() + "]";
    }
}
