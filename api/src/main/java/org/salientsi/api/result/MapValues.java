package org.salientsi.api.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.saliency.SaliencyMap;

/**
 * The values of a saliency map on the image's pixel grid, as a result carries them (the JSON field {@code map}:
 * H rows of W finite numbers, the form {@code salientsi map --json} prints). Immutable; equal when the values
 * are.
 */
public final class MapValues {

    private final int height;
    private final int width;
    private final double[] values;

    private MapValues(int height, int width, double[] values) {
        this.height = height;
        this.width = width;
        this.values = values;
    }

    /**
     * @param map a saliency map
     * @return its values
     */
    public static MapValues of(SaliencyMap map) {
        return new MapValues(map.height(), map.width(), map.values());
    }

    /**
     * @param rows H rows of W finite numbers
     * @return the values
     * @throws InvalidValueException if the rows are missing, ragged or not finite
     */
    @JsonCreator
    public static MapValues fromJson(double[][] rows) {
        if (rows == null || rows.length == 0 || rows[0] == null || rows[0].length == 0) {
            throw new InvalidValueException("map needs at least one row of at least one value");
        }
        int w = rows[0].length;
        if ((long) rows.length * w > Integer.MAX_VALUE - 8) {
            throw InvalidValueException.of("map of %d x %d values is too large", rows.length, w);
        }
        double[] v = new double[rows.length * w];
        for (int h = 0; h < rows.length; h++) {
            if (rows[h] == null || rows[h].length != w) {
                throw InvalidValueException.of("map row %d has %s values, row 0 has %d", h,
                        rows[h] == null ? "no" : String.valueOf(rows[h].length), w);
            }
            for (int x = 0; x < w; x++) {
                if (!Double.isFinite(rows[h][x])) {
                    throw InvalidValueException.of("map value (%d, %d) is not finite: %s", h, x, rows[h][x]);
                }
                v[h * w + x] = rows[h][x];
            }
        }
        return new MapValues(rows.length, w, v);
    }

    /** @return rows */
    public int height() {
        return height;
    }

    /** @return columns */
    public int width() {
        return width;
    }

    /**
     * @param h row
     * @param w column
     * @return the value at that pixel
     */
    public double get(int h, int w) {
        return values[h * width + w];
    }

    /** @return the values row-major (a new array) */
    public double[] values() {
        return values.clone();
    }

    /** @return H rows of W values (new arrays) */
    @JsonValue
    public double[][] toRows() {
        double[][] rows = new double[height][];
        for (int h = 0; h < height; h++) {
            rows[h] = Arrays.copyOfRange(values, h * width, (h + 1) * width);
        }
        return rows;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MapValues m && m.height == height && Arrays.equals(m.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * height + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "MapValues[" + height + "x" + width + "]";
    }
}
