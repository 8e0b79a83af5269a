package org.salientsi.validation.spark;

import java.io.Serializable;
import java.util.Objects;
import org.salientsi.api.error.ShapeMismatchException;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;

/**
 * An image as it travels in a Spark task: its name, shape and values (read and checked by the driver), so that
 * an executor reads no file and needs no shared disk.
 *
 * @param name the image's label, or {@code null}
 * @param shape its shape
 * @param values its values, channels last
 */
public record ShippedImage(String name, ImageShape shape, double[] values) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * @throws ShapeMismatchException if the values do not fill the shape
     */
    public ShippedImage {
        Objects.requireNonNull(shape, "shape");
        if (values.length != shape.size()) {
            throw new ShapeMismatchException("a shipped image of shape " + shape + " has " + values.length
                    + " values");
        }
    }

    /**
     * @param image an image
     * @return it as it travels
     */
    public static ShippedImage of(Image image) {
        return new ShippedImage(image.name(), image.shape(), image.toArray());
    }

    /** @return the image again (its values checked again, as every image is) */
    public Image image() {
        return Image.of(name, shape, values);
    }
}
