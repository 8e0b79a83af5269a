package org.salientsi.spark.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.salientsi.io.Npy;

/**
 * A batch's image folder: {@code count} square grey images as {@code .npy} files ({@code img-00000.npy}, ... in
 * file-name order), each with a reference of the same file name in a folder of its own. Every pixel is Gaussian
 * noise of standard deviation 1 (the batch's {@code --sigma 1}); every fifth image has its top-left quarter raised
 * by 2 (a signal), the others are null images; the references are pure noise.
 */
final class BatchImages {

    private BatchImages() {
    }

    /**
     * @param images the images' folder (created)
     * @param references the references' folder (created)
     * @param count how many images
     * @param side their height and width, in pixels
     * @param seed the seed of the noise
     */
    static void write(Path images, Path references, int count, int side, long seed) throws IOException {
        Files.createDirectories(images);
        Files.createDirectories(references);
        SplittableRandom rng = new SplittableRandom(seed);
        int[] shape = {side, side};
        for (int i = 0; i < count; i++) {
            String name = String.format(Locale.ROOT, "img-%05d.npy", i);
            double[] x = noise(rng, side * side);
            if (i % 5 == 0) {
                for (int h = 0; h < side / 2; h++) {
                    for (int w = 0; w < side / 2; w++) {
                        x[h * side + w] += 2;
                    }
                }
            }
            Npy.write(images.resolve(name), shape, x);
            Npy.write(references.resolve(name), shape, noise(rng, side * side));
        }
    }

    /**
     * @param rng the generator
     * @param n how many values
     * @return {@code n} standard normal values
     */
    static double[] noise(SplittableRandom rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }
}
