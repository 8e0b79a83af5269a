package org.salientsi.api.ir;

import org.salientsi.api.error.InvalidValueException;

/**
 * The shape of one sample's tensor in the IR: channels x height x width (CHW). A vector of length n
 * is {@code (n, 1, 1)}.
 *
 * @param channels channels, {@code >= 1}
 * @param height rows, {@code >= 1}
 * @param width columns, {@code >= 1}
 */
public record TensorShape(int channels, int height, int width) implements java.io.Serializable {

    /**
     * @throws InvalidValueException if a dimension is below 1 or the size overflows an int
     */
    public TensorShape {
        if (channels < 1 || height < 1 || width < 1) {
            throw InvalidValueException.of("tensor dimensions must be >= 1, got (%d, %d, %d)", channels, height, width);
        }
        if ((long) channels * height * width > Integer.MAX_VALUE) {
            throw InvalidValueException.of("tensor too large: (%d, %d, %d)", channels, height, width);
        }
    }

    /**
     * @param channels channels
     * @param height rows
     * @param width columns
     * @return the shape
     */
    public static TensorShape of(int channels, int height, int width) {
        return new TensorShape(channels, height, width);
    }

    /**
     * @param n length
     * @return the shape {@code (n, 1, 1)}
     */
    public static TensorShape vector(int n) {
        return new TensorShape(n, 1, 1);
    }

    /** @return {@code channels * height * width} */
    public int size() {
        return channels * height * width;
    }

    /** @return {@code height * width} */
    public int plane() {
        return height * width;
    }

    /**
     * @param c channel
     * @param h row
     * @param w column
     * @return the flat CHW index
     */
    public int index(int c, int h, int w) {
        return (c * height + h) * width + w;
    }

    @Override
    public String toString() {
        return "(" + channels + ", " + height + ", " + width + ")";
    }
}
