package org.salientsi.validation.generate;

import java.util.Map;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.image.ImageShape;

/**
 * The paper's signal images (its {@code data.generate_data_classification}): i.i.d.
 * \( N(0, \sigma^2) \) noise, plus {@code delta} on every channel of a block of
 * \( \lfloor H/2 \rfloor \times \lfloor W/2 \rfloor \) pixels whose top-left corner is uniform over
 * the positions that keep it inside the image. Draw order: the noise, then the row, then the column.
 *
 * @param delta the mean shift of the block, in the image's units (with \( \sigma = 1 \), as in the
 *     paper, in noise standard deviations); finite and not 0
 */
public record ShiftedBlock(double delta) implements ImageGenerator {

    private static final long serialVersionUID = 1L;

    /**
     * @throws InvalidValueException if delta is 0 or not finite
     */
    public ShiftedBlock {
        if (delta == 0 || !Double.isFinite(delta)) {
            throw InvalidValueException.of("the signal's delta must be finite and not 0, got %s", delta);
        }
    }

    @Override
    public String name() {
        return "signal";
    }

    @Override
    public void draw(java.util.SplittableRandom rng, ImageShape shape, double sigma, double[] out) {
        GaussianNoise.fill(rng, sigma, out);
        int bh = Math.max(1, shape.height() / 2);
        int bw = Math.max(1, shape.width() / 2);
        int top = rng.nextInt(shape.height() - bh + 1);
        int left = rng.nextInt(shape.width() - bw + 1);
        int channels = shape.channels();
        for (int h = top; h < top + bh; h++) {
            int row = (h * shape.width() + left) * channels;
            for (int k = 0; k < bw * channels; k++) {
                out[row + k] += delta;
            }
        }
    }

    @Override
    public Map<String, String> describe() {
        return Map.of("generator", name(), "delta", Double.toString(delta));
    }
}
