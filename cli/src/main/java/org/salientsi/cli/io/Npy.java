package org.salientsi.cli.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.salientsi.api.error.InvalidInputException;

/**
 * The NumPy {@code .npy} format (versions 1 to 3): float32 and float64 arrays in either byte order,
 * C or Fortran order. Anything else is refused with a message naming the file.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /**
     * @param file a {@code .npy} file
     * @return its array
     * @throws InvalidInputException if the file is missing, not a .npy file, truncated or of another dtype
     */
    public static NpyArray read(Path file) {
        return parse(file.getFileName() == null ? file.toString() : file.getFileName().toString(), bytes(file));
    }

    /**
     * @param file a file
     * @return its content
     * @throws InvalidInputException if it is missing or unreadable, naming it
     */
    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("file not found: " + file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * @param name the file's name, for messages
     * @param bytes its content
     * @return the array
     */
    public static NpyArray parse(String name, byte[] bytes) {
        if (bytes.length == 0) {
            throw new InvalidInputException(name + " is empty, not a .npy array");
        }
        if (bytes.length < 10) {
            throw new InvalidInputException(name + " is not a .npy file (too short)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw new InvalidInputException(name + " is not a .npy file (no \\x93NUMPY signature)");
            }
        }
        int major = bytes[6] & 0xff;
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = buf.getShort(8) & 0xffff;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new InvalidInputException(name + " is truncated (header)");
            }
            headerLength = buf.getInt(8);
            headerStart = 12;
        } else {
            throw new InvalidInputException(name + " has .npy format version " + major + ", supported are 1 to 3");
        }
        if (headerLength < 0 || headerStart + headerLength > bytes.length) {
            throw new InvalidInputException(name + " is truncated (header)");
        }
        String header = new String(bytes, headerStart, headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, name, "descr");
        boolean fortran = group(FORTRAN, header, name, "fortran_order").equals("True");
        int[] shape = shape(group(SHAPE, header, name, "shape"), name);
        int width;
        ByteOrder order;
        switch (descr) {
            case "<f8", "=f8" -> {
                width = 8;
                order = ByteOrder.LITTLE_ENDIAN;
            }
            case ">f8" -> {
                width = 8;
                order = ByteOrder.BIG_ENDIAN;
            }
            case "<f4", "=f4" -> {
                width = 4;
                order = ByteOrder.LITTLE_ENDIAN;
            }
            case ">f4" -> {
                width = 4;
                order = ByteOrder.BIG_ENDIAN;
            }
            default -> throw new InvalidInputException(name + " has dtype '" + descr
                    + "'; SalientSI reads float32 and float64 arrays (numpy: a.astype('float64'))");
        }
        long count = 1;
        for (int d : shape) {
            count *= d;
        }
        int dataStart = headerStart + headerLength;
        long needed = count * width;
        if (count > Integer.MAX_VALUE || dataStart + needed > bytes.length) {
            throw new InvalidInputException(name + " is truncated: shape " + java.util.Arrays.toString(shape)
                    + " needs " + needed + " bytes of data, the file has " + (bytes.length - dataStart));
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, (int) needed).slice().order(order);
        double[] values = new double[(int) count];
        for (int i = 0; i < values.length; i++) {
            values[i] = width == 8 ? data.getDouble(i * 8) : data.getFloat(i * 4);
        }
        if (fortran && shape.length > 1) {
            values = fortranToC(values, shape);
        }
        return new NpyArray(name, shape, values);
    }

    private static String group(Pattern p, String header, String name, String key) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new InvalidInputException(name + " has a malformed .npy header (no '" + key + "')");
        }
        return m.group(1);
    }

    private static int[] shape(String text, String name) {
        List<Integer> dims = new ArrayList<>();
        for (String part : text.split(",")) {
            String t = part.trim();
            if (t.isEmpty()) {
                continue;
            }
            try {
                int d = Integer.parseInt(t.endsWith("L") ? t.substring(0, t.length() - 1) : t);
                if (d < 0) {
                    throw new NumberFormatException();
                }
                dims.add(d);
            } catch (NumberFormatException e) {
                throw new InvalidInputException(name + " has a malformed .npy shape (" + text + ")");
            }
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Reorders column-major values into row-major order. */
    private static double[] fortranToC(double[] f, int[] shape) {
        int rank = shape.length;
        double[] c = new double[f.length];
        int[] idx = new int[rank];
        for (int k = 0; k < f.length; k++) {
            // k is the C-order index; compute the Fortran-order offset of the same element
            int rem = k;
            for (int d = rank - 1; d >= 0; d--) {
                idx[d] = rem % shape[d];
                rem /= shape[d];
            }
            int off = 0;
            int stride = 1;
            for (int d = 0; d < rank; d++) {
                off += idx[d] * stride;
                stride *= shape[d];
            }
            c[k] = f[off];
        }
        return c;
    }

    /**
     * Writes a float64 array in C order (.npy version 1).
     *
     * @param file destination
     * @param shape dimensions
     * @param values C-order values
     * @throws IOException on write failure
     */
    public static void write(Path file, int[] shape, double[] values) throws IOException {
        StringBuilder dims = new StringBuilder();
        for (int d : shape) {
            dims.append(d).append(", ");
        }
        if (shape.length > 1) {
            dims.setLength(dims.length() - 2);
        } else if (shape.length == 1) {
            dims.setLength(dims.length() - 1);
        }
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + dims + "), }";
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer buf = ByteBuffer.allocate(10 + header.length() + values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        buf.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (double v : values) {
            buf.putDouble(v);
        }
        Files.write(file, buf.array());
    }
}
