package org.salientsi.validation.generate;

import java.io.Serializable;
import java.util.Map;
import java.util.SplittableRandom;
import org.salientsi.api.image.ImageShape;

/**
 * Draws the test image of one trial: noise \( N(0, \sigma^2) \) on every value plus the generator's
 * signal. References are pure noise and drawn by the study, not here. Implementations are immutable
 * values and serialisable (they travel to Spark executors).
 *
 * <pre>{@code
 * double[] x = new double[shape.size()];
 * ImageGenerator.signal(2.0).draw(rng, shape, 1.0, x);   // a block of X shifted by 2
 * }</pre>
 */
public interface ImageGenerator extends Serializable {

    /** @return {@code null} or {@code signal} */
    String name();

    /** @return the mean shift of the signal block, 0 for the null generator */
    double delta();

    /**
     * Draws one test image into {@code out} (channels-last order).
     *
     * @param rng the trial's random source
     * @param shape the image shape
     * @param sigma the noise standard deviation
     * @param out the destination, of length {@code shape.size()}
     */
    void draw(SplittableRandom rng, ImageShape shape, double sigma, double[] out);

    /** @return the parameters that define the generator, for provenance and checkpoints */
    Map<String, String> describe();

    /** @return the null generator: pure noise */
    static ImageGenerator nullImages() {
        return new NullImages();
    }

    /**
     * @param delta the block's mean shift; 0 gives the null generator
     * @return the paper's signal generator, or the null generator when {@code delta == 0}
     */
    static ImageGenerator signal(double delta) {
        return delta == 0 ? new NullImages() : new ShiftedBlock(delta);
    }
}
