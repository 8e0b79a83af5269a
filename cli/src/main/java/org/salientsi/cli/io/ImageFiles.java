package org.salientsi.cli.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.salientsi.api.error.InvalidInputException;
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
     * @return the image
     * @throws InvalidInputException if the file is missing, unreadable, of another type, corrupt,
     *     truncated, of an unsupported dtype or shape, or holds a NaN or infinite pixel; the message
     *     names the file
     */
    public static Image read(Path file) {
        String ext = extension(file);
        if (!ext.equals("npy") && !ext.equals("png")) {
            if (Files.isDirectory(file)) {
                throw new InvalidInputException(file + " is a folder, not an image file");
            }
            throw new InvalidInputException(file + ": unsupported image file type"
                    + (ext.isEmpty() ? "" : " '." + ext + "'")
                    + "; SalientSI reads .npy arrays (float32/float64) and 8-bit grey or RGB .png images");
        }
        if (ext.equals("npy")) {
            return Npy.read(file).toImage();
        }
        return Png.parse(name(file), Npy.bytes(file));
    }

    private static String name(Path file) {
        return file.getFileName() == null ? file.toString() : file.getFileName().toString();
    }

    private static String extension(Path file) {
        String n = name(file);
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
