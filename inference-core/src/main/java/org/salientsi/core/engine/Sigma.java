package org.salientsi.core.engine;

import org.salientsi.api.error.InvalidOptionException;
import org.salientsi.core.search.NoiseModel;

/**
 * Isotropic noise of standard deviation {@code value} per pixel, in the image's units.
 *
 * @param value the standard deviation, finite, {@code > 0} and normal
 */
public record Sigma(double value) implements NoiseSpec {

    /** Validates the value. */
    public Sigma {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw InvalidOptionException.of("sigma", "must be a finite number > 0 (the noise standard deviation, in "
                    + "the image's units), got " + value);
        }
        if (value < Double.MIN_NORMAL) {
            throw InvalidOptionException.of("sigma", value + " is below the smallest normal double ("
                    + Double.MIN_NORMAL + "): it has lost significant digits; express the image and sigma in larger "
                    + "units");
        }
    }

    /**
     * @param value the standard deviation
     * @return the noise
     */
    public static Sigma of(double value) {
        return new Sigma(value);
    }

    @Override
    public NoiseModel model(int n) {
        return NoiseModel.isotropic(value);
    }

    @Override
    public String label() {
        return null;
    }
}
