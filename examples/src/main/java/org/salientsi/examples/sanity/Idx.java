package org.salientsi.examples.sanity;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.salientsi.api.error.InvalidInputException;

/**
 * Reads the IDX files of MNIST-like data sets (optionally gzipped): unsigned-byte images scaled to
 * [0, 1] and unsigned-byte labels. Stateless.
 */
public final class Idx {

    /** Where the Debian package {@code dataset-fashion-mnist} installs the data. */
    public static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    private Idx() {
    }

    /**
     * @param file an {@code idx3-ubyte} file ({@code .gz} allowed)
     * @param limit at most this many images (0: all)
     * @return {@code [n][rows * cols]} values in [0, 1]
     * @throws IOException on read failure
     */
    public static float[][] images(Path file, int limit) throws IOException {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != 0x00000803) {
                throw new InvalidInputException(file + " is not an IDX image file (magic " + Integer.toHexString(magic)
                        + ")");
            }
            int n = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            int count = limit > 0 ? Math.min(limit, n) : n;
            float[][] out = new float[count][rows * cols];
            byte[] buf = new byte[rows * cols];
            for (int i = 0; i < count; i++) {
                in.readFully(buf);
                for (int j = 0; j < buf.length; j++) {
                    out[i][j] = (buf[j] & 0xff) / 255f;
                }
            }
            return out;
        }
    }

    /**
     * @param file an {@code idx1-ubyte} file ({@code .gz} allowed)
     * @param limit at most this many labels (0: all)
     * @return the labels
     * @throws IOException on read failure
     */
    public static int[] labels(Path file, int limit) throws IOException {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != 0x00000801) {
                throw new InvalidInputException(file + " is not an IDX label file (magic " + Integer.toHexString(magic)
                        + ")");
            }
            int n = in.readInt();
            int count = limit > 0 ? Math.min(limit, n) : n;
            int[] out = new int[count];
            for (int i = 0; i < count; i++) {
                out[i] = in.readUnsignedByte();
            }
            return out;
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("IDX file not found: " + file
                    + " (install the Debian package dataset-fashion-mnist)");
        }
        InputStream raw = Files.newInputStream(file);
        return new DataInputStream(new java.io.BufferedInputStream(file.toString().endsWith(".gz")
                ? new GZIPInputStream(raw) : raw));
    }
}
