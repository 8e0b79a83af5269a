package org.salientsi.validation.generate;

import java.util.Map;
import java.util.SplittableRandom;
import org.salientsi.api.image.ImageShape;

/** The null generator: every value i.i.d. \( N(0, \sigma^2) \), so no region differs from the reference. */
public record NullImages() implements ImageGenerator {

    private static final long serialVersionUID = 1L;

    @Override
    public String name() {
        return "null";
    }

    @Override
    public double delta() {
        return 0;
    }

    @Override
    public void draw(SplittableRandom rng, ImageShape shape, double sigma, double[] out) {
        GaussianNoise.fill(rng, sigma, out);
    }

    @Override
    public Map<String, String> describe() {
        return Map.of("generator", name());
    }
}
