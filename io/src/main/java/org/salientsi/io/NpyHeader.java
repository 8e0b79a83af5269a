package org.salientsi.io;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The header of a {@code .npy} file: format version, element type, memory order and shape, parsed from the
 * Python literal dict the file holds ({@link PythonLiteral}): exactly the keys {@code descr} (a type string),
 * {@code fortran_order} ({@code True} or {@code False}) and {@code shape} (a tuple of non-negative integers).
 *
 * @param major the format's major version, 1, 2 or 3 (3 has a UTF-8 header)
 * @param dtype the element type
 * @param fortranOrder whether the data is in column-major (Fortran) order
 * @param shape the dimensions, each {@code >= 0}; empty for a scalar
 * @param elements the element count, the product of the dimensions (1 for a scalar)
 */
public record NpyHeader(int major, NpyDtype dtype, boolean fortranOrder, int[] shape, long elements) {

    /** Most dimensions a shape may have (NumPy 2's limit). */
    public static final int MAX_RANK = 64;

    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

    /** Copies the shape. */
    public NpyHeader {
        shape = shape.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /**
     * @param file the file's name, for messages
     * @param major the format's major version
     * @param text the header's text (the dict, padded with white space)
     * @return the header
     * @throws FileFormatException if the text is not a dict of exactly the three keys with values of their
     *     types, naming the file and the problem
     * @throws SizeLimitException if the element count overflows a long
     */
    static NpyHeader parse(String file, int major, String text) {
        Map<String, Object> dict = PythonLiteral.parseDict(file, text, major < 3);
        for (String key : dict.keySet()) {
            if (!KEYS.contains(key)) {
                throw new FileFormatException(file, file + " has an unexpected key '" + key + "' in its .npy header "
                        + "(a .npy header holds exactly 'descr', 'fortran_order' and 'shape')");
            }
        }
        for (String key : List.of("descr", "fortran_order", "shape")) {
            if (!dict.containsKey(key)) {
                throw new FileFormatException(file, file + " has a malformed .npy header (no '" + key + "')");
            }
        }
        if (!(dict.get("descr") instanceof String descr)) {
            throw new FileFormatException(file, file + " has descr " + show(dict.get("descr"))
                    + " in its .npy header; SalientSI reads plain dtypes such as '<f8', not structured arrays");
        }
        NpyDtype dtype = NpyDtype.parse(file, descr);
        if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
            throw new FileFormatException(file, file + " has fortran_order " + show(dict.get("fortran_order"))
                    + " in its .npy header; it must be True or False");
        }
        if (!(dict.get("shape") instanceof List<?> dims)) {
            throw new FileFormatException(file, file + " has shape " + show(dict.get("shape"))
                    + " in its .npy header; it must be a tuple of integers such as (28, 28)");
        }
        if (dims.size() > MAX_RANK) {
            throw new FileFormatException(file, file + " has a shape of " + dims.size() + " dimensions, more than "
                    + MAX_RANK);
        }
        String shapeText = show(dims);
        long elements = 1;
        boolean overflow = false;
        boolean zero = false;
        for (Object d : dims) {
            if (!(d instanceof BigInteger dim)) {
                throw new FileFormatException(file, file + " has shape " + shapeText + " in its .npy header; it must "
                        + "be a tuple of integers");
            }
            if (dim.signum() < 0) {
                throw new FileFormatException(file, file + " has a negative dimension in its shape " + shapeText);
            }
            zero |= dim.signum() == 0;
            if (!overflow) {
                try {
                    elements = Math.multiplyExact(elements, dim.longValueExact());
                } catch (ArithmeticException e) {
                    overflow = true;
                }
            }
        }
        if (zero) {
            elements = 0;
        } else if (overflow) {
            throw new SizeLimitException(file, Long.MAX_VALUE, Long.MAX_VALUE, file + " has shape " + shapeText
                    + ": its element count overflows a 64-bit integer");
        }
        int[] shape = new int[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            BigInteger dim = (BigInteger) dims.get(i);
            if (dim.bitLength() > 31) {
                throw new SizeLimitException(file, elements, Integer.MAX_VALUE, file + " has shape " + shapeText
                        + ": dimension " + dim + " exceeds " + Integer.MAX_VALUE);
            }
            shape[i] = dim.intValueExact();
        }
        return new NpyHeader(major, dtype, fortran, shape, elements);
    }

    /** @return the shape as NumPy prints it, e.g. {@code (2, 3)} or {@code (3,)} */
    public String shapeText() {
        return show(Arrays.stream(shape).boxed().toList());
    }

    private static String show(Object value) {
        if (value instanceof String s) {
            return "'" + s + "'";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value instanceof List<?> items) {
            StringBuilder b = new StringBuilder("(");
            for (int i = 0; i < items.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(show(items.get(i)));
            }
            return b.append(items.size() == 1 ? ",)" : ")").toString();
        }
        String s = String.valueOf(value);
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyHeader h && h.major == major && h.dtype.equals(dtype) && h.fortranOrder == fortranOrder
                && Arrays.equals(h.shape, shape) && h.elements == elements;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + dtype.hashCode() + (fortranOrder ? 1 : 0) + major * 7;
    }

    @Override
    public String toString() {
        return "NpyHeader[v" + major + ".0, " + dtype + ", fortran_order=" + fortranOrder + ", shape=" + shapeText()
                + "]";
    }
}
