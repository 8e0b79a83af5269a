package org.salientsi.io;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Objects;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;

/**
 * PNG images: 8-bit grey (one channel) or 8-bit RGB (three channels), each sample {@code v} read as
 * {@code v / 255}, so pixels lie in {@code [0, 1]}; written back the same way.
 *
 * <p>Reading checks before decoding: the {@link PngHeader IHDR header} is read from the file's first bytes,
 * alpha, palette and other than 8-bit images are refused from it, the pixel count times the channels must be
 * within the {@link ReadLimits} (a PNG claiming 20,000 x 20,000 pixels is refused without allocating), the
 * file may be at most twice the size of its raw samples plus {@value #SLACK_BYTES} bytes, and every chunk up
 * to {@code IEND} must be complete with a matching CRC-32 (the JDK's decoder tolerates a cut in the last data
 * chunk). Only then does {@code javax.imageio} decode it.
 */
public final class Png {

    /** Bytes a PNG file may hold beyond twice its raw samples (metadata chunks, compression overhead). */
    public static final int SLACK_BYTES = 1 << 24;

    private Png() {
    }

    /**
     * @param file a PNG file
     * @return the image, named by the file's name, at most {@link ReadLimits#DEFAULT} values
     * @throws FileFormatException if the file is missing, not a regular file or not a complete PNG of a
     *     supported kind
     * @throws SizeLimitException if its header claims more values than the default limit
     */
    public static Image read(Path file) {
        return read(file, ReadLimits.DEFAULT);
    }

    /**
     * @param file a PNG file
     * @param limits the most values (pixels times channels) to allocate
     * @return the image, named by the file's name, channels last, values in [0, 1]
     * @throws FileFormatException if the file is missing, not a regular file or not a complete PNG of a
     *     supported kind
     * @throws SizeLimitException if its header claims more values than the limits allow
     */
    public static Image read(Path file, ReadLimits limits) {
        Objects.requireNonNull(limits, "limits");
        String name = Npy.name(file);
        try (RegularFile in = RegularFile.open(file)) {
            long size = in.size();
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, PngHeader.BYTES));
            in.readFully(head, 0, "header");
            PngHeader h = PngHeader.parse(name, head.array(), size);
            check(name, h, size, limits);
            ByteBuffer all = ByteBuffer.allocate((int) size);
            in.readFully(all, 0, "data");
            return decode(name, all.array(), h);
        }
    }

    /**
     * @param name the file's name, for messages and as the image's label
     * @param bytes the file's content
     * @return the image, channels last, values in [0, 1], at most {@link ReadLimits#DEFAULT} values
     * @throws FileFormatException if the bytes are not a complete PNG of a supported kind
     * @throws SizeLimitException if the header claims more values than the default limit
     */
    public static Image parse(String name, byte[] bytes) {
        return parse(name, bytes, ReadLimits.DEFAULT);
    }

    /**
     * @param name the file's name, for messages and as the image's label
     * @param bytes the file's content
     * @param limits the most values (pixels times channels) to allocate
     * @return the image, channels last, values in [0, 1]
     * @throws FileFormatException if the bytes are not a complete PNG of a supported kind
     * @throws SizeLimitException if the header claims more values than the limits allow
     */
    public static Image parse(String name, byte[] bytes, ReadLimits limits) {
        Objects.requireNonNull(limits, "limits");
        PngHeader h = PngHeader.parse(name, bytes, bytes.length);
        check(name, h, bytes.length, limits);
        return decode(name, bytes, h);
    }

    /**
     * @param file a PNG file
     * @return its header, from the file's first {@value PngHeader#BYTES} bytes
     * @throws FileFormatException if the file does not start with a PNG signature and a valid IHDR chunk
     */
    public static PngHeader readHeader(Path file) {
        String name = Npy.name(file);
        try (RegularFile in = RegularFile.open(file)) {
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(in.size(), PngHeader.BYTES));
            in.readFully(head, 0, "header");
            return PngHeader.parse(name, head.array(), in.size());
        }
    }

    /** Refuses, from the header alone, the kinds SalientSI does not read and sizes beyond the limits. */
    private static void check(String name, PngHeader h, long size, ReadLimits limits) {
        if (h.colourType() == 3) {
            throw new FileFormatException(name, name + " is a palette (indexed-colour) PNG; SalientSI reads 8-bit grey "
                    + "or RGB PNGs (save it as RGB or greyscale)");
        }
        if (h.colourType() == 4 || h.colourType() == 6) {
            throw new FileFormatException(name, name + " has an alpha channel; SalientSI reads 8-bit grey or RGB PNGs "
                    + "(drop the alpha channel)");
        }
        if (h.bitDepth() != 8) {
            throw new FileFormatException(name, name + " has " + h.bitDepth() + "-bit samples; SalientSI reads 8-bit "
                    + "grey or RGB PNGs (for other depths save a .npy array)");
        }
        long values = saturated(h.pixels(), h.channels());
        limits.check(name, values, "is " + h.width() + " x " + h.height() + " pixels x " + h.channels()
                + (h.channels() == 1 ? " channel" : " channels"));
        long raw = saturated(h.height(), 1 + (long) h.width() * h.channels());
        long most = raw > Long.MAX_VALUE / 4 ? Long.MAX_VALUE : 2 * raw + SLACK_BYTES;
        if (size > most) {
            throw new FileFormatException(name, name + " is " + size + " bytes, more than a PNG of " + h.width() + " x "
                    + h.height() + " pixels needs (at most " + most + ")");
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new SizeLimitException(name, values, limits.maxElements(), name + " is " + size
                    + " bytes, too large to read");
        }
    }

    private static long saturated(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static Image decode(String name, byte[] bytes, PngHeader h) {
        checkChunks(name, bytes);
        BufferedImage img = decoded(name, bytes);
        if (img.getColorModel() instanceof IndexColorModel) {
            throw new FileFormatException(name, name + " is a palette (indexed-colour) PNG; SalientSI reads 8-bit grey "
                    + "or RGB PNGs (save it as RGB or greyscale)");
        }
        if (img.getColorModel().hasAlpha()) {
            throw new FileFormatException(name, name + " has an alpha channel (a tRNS chunk); SalientSI reads 8-bit "
                    + "grey or RGB PNGs (drop the transparency)");
        }
        Raster raster = img.getRaster();
        int bands = raster.getNumBands();
        for (int b = 0; b < bands; b++) {
            int bits = raster.getSampleModel().getSampleSize(b);
            if (bits != 8) {
                throw new FileFormatException(name, name + " has " + bits + "-bit samples; SalientSI reads 8-bit grey "
                        + "or RGB PNGs (for other depths save a .npy array)");
            }
        }
        if ((bands != 1 && bands != 3) || bands != h.channels() || img.getWidth() != h.width()
                || img.getHeight() != h.height()) {
            throw new FileFormatException(name, name + " decodes to " + img.getWidth() + " x " + img.getHeight() + " x "
                    + bands + ", not the " + h.width() + " x " + h.height() + " x " + h.channels()
                    + " of its header");
        }
        int height = img.getHeight();
        int width = img.getWidth();
        double[] hwc = new double[height * width * bands];
        int[] row = new int[width * bands];
        for (int y = 0; y < height; y++) {
            raster.getPixels(0, y, width, 1, row);
            int base = y * width * bands;
            for (int i = 0; i < row.length; i++) {
                hwc[base + i] = row[i] / 255.0;
            }
        }
        return Image.of(name, ImageShape.of(height, width, bands), hwc);
    }

    /**
     * Walks the chunks (length, type, data, CRC-32) up to {@code IEND}: the JDK's reader accepts some
     * truncated files (a cut in the last data chunk), so completeness and checksums are checked here.
     */
    private static void checkChunks(String name, byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        long pos = PngHeader.SIGNATURE.length;
        CRC32 crc = new CRC32();
        while (true) {
            if (pos + 8 > bytes.length) {
                throw new FileFormatException(name, name + " is a truncated PNG (it ends before its IEND chunk)");
            }
            int at = (int) pos;
            long length = buf.getInt(at) & 0xffffffffL;
            String type = new String(bytes, at + 4, 4, StandardCharsets.ISO_8859_1);
            if (pos + 12 + length > bytes.length) {
                throw new FileFormatException(name, name + " is a truncated PNG (chunk " + printable(type)
                        + " is cut short)");
            }
            crc.reset();
            crc.update(bytes, at + 4, (int) (4 + length));
            long stored = buf.getInt(at + 8 + (int) length) & 0xffffffffL;
            if (crc.getValue() != stored) {
                throw new FileFormatException(name, name + " is a corrupt PNG (chunk " + printable(type)
                        + " fails its CRC check)");
            }
            pos += 12 + length;
            if (type.equals("IEND")) {
                return;
            }
        }
    }

    private static String printable(String type) {
        StringBuilder b = new StringBuilder();
        for (char c : type.toCharArray()) {
            b.append(c >= 0x21 && c < 0x7f ? String.valueOf(c) : "?");
        }
        return b.toString();
    }

    private static BufferedImage decoded(String name, byte[] bytes) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("png");
        if (!readers.hasNext()) {
            throw new FileFormatException(name, "cannot read " + name + ": this Java runtime has no PNG reader");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            return reader.read(0);
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new FileFormatException(name, name + " is a corrupt or truncated PNG (" + why.replace('\n', ' ')
                    + ")", e);
        } finally {
            reader.dispose();
        }
    }

    /**
     * Writes an image as an 8-bit grey (one channel) or RGB (three channels) PNG, each value {@code v}
     * stored as {@code round(255 v)}: {@link #read} gives back values within 1/510 of these.
     *
     * @param file destination
     * @param image values in [0, 1], one or three channels
     * @throws IOException on write failure
     * @throws InvalidInputException for another channel count or a value outside [0, 1]
     */
    public static void write(Path file, Image image) throws IOException {
        Files.write(file, encode(image));
    }

    /**
     * @param image values in [0, 1], one or three channels
     * @return the bytes of an 8-bit grey or RGB PNG of it
     * @throws InvalidInputException for another channel count or a value outside [0, 1]
     */
    public static byte[] encode(Image image) {
        ImageShape s = image.shape();
        if (s.channels() != 1 && s.channels() != 3) {
            throw new InvalidInputException("a PNG holds 1 (grey) or 3 (RGB) channels, the image has " + s.channels());
        }
        double[] v = image.toArray();
        int[] samples = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] >= 0 && v[i] <= 1)) {
                throw new InvalidInputException("a PNG holds values in [0, 1], the image has " + v[i] + " at index "
                        + i);
            }
            samples[i] = (int) Math.round(v[i] * 255);
        }
        BufferedImage img = new BufferedImage(s.width(), s.height(),
                s.channels() == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        WritableRaster raster = img.getRaster();
        raster.setPixels(0, 0, s.width(), s.height(), samples);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, "png", out)) {
                throw new IllegalStateException("this Java runtime has no PNG writer");
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing a PNG to memory failed", e);
        }
        return Arrays.copyOf(out.toByteArray(), out.size());
    }
}
