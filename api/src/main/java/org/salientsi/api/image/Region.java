package org.salientsi.api.image;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import org.salientsi.api.error.InvalidValueException;

/**
 * A set of pixels of a {@code height x width} grid, the region a selector chose. Immutable.
 *
 * <p>In JSON a region is {@code height} rows of {@code width} numbers, 1 for a selected pixel.
 */
public final class Region {

    private final int height;
    private final int width;
    private final boolean[] mask;
    private final int size;

    private Region(int height, int width, boolean[] mask) {
        this.height = height;
        this.width = width;
        this.mask = mask;
        int s = 0;
        for (boolean b : mask) {
            s += b ? 1 : 0;
        }
        this.size = s;
    }

    /**
     * @param height rows
     * @param width columns
     * @param mask row-major membership, copied
     * @return the region
     */
    public static Region of(int height, int width, boolean[] mask) {
        if (height < 1 || width < 1 || mask.length != height * width) {
            throw InvalidValueException.of("region mask of length %d does not fit %dx%d", mask.length, height, width);
        }
        return new Region(height, width, mask.clone());
    }

    /** @return the number of rows */
    public int height() {
        return height;
    }

    /** @return the number of columns */
    public int width() {
        return width;
    }

    /** @return the number of selected pixels */
    public int size() {
        return size;
    }

    /** @return whether no pixel is selected */
    public boolean isEmpty() {
        return size == 0;
    }

    /** @return whether every pixel is selected */
    public boolean isFull() {
        return size == mask.length;
    }

    /**
     * @param pixel row-major pixel index
     * @return whether it is selected
     */
    public boolean contains(int pixel) {
        return mask[pixel];
    }

    /**
     * @param h row
     * @param w column
     * @return whether it is selected
     */
    public boolean contains(int h, int w) {
        if (h < 0 || h >= height || w < 0 || w >= width) {
            throw new IndexOutOfBoundsException("pixel (" + h + ", " + w + ") outside " + height + "x" + width);
        }
        return mask[h * width + w];
    }

    /** @return the selected row-major pixel indices in increasing order */
    public int[] pixels() {
        int[] out = new int[size];
        int k = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                out[k++] = i;
            }
        }
        return out;
    }

    /**
     * @param other a mask of the same length
     * @return whether it selects exactly these pixels
     */
    public boolean matches(boolean[] other) {
        return Arrays.equals(mask, other);
    }

    /** @return a copy of the row-major mask */
    public boolean[] toMask() {
        return mask.clone();
    }

    /** @return the JSON form: rows of 0/1 */
    @JsonValue
    public int[][] toJson() {
        int[][] rows = new int[height][width];
        for (int h = 0; h < height; h++) {
            for (int w = 0; w < width; w++) {
                rows[h][w] = mask[h * width + w] ? 1 : 0;
            }
        }
        return rows;
    }

    /**
     * @param rows rows of 0/1
     * @return the region
     */
    @JsonCreator
    public static Region fromJson(int[][] rows) {
        if (rows.length == 0 || rows[0].length == 0) {
            throw new InvalidValueException("a region needs at least one row and column");
        }
        int h = rows.length;
        int w = rows[0].length;
        boolean[] mask = new boolean[h * w];
        for (int i = 0; i < h; i++) {
            if (rows[i].length != w) {
                throw InvalidValueException.of("region row %d has %d columns, expected %d", i, rows[i].length, w);
            }
            for (int j = 0; j < w; j++) {
                if (rows[i][j] != 0 && rows[i][j] != 1) {
                    throw InvalidValueException.of("region entries are 0 or 1, got %d at row %d, column %d",
                            rows[i][j], i, j);
                }
                mask[i * w + j] = rows[i][j] == 1;
            }
        }
        return new Region(h, w, mask);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Region r && r.height == height && r.width == width && Arrays.equals(mask, r.mask);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(mask) * 31 + height;
    }

    @Override
    public String toString() {
        return "Region[" + height + "x" + width + ", " + size + " pixels]";
    }
}
