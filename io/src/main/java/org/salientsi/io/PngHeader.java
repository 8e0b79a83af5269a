package org.salientsi.io;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The {@code IHDR} chunk of a PNG file, read from its first 33 bytes before any decoder sees the file.
 *
 * @param width columns, {@code 1 .. 2^31 - 1}
 * @param height rows, {@code 1 .. 2^31 - 1}
 * @param bitDepth bits per sample: 1, 2, 4, 8 or 16 as the colour type allows
 * @param colourType 0 grey, 2 RGB, 3 palette, 4 grey and alpha, 6 RGB and alpha
 * @param interlaced whether the image is Adam7-interlaced
 */
public record PngHeader(int width, int height, int bitDepth, int colourType, boolean interlaced) {

    /** The bytes before the image data a header needs: signature, IHDR length, type, 13 data bytes and CRC. */
    public static final int BYTES = 33;

    static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** @return the samples per pixel of the colour type (palette: one index) */
    public int channels() {
        return switch (colourType) {
            case 2 -> 3;
            case 4 -> 2;
            case 6 -> 4;
            default -> 1;
        };
    }

    /** @return width times height, as a long */
    public long pixels() {
        return (long) width * height;
    }

    /**
     * @param name the file's name, for messages
     * @param bytes at least the file's first {@link #BYTES} bytes
     * @param size the file's size in bytes
     * @return the header
     * @throws FileFormatException if the bytes do not start with a PNG signature and a valid IHDR chunk
     */
    static PngHeader parse(String name, byte[] bytes, long size) {
        if (size == 0) {
            throw new FileFormatException(name, name + " is empty, not a PNG image");
        }
        if (size < SIGNATURE.length || !startsWithSignature(bytes)) {
            throw new FileFormatException(name, name + " is not a PNG image (no PNG signature)");
        }
        if (size < BYTES || bytes.length < BYTES) {
            throw new FileFormatException(name, name + " is a truncated PNG (it ends in its IHDR header)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long length = b.getInt(8) & 0xffffffffL;
        String type = new String(bytes, 12, 4, StandardCharsets.ISO_8859_1);
        if (!type.equals("IHDR") || length != 13) {
            throw new FileFormatException(name, name + " is a corrupt PNG (its first chunk is not a 13-byte IHDR)");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 12, 17);
        if (crc.getValue() != (b.getInt(29) & 0xffffffffL)) {
            throw new FileFormatException(name, name + " is a corrupt PNG (chunk IHDR fails its CRC check)");
        }
        int width = b.getInt(16);
        int height = b.getInt(20);
        int depth = bytes[24] & 0xff;
        int colour = bytes[25] & 0xff;
        int compression = bytes[26] & 0xff;
        int filter = bytes[27] & 0xff;
        int interlace = bytes[28] & 0xff;
        if (width <= 0 || height <= 0) {
            throw new FileFormatException(name, name + " is a corrupt PNG (IHDR size " + Integer.toUnsignedString(width)
                    + " x " + Integer.toUnsignedString(height) + ")");
        }
        boolean depthOk = switch (colour) {
            case 0 -> depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
            case 3 -> depth == 1 || depth == 2 || depth == 4 || depth == 8;
            case 2, 4, 6 -> depth == 8 || depth == 16;
            default -> false;
        };
        if (!depthOk || compression != 0 || filter != 0 || interlace > 1) {
            throw new FileFormatException(name, name + " is a corrupt PNG (IHDR: bit depth " + depth + ", colour type "
                    + colour + ", compression " + compression + ", filter " + filter + ", interlace " + interlace
                    + ")");
        }
        return new PngHeader(width, height, depth, colour, interlace == 1);
    }

    private static boolean startsWithSignature(byte[] bytes) {
        if (bytes.length < SIGNATURE.length) {
            return false;
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (bytes[i] != SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }
}
