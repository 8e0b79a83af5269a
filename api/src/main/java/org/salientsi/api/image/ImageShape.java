package org.salientsi.api.image;

import org.salientsi.api.error.InvalidValueException;

/**
 * The shape of an image: {@code height x width x channels}, channels last (the layout of a NumPy
 * {@code (H, W)} or {@code (H, W, C)} array). Immutable.
 *
 * @param height rows, {@code >= 1}
 * @param width columns, {@code >= 1}
 * @param channels channels, {@code >= 1}
 */
public record ImageShape(int height, int width, int channels) implements java.io.Serializable {

    /**
     * @throws InvalidValueException if a dimension is below 1 or the size overflows an int
     */
    public ImageShape {
        if (height < 1 || width < 1 || channels < 1) {
            throw InvalidValueException.of("image dimensions must be >= 1, got %dx%dx%d", height, width, channels);
        }
        if ((long) height * width * channels > Integer.MAX_VALUE) {
            throw InvalidValueException.of("image too large: %dx%dx%d", height, width, channels);
        }
    }

    /**
     * @param height rows
     * @param width columns
     * @param channels channels
     * @return the shape
     */
    public static ImageShape of(int height, int width, int channels) {
        return new ImageShape(height, width, channels);
    }

    /**
     * @param text {@code HxW} or {@code HxWxC}, e.g. {@code 8x8} or {@code 32x32x3}
     * @return the shape
     * @throws InvalidValueException if the text is not of that form
     */
    public static ImageShape parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().toLowerCase(java.util.Locale.ROOT).split("x");
        if (parts.length < 2 || parts.length > 3) {
            throw InvalidValueException.of("an image shape is HxW or HxWxC, got '%s'", text);
        }
        try {
            return of(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()),
                    parts.length == 3 ? Integer.parseInt(parts[2].trim()) : 1);
        } catch (NumberFormatException e) {
            throw InvalidValueException.of("an image shape is HxW or HxWxC, got '%s'", text);
        }
    }

    /** @return {@code height * width}, the number of pixels */
    public int pixels() {
        return height * width;
    }

    /** @return {@code height * width * channels}, the number of values */
    public int size() {
        return height * width * channels;
    }

    /**
     * @param h row
     * @param w column
     * @param c channel
     * @return the index of that value in channels-last (HWC) order
     */
    public int index(int h, int w, int c) {
        if (h < 0 || h >= height || w < 0 || w >= width || c < 0 || c >= channels) {
            throw new IndexOutOfBoundsException("(" + h + ", " + w + ", " + c + ") outside " + this);
        }
        return (h * width + w) * channels + c;
    }

    @Override
    public String toString() {
        return channels == 1 ? height + "x" + width : height + "x" + width + "x" + channels;
    }
}
