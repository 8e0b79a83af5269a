package org.salientsi.facade;

import java.io.IOException;
import java.nio.file.Path;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;
import org.salientsi.io.ImageFiles;
import org.salientsi.io.Npy;
import org.salientsi.io.Png;
import org.salientsi.io.ReadLimits;

/**
 * Image files for facade users, through {@code salientsi-io} (a dependency of this module, so its
 * {@link org.salientsi.io.Npy}, {@link org.salientsi.io.Png} and {@link org.salientsi.io.ImageFiles} are on
 * the class path too): {@code .npy} arrays (float32 or float64, shape {@code (H, W)} or {@code (H, W, C)},
 * channels last) and 8-bit grey or RGB PNGs (scaled to [0, 1]). Readers refuse malformed, hostile or
 * oversized files with an {@link org.salientsi.api.error.InvalidInputException} naming the file, before
 * allocating.
 *
 * <pre>{@code
 * try (SalientTester tester = SalientSI.builder().model(Path.of("model_16.h5")).sigma(1).build()) {
 *     Image x = Images.read(Path.of("scan.npy"), tester.imageShape());
 *     Image r = Images.read(Path.of("reference.png"), tester.imageShape());
 *     SelectiveResult result = tester.test(x, r);
 * }
 * }</pre>
 */
public final class Images {

    private Images() {
    }

    /**
     * @param file a {@code .npy} or {@code .png} file
     * @return the image, named by the file's name, of at most {@link ReadLimits#DEFAULT} values
     * @throws org.salientsi.api.error.InvalidInputException if the file is missing, not a regular file,
     *     malformed, of an unsupported kind, larger than the default limit, or holds a NaN or infinite value
     */
    public static Image read(Path file) {
        return ImageFiles.read(file);
    }

    /**
     * @param file a {@code .npy} or {@code .png} file
     * @param input the shape the model takes ({@link SalientTester#imageShape()}): a file claiming more
     *     values is refused from its header
     * @return the image, named by the file's name
     * @throws org.salientsi.api.error.InvalidInputException if the file is missing, not a regular file,
     *     malformed, of an unsupported kind, larger than the input, or holds a NaN or infinite value
     */
    public static Image read(Path file, ImageShape input) {
        return ImageFiles.read(file, ReadLimits.forInput(input));
    }

    /**
     * Writes a float64 {@code .npy} array: shape {@code (H, W)} for one channel, else {@code (H, W, C)}.
     *
     * @param file destination
     * @param image the image
     * @throws IOException on write failure
     */
    public static void writeNpy(Path file, Image image) throws IOException {
        Npy.write(file, image);
    }

    /**
     * Writes an 8-bit grey (one channel) or RGB (three channels) PNG, each value {@code v} as
     * {@code round(255 v)}.
     *
     * @param file destination
     * @param image values in [0, 1], one or three channels
     * @throws IOException on write failure
     * @throws org.salientsi.api.error.InvalidInputException for another channel count or a value outside [0, 1]
     */
    public static void writePng(Path file, Image image) throws IOException {
        Png.write(file, image);
    }
}
