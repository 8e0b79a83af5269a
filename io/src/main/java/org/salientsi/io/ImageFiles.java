package org.salientsi.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.salientsi.api.image.Image;

/**
 * Reads the image files users pass, by file type: NumPy {@code .npy} arrays ({@link Npy}: float32 or
 * float64, C or Fortran order, shape {@code (H, W)} or {@code (H, W, C)}, channels last) and PNG
 * ({@link Png}: 8-bit grey or RGB, scaled to [0, 1]). The image's label is the file's name.
 */
public final class ImageFiles {

    private ImageFiles() {
    }

    /**
     * @param file a file name
     * @return whether its extension is one SalientSI reads ({@code .npy}, {@code .png}, any case)
     */
    public static boolean isImageFile(Path file) {
        String ext = extension(file);
        return ext.equals("npy") || ext.equals("png");
    }

    /**
     * @param file an image file
     * @return the image, at most {@link ReadLimits#DEFAULT} values
     * @throws FileFormatException if the file is missing, not a regular file, of another type, corrupt,
     *     truncated, of an unsupported dtype or kind, or holds a NaN or infinite pixel; the message names
     *     the file
     * @throws SizeLimitException if it claims more values than the default limit
     * @throws org.salientsi.api.error.ShapeMismatchException for an array that is not (H, W) or (H, W, C)
     * @throws org.salientsi.api.error.InvalidPixelException for a NaN or infinite value
     */
    public static Image read(Path file) {
        return read(file, ReadLimits.DEFAULT);
    }

    /**
     * @param file an image file
     * @param limits the most values to allocate, e.g. {@link ReadLimits#forInput} of the model's input
     * @return the image
     * @throws FileFormatException if the file is missing, not a regular file, of another type, corrupt,
     *     truncated or of an unsupported dtype or kind; the message names the file
     * @throws SizeLimitException if it claims more values than the limits allow
     * @throws org.salientsi.api.error.ShapeMismatchException for an array that is not (H, W) or (H, W, C)
     * @throws org.salientsi.api.error.InvalidPixelException for a NaN or infinite value
     */
    public static Image read(Path file, ReadLimits limits) {
        Objects.requireNonNull(limits, "limits");
        String ext = extension(file);
        if (ext.equals("npy")) {
            return Npy.read(file, limits).toImage();
        }
        if (ext.equals("png")) {
            return Png.read(file, limits);
        }
        if (Files.isDirectory(file)) {
            throw new FileFormatException(file.toString(), file + " is a folder, not an image file");
        }
        throw new FileFormatException(file.toString(), file + ": unsupported image file type"
                + (ext.isEmpty() ? "" : " '." + ext + "'")
                + "; SalientSI reads .npy arrays (float32/float64) and 8-bit grey or RGB .png images");
    }

    private static String extension(Path file) {
        String n = Npy.name(file);
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
