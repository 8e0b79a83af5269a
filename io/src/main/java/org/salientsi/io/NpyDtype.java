package org.salientsi.io;

import java.nio.ByteOrder;
import java.util.Objects;

/**
 * The element type of a {@code .npy} array: a {@link Kind} and a byte order. Its {@link #descr()} is the
 * string NumPy writes ({@code '<f8'}, {@code '>i4'}, {@code '|u1'}).
 *
 * @param kind the element kind
 * @param order the byte order (little-endian for one-byte kinds, where it does not matter)
 */
public record NpyDtype(Kind kind, ByteOrder order) {

    /** float64, little-endian: what {@link Npy#write} writes by default. */
    public static final NpyDtype FLOAT64 = new NpyDtype(Kind.FLOAT64, ByteOrder.LITTLE_ENDIAN);

    /** float32, little-endian. */
    public static final NpyDtype FLOAT32 = new NpyDtype(Kind.FLOAT32, ByteOrder.LITTLE_ENDIAN);

    /** The element kinds read: NumPy's type code and size in bytes. */
    public enum Kind {
        /** {@code bool}: one byte, 0 or 1. */
        BOOL('b', 1),
        /** {@code int8}. */
        INT8('i', 1),
        /** {@code uint8}. */
        UINT8('u', 1),
        /** {@code int16}. */
        INT16('i', 2),
        /** {@code uint16}. */
        UINT16('u', 2),
        /** {@code int32}. */
        INT32('i', 4),
        /** {@code uint32}. */
        UINT32('u', 4),
        /** {@code int64} (values beyond 2^53 in magnitude are refused: a double would round them). */
        INT64('i', 8),
        /** {@code uint64} (values beyond 2^53 are refused). */
        UINT64('u', 8),
        /** {@code float32}. */
        FLOAT32('f', 4),
        /** {@code float64}. */
        FLOAT64('f', 8);

        private final char code;
        private final int bytes;

        Kind(char code, int bytes) {
            this.code = code;
            this.bytes = bytes;
        }

        /** @return the size of one element in bytes */
        public int bytes() {
            return bytes;
        }

        /** @return whether the kind is a floating-point one */
        public boolean isFloat() {
            return code == 'f';
        }
    }

    /** Requires a kind and an order. */
    public NpyDtype {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(order, "order");
        if (kind.bytes == 1) {
            order = ByteOrder.LITTLE_ENDIAN;
        }
    }

    /**
     * @param file the file's name, for messages
     * @param descr a NumPy type string: a byte order ({@code <} little, {@code >} big, {@code =} native,
     *     which SalientSI takes as little-endian, {@code |} not applicable, for one-byte kinds only), a kind
     *     ({@code b}, {@code i}, {@code u}, {@code f}) and a size
     * @return the dtype
     * @throws FileFormatException for any other string, naming the file and the supported types
     */
    public static NpyDtype parse(String file, String descr) {
        if (descr.length() >= 3) {
            char o = descr.charAt(0);
            char code = descr.charAt(1);
            String size = descr.substring(2);
            for (Kind k : Kind.values()) {
                if (k.code == code && size.equals(String.valueOf(k.bytes))) {
                    if (o == '<' || o == '=') {
                        return new NpyDtype(k, ByteOrder.LITTLE_ENDIAN);
                    }
                    if (o == '>') {
                        return new NpyDtype(k, ByteOrder.BIG_ENDIAN);
                    }
                    if (o == '|' && k.bytes == 1) {
                        return new NpyDtype(k, ByteOrder.LITTLE_ENDIAN);
                    }
                }
            }
        }
        throw new FileFormatException(file, file + " has dtype '" + descr + "'; SalientSI reads float32 and float64 "
                + "arrays (and bool and integer arrays of up to 8 bytes) in either byte order (numpy: "
                + "a.astype('float64'))");
    }

    /** @return NumPy's type string, e.g. {@code '<f8'} */
    public String descr() {
        char o = kind.bytes == 1 ? '|' : order == ByteOrder.BIG_ENDIAN ? '>' : '<';
        return "" + o + kind.code + kind.bytes;
    }

    @Override
    public String toString() {
        return descr();
    }
}
