package org.salientsi.io;

import java.util.Arrays;
import java.util.Objects;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.ShapeMismatchException;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;

/**
 * An array read from a {@code .npy} file (or built for one), held in C (row-major) order as doubles: every
 * element type {@link Npy} reads converts to a double exactly.
 *
 * @param file the file's name, for messages
 * @param shape the dimensions; empty for a scalar
 * @param dtype the element type the file holds
 * @param data the values, C order; {@code data.length} is the product of the dimensions
 */
public record NpyArray(String file, int[] shape, NpyDtype dtype, double[] data) {

    /**
     * Copies the arrays.
     *
     * @throws InvalidInputException if a dimension is negative or the data's length is not the shape's size
     */
    public NpyArray {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(dtype, "dtype");
        shape = shape.clone();
        data = data.clone();
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new InvalidInputException(file + " has a negative dimension in shape " + Arrays.toString(shape));
            }
        }
        // a zero dimension makes the array empty whatever the others are (as the header reader counts it)
        if (Arrays.stream(shape).anyMatch(d -> d == 0)) {
            n = 0;
        }
        for (int d : n == 0 ? new int[0] : shape) {
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                throw new InvalidInputException(file + " has shape " + Arrays.toString(shape)
                        + ": its element count overflows a 64-bit integer", e);
            }
        }
        if (n != data.length) {
            throw new InvalidInputException(file + ": shape " + Arrays.toString(shape) + " needs " + n
                    + " values, got " + data.length);
        }
    }

    /**
     * @param file the file's name
     * @param shape the dimensions
     * @param data the values, C order
     * @return a float64 array
     */
    public static NpyArray of(String file, int[] shape, double[] data) {
        return new NpyArray(file, shape, NpyDtype.FLOAT64, data);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public double[] data() {
        return data.clone();
    }

    /** @return the element count */
    public int size() {
        return data.length;
    }

    /**
     * @return the array as an image: shape {@code (H, W)} or {@code (H, W, C)}, channels last
     * @throws FileFormatException for an array of another than a float dtype
     * @throws ShapeMismatchException for any other shape
     * @throws org.salientsi.api.error.InvalidPixelException for NaN or infinite values
     */
    public Image toImage() {
        requireFloat("image");
        if (shape.length == 2 && shape[0] > 0 && shape[1] > 0) {
            return Image.of(file, ImageShape.of(shape[0], shape[1], 1), data);
        }
        if (shape.length == 3 && shape[0] > 0 && shape[1] > 0 && shape[2] > 0) {
            return Image.of(file, ImageShape.of(shape[0], shape[1], shape[2]), data);
        }
        throw new ShapeMismatchException("image " + file + " has shape " + Arrays.toString(shape)
                + "; images are (H, W) or (H, W, C) arrays, channels last, without empty dimensions");
    }

    /**
     * @param n the expected order
     * @return the values of an {@code n x n} matrix, row-major
     * @throws FileFormatException for an array of another than a float dtype
     * @throws ShapeMismatchException if the array is not {@code n x n}
     * @throws InvalidInputException for a NaN or infinite entry
     */
    public double[] toSquareMatrix(int n) {
        requireFloat("covariance");
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

    private void requireFloat(String role) {
        if (!dtype.kind().isFloat()) {
            throw new FileFormatException(file, file + " has dtype '" + dtype.descr() + "'; SalientSI reads float32 "
                    + "and float64 arrays as " + (role.equals("image") ? "images" : "covariances")
                    + " (numpy: a.astype('float64'))");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyArray a && a.file.equals(file) && Arrays.equals(a.shape, shape)
                && a.dtype.equals(dtype) && Arrays.equals(a.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, dtype) * 31 * 31 + Arrays.hashCode(shape) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "NpyArray[" + file + ", " + dtype + ", shape=" + Arrays.toString(shape) + "]";
    }
}
