package org.salientsi.api.image;

import java.util.Arrays;
import java.util.Objects;
import org.salientsi.api.error.InvalidPixelException;
import org.salientsi.api.error.ShapeMismatchException;

/**
 * An image with finite pixel values in channels-last (HWC) order. Immutable: the factories copy.
 *
 * <p>The flat index of pixel {@code (h, w)} channel {@code c} is {@code (h * W + w) * C + c}; this is
 * the index space of test directions ({@code eta}), covariance matrices and regions (a region
 * selects pixels, and a selected pixel brings all its channels).
 */
public final class Image {

    private final ImageShape shape;
    private final double[] values;
    private final String name;

    private Image(ImageShape shape, double[] values, String name) {
        this.shape = shape;
        this.values = values;
        this.name = name;
    }

    /**
     * @param name a label used in error messages and results (a file name), or {@code null}
     * @param shape the shape
     * @param hwc values in HWC order, copied
     * @return the image
     * @throws ShapeMismatchException if the length does not match the shape
     * @throws InvalidPixelException if a value is NaN or infinite
     */
    public static Image of(String name, ImageShape shape, double[] hwc) {
        Objects.requireNonNull(shape, "shape");
        if (hwc.length != shape.size()) {
            throw new ShapeMismatchException(label(name) + " has " + hwc.length + " values, shape " + shape
                    + " needs " + shape.size());
        }
        for (int i = 0; i < hwc.length; i++) {
            if (!Double.isFinite(hwc[i])) {
                int c = i % shape.channels();
                int p = i / shape.channels();
                throw new InvalidPixelException(label(name) + " has a " + (Double.isNaN(hwc[i]) ? "NaN" : "non-finite")
                        + " pixel at row " + p / shape.width() + ", column " + p % shape.width()
                        + (shape.channels() > 1 ? ", channel " + c : "") + ": " + hwc[i]);
            }
        }
        return new Image(shape, hwc.clone(), name);
    }

    /**
     * @param shape the shape
     * @param hwc values in HWC order, copied
     * @return an unnamed image
     */
    public static Image of(ImageShape shape, double[] hwc) {
        return of(null, shape, hwc);
    }

    /**
     * @param height rows
     * @param width columns
     * @param values row-major grey values, copied
     * @return a one-channel image
     */
    public static Image grey(int height, int width, double[] values) {
        return of(null, ImageShape.of(height, width, 1), values);
    }

    private static String label(String name) {
        return name == null ? "image" : "image " + name;
    }

    /** @return the shape */
    public ImageShape shape() {
        return shape;
    }

    /** @return the label, or {@code null} */
    public String name() {
        return name;
    }

    /**
     * @param newName a label
     * @return this image with another label
     */
    public Image withName(String newName) {
        return new Image(shape, values, newName);
    }

    /**
     * @param h row
     * @param w column
     * @param c channel
     * @return the value
     */
    public double get(int h, int w, int c) {
        return values[shape.index(h, w, c)];
    }

    /** @return a copy of the values in HWC order */
    public double[] toArray() {
        return values.clone();
    }

    /** @return a copy of the values in CHW order (the IR's layout) */
    public double[] toChw() {
        int hw = shape.pixels();
        int ch = shape.channels();
        double[] out = new double[values.length];
        for (int p = 0; p < hw; p++) {
            for (int c = 0; c < ch; c++) {
                out[c * hw + p] = values[p * ch + c];
            }
        }
        return out;
    }

    /**
     * Copies the values into {@code out} in HWC order.
     *
     * @param out destination
     * @param offset where to start
     */
    public void copyTo(double[] out, int offset) {
        System.arraycopy(values, 0, out, offset, values.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Image i && shape.equals(i.shape) && Arrays.equals(values, i.values);
    }

    @Override
    public int hashCode() {
        return shape.hashCode() * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return label(name) + " " + shape;
    }
}
