package org.salientsi.cli.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.image.Image;
import org.salientsi.io.FileFormatException;
import org.salientsi.io.ImageFiles;
import org.salientsi.io.Npy;
import org.salientsi.io.Png;
import org.salientsi.io.ReadLimits;
import org.salientsi.io.SizeLimitException;

/**
 * The {@code -} convention: an option that names a file to read takes {@code -} for standard input, one that names a
 * file to write takes {@code -} for standard output; a file named {@code -} is never read or written. Standard input
 * holds the bytes of one {@code .npy} array or one PNG image, told apart by their magic bytes.
 */
public final class StandardStreams {

    /** The name an image read from standard input carries. */
    public static final String STDIN_NAME = "stdin";

    private static final byte[] NPY_MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

    private StandardStreams() {
    }

    /**
     * @param path an option's value, or null
     * @return whether it is {@code -}, the standard stream
     */
    public static boolean isStandard(Path path) {
        return path != null && path.toString().equals("-");
    }

    /**
     * Reads an image from a file, or from standard input when the path is {@code -}.
     *
     * @param path the file, or {@code -}
     * @param in standard input
     * @param limits the most values to allocate
     * @return the image ({@value #STDIN_NAME} names one read from standard input)
     * @throws InvalidInputException for a file or stream that is not a valid image (the message names it)
     * @throws IOException if standard input cannot be read
     */
    public static Image readImage(Path path, InputStream in, ReadLimits limits) throws IOException {
        if (!isStandard(path)) {
            return ImageFiles.read(path, limits);
        }
        // a float64 .npy of the most values the limits allow, plus its header
        long most = Math.min((long) Integer.MAX_VALUE - 8, limits.maxElements() * Double.BYTES + Npy.MAX_HEADER_BYTES
                + Png.SLACK_BYTES);
        byte[] bytes = in.readNBytes((int) most + 1);
        if (bytes.length > most) {
            throw new SizeLimitException(STDIN_NAME, bytes.length, most, "standard input holds more than " + most
                    + " bytes, more than an image of at most " + limits.maxElements() + " values");
        }
        if (startsWith(bytes, NPY_MAGIC)) {
            return Npy.parse(STDIN_NAME, bytes, limits).toImage().withName(STDIN_NAME);
        }
        if (startsWith(bytes, PNG_MAGIC)) {
            return Png.parse(STDIN_NAME, bytes, limits).withName(STDIN_NAME);
        }
        throw new FileFormatException(STDIN_NAME, bytes.length == 0 ? "standard input (-) is empty; it should hold "
                + "the bytes of one .npy array or PNG image" : "standard input (-) is neither a .npy array nor a "
                + "PNG image (its first bytes are not \\x93NUMPY nor \\x89PNG)");
    }

    /** Writes one file. */
    @FunctionalInterface
    public interface FileWriter {
        /**
         * @param file where to write
         * @throws IOException if it cannot be written
         */
        void write(Path file) throws IOException;
    }

    /**
     * Writes a text file (UTF-8) to a path, or to standard output when the path is {@code -} (through a temporary
     * file, which is deleted).
     *
     * @param path the file, or {@code -}
     * @param out standard output
     * @param writer writes the file
     * @throws IOException if it cannot be written
     */
    public static void writeText(Path path, PrintWriter out, FileWriter writer) throws IOException {
        if (!isStandard(path)) {
            writer.write(path);
            return;
        }
        Path tmp = Files.createTempFile("salientsi-", ".out");
        try {
            writer.write(tmp);
            out.print(Files.readString(tmp, StandardCharsets.UTF_8));
            out.flush();
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] magic) {
        if (bytes.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (bytes[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
