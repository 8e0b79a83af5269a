package org.salientsi.backend.onnx.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable constant tensor of an ONNX graph (an initializer, a {@code Constant} node or a folded
 * value): its dimensions and its values in row-major order. Floating-point types (float32, float64)
 * keep their values as {@code double}; integer and boolean types as {@code long}, so that shape
 * arithmetic stays exact.
 */
public final class ConstTensor {

    private final long[] dims;
    private final double[] reals;
    private final long[] ints;
    private final int onnxType;

    private ConstTensor(long[] dims, double[] reals, long[] ints, int onnxType) {
        this.dims = dims;
        this.reals = reals;
        this.ints = ints;
        this.onnxType = onnxType;
        long n = count(dims);
        int have = reals != null ? reals.length : ints.length;
        if (n != have) {
            throw new IllegalArgumentException("tensor of dims " + Arrays.toString(dims) + " needs " + n
                    + " values, got " + have);
        }
    }

    /**
     * @param dims dimensions (empty for a scalar), copied
     * @param values values in row-major order, copied
     * @param onnxType the ONNX element type ({@link OnnxTypes#FLOAT} or {@link OnnxTypes#DOUBLE})
     * @return the tensor
     */
    public static ConstTensor ofReals(long[] dims, double[] values, int onnxType) {
        return new ConstTensor(dims.clone(), values.clone(), null, onnxType);
    }

    /**
     * @param dims dimensions (empty for a scalar), copied
     * @param values values in row-major order, copied
     * @param onnxType the ONNX element type (an integer or boolean type)
     * @return the tensor
     */
    public static ConstTensor ofInts(long[] dims, long[] values, int onnxType) {
        return new ConstTensor(dims.clone(), null, values.clone(), onnxType);
    }

    private static long[] toLongs(double[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (long) v[i];
        }
        return out;
    }

    /**
     * @param values values of a 1-D int64 tensor
     * @return the tensor
     */
    public static ConstTensor int64Vector(long... values) {
        return new ConstTensor(new long[] {values.length}, null, values.clone(), OnnxTypes.INT64);
    }

    /**
     * @param value a value
     * @return a float32 scalar
     */
    public static ConstTensor floatScalar(double value) {
        return new ConstTensor(new long[0], new double[] {value}, null, OnnxTypes.FLOAT);
    }

    /**
     * @param dims dimensions
     * @return the number of elements, 1 for a scalar
     */
    public static long count(long[] dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    /** @return a copy of the dimensions */
    public long[] dims() {
        return dims.clone();
    }

    /**
     * @param axis an axis
     * @return its length
     */
    public long dim(int axis) {
        return dims[axis];
    }

    /** @return the rank */
    public int rank() {
        return dims.length;
    }

    /** @return the number of elements */
    public int size() {
        return reals != null ? reals.length : ints.length;
    }

    /** @return the ONNX element type */
    public int onnxType() {
        return onnxType;
    }

    /** @return whether the values are integers (integer and boolean ONNX types) */
    public boolean isInteger() {
        return ints != null;
    }

    /**
     * @param i flat index
     * @return the element as a double
     */
    public double real(int i) {
        return reals != null ? reals[i] : (double) ints[i];
    }

    /**
     * @param i flat index
     * @return the element as a long (floating-point values are truncated toward zero)
     */
    public long integer(int i) {
        return ints != null ? ints[i] : (long) reals[i];
    }

    /** @return the values as doubles (a copy) */
    public double[] reals() {
        if (reals != null) {
            return reals.clone();
        }
        double[] out = new double[ints.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = ints[i];
        }
        return out;
    }

    /** @return the values as longs (a copy; floating-point values truncated toward zero) */
    public long[] integers() {
        return ints != null ? ints.clone() : toLongs(reals);
    }

    /**
     * A tensor of the same element type with other dimensions and the elements at the given flat
     * indices of this one.
     *
     * @param newDims the new dimensions
     * @param source for each new element, the flat index of this tensor's element
     * @return the tensor
     */
    public ConstTensor gather(long[] newDims, int[] source) {
        if (reals != null) {
            double[] v = new double[source.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = reals[source[i]];
            }
            return new ConstTensor(newDims.clone(), v, null, onnxType);
        }
        long[] v = new long[source.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = ints[source[i]];
        }
        return new ConstTensor(newDims.clone(), null, v, onnxType);
    }

    /**
     * @param newDims dimensions with the same element count
     * @return the same values with other dimensions
     */
    public ConstTensor reshape(long[] newDims) {
        return reals != null ? new ConstTensor(newDims.clone(), reals, null, onnxType)
                : new ConstTensor(newDims.clone(), null, ints, onnxType);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConstTensor t && onnxType == t.onnxType && Arrays.equals(dims, t.dims)
                && Arrays.equals(reals, t.reals) && Arrays.equals(ints, t.ints);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(dims), Arrays.hashCode(reals), Arrays.hashCode(ints), onnxType);
    }

    @Override
    public String toString() {
        String values = size() <= 8
                ? (reals != null ? Arrays.toString(reals) : Arrays.toString(ints))
                : size() + " values";
        return OnnxTypes.name(onnxType) + Arrays.toString(dims) + " " + values;
    }
}
