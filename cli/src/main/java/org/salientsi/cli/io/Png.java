package org.salientsi.cli.io;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;

/**
 * PNG images (through {@code javax.imageio}): 8-bit grey (one channel) or 8-bit RGB (three
 * channels), each sample {@code v} read as {@code v / 255}, so pixels lie in {@code [0, 1]}. PNGs with
 * an alpha channel, a palette, or 1-, 2-, 4- or 16-bit samples are refused with a message that names
 * the file and says how to convert it, and so are files cut short or with a chunk whose CRC-32 does
 * not match (checked here, since the JDK's reader tolerates a cut in the last data chunk).
 */
public final class Png {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private Png() {
    }

    /**
     * @param name the file's name, for messages and as the image's label
     * @param bytes the file's content
     * @return the image, channels last, values in [0, 1]
     * @throws InvalidInputException if the bytes are not a complete PNG of a supported kind
     */
    public static Image parse(String name, byte[] bytes) {
        if (bytes.length == 0) {
            throw new InvalidInputException(name + " is empty, not a PNG image");
        }
        if (bytes.length < SIGNATURE.length || !startsWithSignature(bytes)) {
            throw new InvalidInputException(name + " is not a PNG image (no PNG signature)");
        }
        checkChunks(name, bytes);
        BufferedImage img = decode(name, bytes);
        if (img.getColorModel() instanceof IndexColorModel) {
            throw new InvalidInputException(name + " is a palette (indexed-colour) PNG; SalientSI reads 8-bit grey "
                    + "or RGB PNGs (save it as RGB or greyscale)");
        }
        Raster raster = img.getRaster();
        int bands = raster.getNumBands();
        if (img.getColorModel().hasAlpha()) {
            throw new InvalidInputException(name + " has an alpha channel; SalientSI reads 8-bit grey or RGB PNGs "
                    + "(drop the alpha channel)");
        }
        for (int b = 0; b < bands; b++) {
            int bits = raster.getSampleModel().getSampleSize(b);
            if (bits != 8) {
                throw new InvalidInputException(name + " has " + bits + "-bit samples; SalientSI reads 8-bit grey or "
                        + "RGB PNGs (for other depths save a .npy array)");
            }
        }
        if (bands != 1 && bands != 3) {
            throw new InvalidInputException(name + " has " + bands + " channels; SalientSI reads 8-bit grey or RGB "
                    + "PNGs");
        }
        int h = img.getHeight();
        int w = img.getWidth();
        double[] hwc = new double[h * w * bands];
        int[] row = new int[w * bands];
        for (int y = 0; y < h; y++) {
            raster.getPixels(0, y, w, 1, row);
            int base = y * w * bands;
            for (int i = 0; i < row.length; i++) {
                hwc[base + i] = row[i] / 255.0;
            }
        }
        return Image.of(name, ImageShape.of(h, w, bands), hwc);
    }

    /**
     * Walks the chunks (length, type, data, CRC-32) up to {@code IEND}: the JDK's reader accepts some
     * truncated files (a cut in the last data chunk), so completeness and checksums are checked here.
     */
    private static void checkChunks(String name, byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        int pos = SIGNATURE.length;
        CRC32 crc = new CRC32();
        while (true) {
            if (pos + 8 > bytes.length) {
                throw new InvalidInputException(name + " is a truncated PNG (it ends before its IEND chunk)");
            }
            long length = buf.getInt(pos) & 0xffffffffL;
            String type = new String(bytes, pos + 4, 4, StandardCharsets.ISO_8859_1);
            if (pos + 12 + length > bytes.length) {
                throw new InvalidInputException(name + " is a truncated PNG (chunk " + type + " is cut short)");
            }
            crc.reset();
            crc.update(bytes, pos + 4, (int) (4 + length));
            long stored = buf.getInt(pos + 8 + (int) length) & 0xffffffffL;
            if (crc.getValue() != stored) {
                throw new InvalidInputException(name + " is a corrupt PNG (chunk " + type + " fails its CRC check)");
            }
            pos += 12 + (int) length;
            if (type.equals("IEND")) {
                return;
            }
        }
    }

    private static boolean startsWithSignature(byte[] bytes) {
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (bytes[i] != SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    private static BufferedImage decode(String name, byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("png");
            if (!readers.hasNext()) {
                throw new InvalidInputException("cannot read " + name + ": this Java runtime has no PNG reader");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException iie) {
                throw iie;
            }
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new InvalidInputException(name + " is a corrupt or truncated PNG (" + why.replace('\n', ' ') + ")");
        }
    }
}
