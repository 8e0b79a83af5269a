package org.salientsi.api.saliency;

import org.salientsi.api.error.InvalidValueException;

/**
 * A saliency map on the input's {@code height x width} pixel grid (one value per pixel, row-major),
 * and the output unit it explains.
 *
 * @param height rows
 * @param width columns
 * @param values row-major values
 * @param target the explained output unit
 * @param targetFromArgmax whether the target is the arg-max of the outputs (then the arg-max decision
 *     is part of the selection event)
 */
public record SaliencyMap(int height, int width, double[] values, int target, boolean targetFromArgmax) {

    /**
     * @throws InvalidValueException if the values do not fit the grid or are not finite
     */
    public SaliencyMap {
        if (height < 1 || width < 1 || values == null || values.length != height * width) {
            throw InvalidValueException.of("saliency map of %s values does not fit %dx%d",
                    values == null ? "no" : String.valueOf(values.length), height, width);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw InvalidValueException.of("saliency map value %d is not finite: %s", i, values[i]);
            }
        }
        values = values.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    /**
     * @param h row
     * @param w column
     * @return the value
     */
    public double get(int h, int w) {
        return values[h * width + w];
    }
}
