package org.salientsi.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** Hand-made {@code .npy} bytes for the tests: any version, any header text, any data. */
final class NpyBytes {

    private NpyBytes() {
    }

    /**
     * @param major the version's major number (1 writes a 2-byte header length, others 4 bytes)
     * @param minor the version's minor number
     * @param header the header text, written as is (no padding added)
     * @param data the bytes after the header
     * @return the file's bytes
     */
    static byte[] of(int major, int minor, String header, byte[] data) {
        Charset cs = major >= 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        byte[] h = header.getBytes(cs);
        int pre = major == 1 ? 10 : 12;
        ByteBuffer b = ByteBuffer.allocate(pre + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) major).put((byte) minor);
        if (major == 1) {
            b.putShort((short) h.length);
        } else {
            b.putInt(h.length);
        }
        return b.put(h).put(data).array();
    }

    /**
     * @param header the header dict
     * @param doubles little-endian float64 values after it
     * @return version 1.0 bytes
     */
    static byte[] v1(String header, double... doubles) {
        ByteBuffer d = ByteBuffer.allocate(8 * doubles.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : doubles) {
            d.putDouble(v);
        }
        return of(1, 0, header + "\n", d.array());
    }
}
