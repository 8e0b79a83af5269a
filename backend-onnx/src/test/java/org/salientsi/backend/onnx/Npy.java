package org.salientsi.backend.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal .npy reader for the test fixtures: little-endian float64 ({@code '<f8'}) or float32
 * ({@code '<f4'}), C order, format versions 1 to 3.
 *
 * @param shape the array's shape
 * @param data the values in C (row-major) order
 */
record Npy(int[] shape, double[] data) {

    static Npy read(Path p) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[6];
        b.get(magic);
        if (magic[0] != (byte) 0x93 || !new String(magic, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
            throw new IOException("not an .npy file: " + p);
        }
        int major = b.get() & 0xff;
        b.get();
        int headerLength = major == 1 ? b.getShort() & 0xffff : b.getInt();
        byte[] header = new byte[headerLength];
        b.get(header);
        String h = new String(header, major >= 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        boolean f8 = h.contains("'<f8'");
        if (!f8 && !h.contains("'<f4'")) {
            throw new IOException(p + ": only little-endian float64/float32 are read here: " + h);
        }
        if (h.contains("'fortran_order': True")) {
            throw new IOException(p + ": Fortran order is not read here");
        }
        Matcher m = Pattern.compile("'shape': \\(([^)]*)\\)").matcher(h);
        if (!m.find()) {
            throw new IOException(p + ": no shape in " + h);
        }
        String[] parts = m.group(1).split(",");
        int[] shape = java.util.Arrays.stream(parts).map(String::trim).filter(s -> !s.isEmpty())
                .mapToInt(Integer::parseInt).toArray();
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        double[] data = new double[n];
        for (int i = 0; i < n; i++) {
            data[i] = f8 ? b.getDouble() : b.getFloat();
        }
        return new Npy(shape, data);
    }
}
