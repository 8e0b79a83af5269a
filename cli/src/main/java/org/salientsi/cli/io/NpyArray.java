package org.salientsi.cli.io;

import java.util.Arrays;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.ShapeMismatchException;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;

/**
 * An array read from a {@code .npy} file, held in C (row-major) order as doubles.
 *
 * @param file the file's name, for messages
 * @param shape the dimensions
 * @param data the values, C order
 */
public record NpyArray(String file, int[] shape, double[] data) {

    /** Copies the arrays. */
    public NpyArray {
        shape = shape.clone();
        data = data.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public double[] data() {
        return data.clone();
    }

    /**
     * @return the array as an image: shape {@code (H, W)} or {@code (H, W, C)}, channels last
     * @throws ShapeMismatchException for any other shape
     * @throws org.salientsi.api.error.InvalidPixelException for NaN or infinite values
     */
    public Image toImage() {
        if (shape.length == 2) {
            return Image.of(file, ImageShape.of(shape[0], shape[1], 1), data);
        }
        if (shape.length == 3) {
            return Image.of(file, ImageShape.of(shape[0], shape[1], shape[2]), data);
        }
        throw new ShapeMismatchException("image " + file + " has shape " + Arrays.toString(shape)
                + "; images are (H, W) or (H, W, C) arrays, channels last");
    }

    /**
     * @param n the expected order
     * @return the values of an {@code n x n} matrix, row-major
     * @throws ShapeMismatchException if the array is not {@code n x n}
     */
    public double[] toSquareMatrix(int n) {
        if (shape.length != 2 || shape[0] != n || shape[1] != n) {
            throw new ShapeMismatchException("covariance " + file + " has shape " + Arrays.toString(shape)
                    + ", expected (" + n + ", " + n + ") for images of " + n + " values");
        }
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) {
                throw new InvalidInputException("covariance " + file + " has a non-finite entry at ("
                        + i / n + ", " + i % n + "): " + data[i]);
            }
        }
        return data.clone();
    }
}
