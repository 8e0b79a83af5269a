package org.salientsi.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;

/**
 * The NumPy {@code .npy} format, versions 1.0, 2.0 and 3.0: reading arrays of bool, integer (up to 8 bytes)
 * and float (4 or 8 bytes) elements in either byte order and either memory order (Fortran-order data is
 * transposed to C order), and writing float64 or float32 arrays in C order (version 1.0).
 *
 * <p>Reading is strict and checks sizes before it allocates: the path must be a regular file; the version
 * one of the three; the header at most {@value #MAX_HEADER_BYTES} bytes (NumPy's own default limit) and a
 * Python literal dict of exactly {@code descr}, {@code fortran_order} and {@code shape} ({@link NpyHeader});
 * the element count must not overflow, must fill the rest of the file exactly (no truncation, no trailing
 * bytes) and must be within the {@link ReadLimits}. Only then are the values read, in chunks.
 */
public final class Npy {

    /** The most header bytes read, as NumPy's {@code max_header_size} default. */
    public static final int MAX_HEADER_BYTES = 10_000;

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int CHUNK = 1 << 16;
    private static final long MAX_EXACT = 1L << 53;

    private Npy() {
    }

    /**
     * @param file a {@code .npy} file
     * @return its array, named by the file's name, at most {@link ReadLimits#DEFAULT} elements
     * @throws FileFormatException if the file is missing, not a regular file, not a .npy file, malformed,
     *     truncated or of another dtype
     * @throws SizeLimitException if it holds more elements than the default limit
     */
    public static NpyArray read(Path file) {
        return read(file, ReadLimits.DEFAULT);
    }

    /**
     * @param file a {@code .npy} file
     * @param limits the most elements to allocate
     * @return its array, named by the file's name
     * @throws FileFormatException if the file is missing, not a regular file, not a .npy file, malformed,
     *     truncated or of another dtype
     * @throws SizeLimitException if it holds more elements than the limits allow
     */
    public static NpyArray read(Path file, ReadLimits limits) {
        Objects.requireNonNull(limits, "limits");
        try (RegularFile in = RegularFile.open(file)) {
            return read(name(file), in, limits);
        }
    }

    /**
     * @param name the file's name, for messages and as the array's name
     * @param bytes its content
     * @return the array, at most {@link ReadLimits#DEFAULT} elements
     * @throws FileFormatException if the bytes are not a complete .npy array SalientSI reads
     * @throws SizeLimitException if they hold more elements than the default limit
     */
    public static NpyArray parse(String name, byte[] bytes) {
        return parse(name, bytes, ReadLimits.DEFAULT);
    }

    /**
     * @param name the file's name, for messages and as the array's name
     * @param bytes its content
     * @param limits the most elements to allocate
     * @return the array
     * @throws FileFormatException if the bytes are not a complete .npy array SalientSI reads
     * @throws SizeLimitException if they hold more elements than the limits allow
     */
    public static NpyArray parse(String name, byte[] bytes, ReadLimits limits) {
        Objects.requireNonNull(limits, "limits");
        return read(name, ByteSource.of(name, bytes), limits);
    }

    /**
     * @param file a {@code .npy} file
     * @return its header, without reading its data; the data's size is checked against the file's
     * @throws FileFormatException if the file is not a .npy file with a valid header and exactly the data it
     *     announces
     * @throws SizeLimitException if the element count overflows
     */
    public static NpyHeader readHeader(Path file) {
        try (RegularFile in = RegularFile.open(file)) {
            return header(name(file), in).header();
        }
    }

    private record Located(NpyHeader header, long dataOffset) {
    }

    private static NpyArray read(String name, ByteSource in, ReadLimits limits) {
        Located at = header(name, in);
        NpyHeader h = at.header();
        limits.check(name, h.elements(), "has shape " + h.shapeText());
        double[] values = new double[(int) h.elements()];
        readValues(name, in, at.dataOffset(), h, values);
        return new NpyArray(name, h.shape(), h.dtype(), values);
    }

    private static Located header(String name, ByteSource in) {
        long size = in.size();
        if (size == 0) {
            throw new FileFormatException(name, name + " is empty, not a .npy array");
        }
        if (size < 10) {
            throw new FileFormatException(name, name + " is not a .npy file (too short)");
        }
        ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        pre.limit(10);
        in.readFully(pre, 0, "preamble");
        for (int i = 0; i < MAGIC.length; i++) {
            if (pre.get(i) != MAGIC[i]) {
                throw new FileFormatException(name, name + " is not a .npy file (no \\x93NUMPY signature)");
            }
        }
        int major = pre.get(6) & 0xff;
        int minor = pre.get(7) & 0xff;
        if (major < 1 || major > 3 || minor != 0) {
            throw new FileFormatException(name, name + " has .npy format version " + major + "." + minor
                    + "; SalientSI reads versions 1.0, 2.0 and 3.0");
        }
        long headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = pre.getShort(8) & 0xffff;
            headerStart = 10;
        } else {
            if (size < 12) {
                throw new FileFormatException(name, name + " is truncated (it ends in its header length)");
            }
            pre.limit(12);
            in.readFully(pre.position(10), 10, "header length");
            headerLength = pre.getInt(8) & 0xffffffffL;
            headerStart = 12;
        }
        if (headerStart + headerLength > size) {
            throw new FileFormatException(name, name + " is truncated: its .npy header claims " + headerLength
                    + " bytes, the file has " + (size - headerStart) + " after the preamble");
        }
        if (headerLength > MAX_HEADER_BYTES) {
            throw new FileFormatException(name, name + " has a .npy header of " + headerLength + " bytes, more than "
                    + MAX_HEADER_BYTES + " (NumPy's own limit)");
        }
        ByteBuffer raw = ByteBuffer.allocate((int) headerLength);
        in.readFully(raw, headerStart, "header");
        raw.flip();
        String text = decode(name, raw, major);
        NpyHeader h = NpyHeader.parse(name, major, text);
        long dataOffset = headerStart + headerLength;
        long needed;
        try {
            needed = Math.multiplyExact(h.elements(), (long) h.dtype().kind().bytes());
        } catch (ArithmeticException e) {
            throw new SizeLimitException(name, h.elements(), Long.MAX_VALUE, name + " has shape " + h.shapeText()
                    + " of " + h.dtype().descr() + ": its byte count overflows a 64-bit integer");
        }
        long remaining = size - dataOffset;
        if (needed > remaining) {
            throw new FileFormatException(name, name + " is truncated: shape " + h.shapeText() + " of "
                    + h.dtype().descr() + " needs " + needed + " bytes of data, the file has " + remaining);
        }
        if (needed < remaining) {
            throw new FileFormatException(name, name + " has " + (remaining - needed) + " bytes after its data (shape "
                    + h.shapeText() + " of " + h.dtype().descr() + " needs " + needed + "); a .npy file ends with its "
                    + "data");
        }
        return new Located(h, dataOffset);
    }

    private static String decode(String name, ByteBuffer raw, int major) {
        if (major < 3) {
            return StandardCharsets.ISO_8859_1.decode(raw).toString();
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(raw);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new FileFormatException(name, name + " has a .npy version 3.0 header that is not valid UTF-8", e);
        }
    }

    private static void readValues(String name, ByteSource in, long offset, NpyHeader h, double[] out) {
        NpyDtype.Kind kind = h.dtype().kind();
        int width = kind.bytes();
        int[] shape = h.shape();
        boolean transpose = h.fortranOrder() && shape.length > 1;
        // the C-order strides, and the file-order index (first dimension fastest) when transposing
        long[] stride = new long[shape.length];
        long s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            stride[d] = s;
            s *= shape[d];
        }
        int[] index = new int[shape.length];
        long target = 0;
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(width, (long) out.length * width)))
                .order(h.dtype().order());
        long position = offset;
        int k = 0;
        while (k < out.length) {
            int n = (int) Math.min(chunk.capacity() / width, out.length - (long) k);
            chunk.clear().limit(n * width);
            in.readFully(chunk, position, "data");
            position += (long) n * width;
            chunk.flip();
            for (int j = 0; j < n; j++, k++) {
                double v = value(name, kind, chunk, j * width, k);
                if (!transpose) {
                    out[k] = v;
                    continue;
                }
                out[(int) target] = v;
                for (int d = 0; d < shape.length; d++) {
                    target += stride[d];
                    if (++index[d] < shape[d]) {
                        break;
                    }
                    target -= stride[d] * shape[d];
                    index[d] = 0;
                }
            }
        }
    }

    private static double value(String name, NpyDtype.Kind kind, ByteBuffer b, int at, int k) {
        switch (kind) {
            case BOOL -> {
                byte v = b.get(at);
                if (v != 0 && v != 1) {
                    throw new FileFormatException(name, name + " has bool element " + k + " stored as byte "
                            + (v & 0xff) + "; bools are 0 or 1");
                }
                return v;
            }
            case INT8 -> {
                return b.get(at);
            }
            case UINT8 -> {
                return b.get(at) & 0xff;
            }
            case INT16 -> {
                return b.getShort(at);
            }
            case UINT16 -> {
                return b.getShort(at) & 0xffff;
            }
            case INT32 -> {
                return b.getInt(at);
            }
            case UINT32 -> {
                return b.getInt(at) & 0xffffffffL;
            }
            case INT64 -> {
                long v = b.getLong(at);
                if (v > MAX_EXACT || v < -MAX_EXACT) {
                    throw inexact(name, k, Long.toString(v));
                }
                return v;
            }
            case UINT64 -> {
                long v = b.getLong(at);
                if (v < 0 || v > MAX_EXACT) {
                    throw inexact(name, k, Long.toUnsignedString(v));
                }
                return v;
            }
            case FLOAT32 -> {
                return b.getFloat(at);
            }
            case FLOAT64 -> {
                return b.getDouble(at);
            }
            default -> throw new IllegalStateException("unhandled kind " + kind);
        }
    }

    private static FileFormatException inexact(String name, int k, String value) {
        return new FileFormatException(name, name + " has element " + k + " = " + value
                + ", beyond 2^53 where a double would round it");
    }

    /**
     * Writes a float64 array in C order (.npy version 1.0).
     *
     * @param file destination
     * @param shape dimensions
     * @param values C-order values
     * @throws IOException on write failure
     */
    public static void write(Path file, int[] shape, double[] values) throws IOException {
        write(file, shape, values, NpyDtype.FLOAT64);
    }

    /**
     * Writes a float array in C order (.npy version 1.0).
     *
     * @param file destination
     * @param shape dimensions
     * @param values C-order values (rounded to float32 for {@link NpyDtype.Kind#FLOAT32})
     * @param dtype a float32 or float64 type, either byte order
     * @throws IOException on write failure
     */
    public static void write(Path file, int[] shape, double[] values, NpyDtype dtype) throws IOException {
        Files.write(file, encode(shape, values, dtype));
    }

    /**
     * Writes an image as a float64 array: shape {@code (H, W)} for one channel, else {@code (H, W, C)}.
     *
     * @param file destination
     * @param image the image
     * @throws IOException on write failure
     */
    public static void write(Path file, Image image) throws IOException {
        ImageShape s = image.shape();
        int[] shape = s.channels() == 1 ? new int[] {s.height(), s.width()}
                : new int[] {s.height(), s.width(), s.channels()};
        write(file, shape, image.toArray());
    }

    /**
     * @param shape dimensions
     * @param values C-order values
     * @param dtype a float32 or float64 type, either byte order
     * @return the bytes of a .npy version 1.0 file holding them
     * @throws InvalidInputException if the dtype is not a float type, a dimension is negative or the values
     *     do not fill the shape
     */
    public static byte[] encode(int[] shape, double[] values, NpyDtype dtype) {
        if (!dtype.kind().isFloat()) {
            throw new InvalidInputException("Npy writes float32 and float64 arrays, not " + dtype.descr());
        }
        long n = 1;
        StringBuilder dims = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw new InvalidInputException("negative dimension in shape of " + shape.length + " dimensions");
            }
            n = Math.multiplyExact(n, shape[i]);
            dims.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        if (shape.length == 1) {
            dims.append(',');
        }
        if (n != values.length) {
            throw new InvalidInputException("shape needs " + n + " values, got " + values.length);
        }
        String dict = "{'descr': '" + dtype.descr() + "', 'fortran_order': False, 'shape': (" + dims + "), }";
        int pad = (64 - (10 + dict.length() + 1) % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        int width = dtype.kind().bytes();
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(10 + header.length() + n * width))
                .order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        buf.put(header.getBytes(StandardCharsets.ISO_8859_1));
        buf.order(dtype.order());
        for (double v : values) {
            if (width == 8) {
                buf.putDouble(v);
            } else {
                buf.putFloat((float) v);
            }
        }
        return buf.array();
    }

    static String name(Path file) {
        return file.getFileName() == null ? file.toString() : file.getFileName().toString();
    }
}
