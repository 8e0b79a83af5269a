package org.salientsi.api.backend;

import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.ir.Network;

/**
 * A model loaded by a backend: its IR, and its native runtime for cross-checks. The IR is immutable
 * and shared across threads; {@link #predict} may hold native resources released by {@link #close()}.
 */
public interface LoadedModel extends AutoCloseable {

    /** @return the backend's name */
    String backend();

    /** @return the SHA-256 of the model file, lower-case hex */
    String sha256();

    /** @return the shape of the images the model takes (channels last) */
    ImageShape imageShape();

    /**
     * @return whether the model takes only {@link #imageShape()}; false when its height and width are
     *     dynamic (then {@link #network(ImageShape)} builds the IR for other sizes)
     */
    default boolean fixedSize() {
        return true;
    }

    /**
     * @return the model in the IR for its own input size
     */
    Network network();

    /**
     * The IR for an image of the given shape; models with a fixed input size accept only their own.
     *
     * @param shape an image shape
     * @return the network
     * @throws org.salientsi.api.error.ShapeMismatchException if the model cannot take that shape
     */
    default Network network(ImageShape shape) {
        if (!shape.equals(imageShape())) {
            throw new org.salientsi.api.error.ShapeMismatchException("the model takes " + imageShape()
                    + " images, got " + shape);
        }
        return network();
    }

    /**
     * Runs the model in its native runtime.
     *
     * @param image an image of {@link #imageShape()}
     * @return the output (CHW order, as the IR's output node)
     */
    double[] predict(Image image);

    /** Releases native resources. */
    @Override
    void close();
}
