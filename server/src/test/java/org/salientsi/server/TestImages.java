package org.salientsi.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.salientsi.io.Npy;

/** Seeded test images and their .npy files, shared with the command line's tests (through this module's test jar). */
public final class TestImages {

    private TestImages() {
    }

    /**
     * Standard normal pixels (Box-Muller on a seeded SplittableRandom), plus {@code delta} on a
     * block of half the side at a random position.
     *
     * @param seed the seed
     * @param size the side
     * @param channels channels
     * @param delta the block's shift
     * @return the values, HWC
     */
    public static double[] image(long seed, int size, int channels, double delta) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[size * size * channels];
        for (int i = 0; i < v.length; i++) {
            double u = rng.nextDouble();
            double w = rng.nextDouble();
            v[i] = Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * w);
        }
        if (delta != 0) {
            int b = size / 2;
            int top = rng.nextInt(size - b + 1);
            int left = rng.nextInt(size - b + 1);
            for (int h = top; h < top + b; h++) {
                for (int x = left; x < left + b; x++) {
                    for (int c = 0; c < channels; c++) {
                        v[(h * size + x) * channels + c] += delta;
                    }
                }
            }
        }
        return v;
    }

    /**
     * @param file destination
     * @param shape shape
     * @param values C-order values
     * @return the file
     */
    public static Path write(Path file, int[] shape, double[] values) {
        try {
            Npy.write(file, shape, values);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a grey image of {@link #image}.
     *
     * @param file destination
     * @param seed seed
     * @param size side
     * @param delta block shift
     * @return the file
     */
    public static Path writeGrey(Path file, long seed, int size, double delta) {
        return write(file, new int[] {size, size}, image(seed, size, 1, delta));
    }
}
