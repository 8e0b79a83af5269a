package org.salientsi.backend.onnx.model;

import ai.onnx.proto.OnnxMl.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes {@link TensorProto}s into {@link ConstTensor}s. Values may be stored in the typed fields
 * ({@code float_data}, {@code double_data}, {@code int64_data}, {@code int32_data},
 * {@code uint64_data}) or in little-endian {@code raw_data}; external data is refused.
 */
public final class Tensors {

    /**
     * The most elements a tensor may have: the longest Java array, less a margin. A model file that claims
     * more is refused before anything is allocated.
     */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private Tensors() {
    }

    /**
     * @param t a tensor
     * @return whether its data lives outside the model file
     */
    public static boolean isExternal(TensorProto t) {
        return t.getDataLocation() == TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0;
    }

    /**
     * @param t a tensor
     * @return the external file named in its {@code external_data} entries, or {@code "?"}
     */
    public static String externalLocation(TensorProto t) {
        return t.getExternalDataList().stream().filter(e -> "location".equals(e.getKey()))
                .map(e -> e.getValue()).findFirst().orElse("?");
    }

    /**
     * Checks a tensor's storage without decoding it.
     *
     * @param t a tensor
     * @return {@code null} if the tensor decodes, otherwise what is wrong with it
     */
    public static String problem(TensorProto t) {
        if (isExternal(t)) {
            return "stores its data in an external file ('" + externalLocation(t) + "')";
        }
        if (t.hasSegment()) {
            return "is a segment of a larger tensor";
        }
        for (long d : t.getDimsList()) {
            if (d < 0) {
                return "has a negative dimension " + t.getDimsList();
            }
        }
        long n;
        try {
            n = 1;
            for (long d : t.getDimsList()) {
                n = Math.multiplyExact(n, d);
            }
        } catch (ArithmeticException e) {
            return "has dims " + t.getDimsList() + " whose element count overflows";
        }
        if (n > MAX_ELEMENTS) {
            return "has dims " + t.getDimsList() + " (" + n + " elements); at most " + MAX_ELEMENTS
                    + " are supported";
        }
        int type = t.getDataType();
        if (!OnnxTypes.supported(type)) {
            return null; // refused only if used, by decode()
        }
        long have = stored(t, type);
        if (have != n) {
            return "has " + have + " values, but its dims " + t.getDimsList() + " need " + n;
        }
        return null;
    }

    /**
     * Finds the first value of a floating-point tensor that is not finite, reading its storage in place
     * (nothing is allocated). Call only on a tensor that {@link #problem} accepted.
     *
     * @param t a tensor
     * @return the flat index of its first NaN or infinite value, or -1 if all are finite (or it is not a
     *     floating-point tensor)
     */
    public static long firstNonFinite(TensorProto t) {
        int type = t.getDataType();
        if (type != OnnxTypes.FLOAT && type != OnnxTypes.DOUBLE) {
            return -1;
        }
        if (t.hasRawData()) {
            ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            long i = 0;
            while (b.remaining() >= OnnxTypes.rawSize(type)) {
                double v = type == OnnxTypes.FLOAT ? b.getFloat() : b.getDouble();
                if (!Double.isFinite(v)) {
                    return i;
                }
                i++;
            }
            return -1;
        }
        int n = type == OnnxTypes.FLOAT ? t.getFloatDataCount() : t.getDoubleDataCount();
        for (int i = 0; i < n; i++) {
            double v = type == OnnxTypes.FLOAT ? t.getFloatData(i) : t.getDoubleData(i);
            if (!Double.isFinite(v)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * @param t a floating-point tensor
     * @param i a flat index
     * @return the value there
     */
    public static double valueAt(TensorProto t, long i) {
        int type = t.getDataType();
        if (t.hasRawData()) {
            ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            int size = OnnxTypes.rawSize(type);
            return type == OnnxTypes.FLOAT ? b.getFloat((int) (i * size)) : b.getDouble((int) (i * size));
        }
        return type == OnnxTypes.FLOAT ? t.getFloatData((int) i) : t.getDoubleData((int) i);
    }

    private static long stored(TensorProto t, int type) {
        if (t.hasRawData()) {
            int size = OnnxTypes.rawSize(type);
            return t.getRawData().size() % size == 0 ? t.getRawData().size() / size : -1;
        }
        if (type == OnnxTypes.FLOAT) {
            return t.getFloatDataCount();
        }
        if (type == OnnxTypes.DOUBLE) {
            return t.getDoubleDataCount();
        }
        if (type == OnnxTypes.INT64) {
            return t.getInt64DataCount();
        }
        if (type == OnnxTypes.UINT32 || type == OnnxTypes.UINT64) {
            return t.getUint64DataCount();
        }
        return t.getInt32DataCount();
    }

    private static long[] dims(TensorProto t) {
        long[] dims = new long[t.getDimsCount()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = t.getDims(i);
        }
        return dims;
    }

    /**
     * @param t a tensor with embedded data of a supported type
     * @return its values
     * @throws IllegalArgumentException if the type is unsupported or the data is inconsistent (the
     *     message says what is wrong, without the tensor's name)
     */
    public static ConstTensor decode(TensorProto t) {
        int type = t.getDataType();
        if (!OnnxTypes.supported(type)) {
            throw new IllegalArgumentException("has element type " + OnnxTypes.name(type)
                    + " (supported: FLOAT, DOUBLE and the integer types)");
        }
        String problem = problem(t);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        long[] dims = dims(t);
        int n = (int) ConstTensor.count(dims);
        if (t.hasRawData()) {
            ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            if (OnnxTypes.isReal(type)) {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = type == OnnxTypes.FLOAT ? b.getFloat() : b.getDouble();
                }
                return ConstTensor.ofReals(dims, v, type);
            }
            long[] v = new long[n];
            for (int i = 0; i < n; i++) {
                v[i] = switch (OnnxTypes.rawSize(type)) {
                    case 8 -> b.getLong();
                    case 4 -> type == OnnxTypes.UINT32 ? b.getInt() & 0xffffffffL : b.getInt();
                    case 2 -> type == OnnxTypes.UINT16 ? b.getShort() & 0xffff : b.getShort();
                    default -> type == OnnxTypes.INT8 ? b.get() : b.get() & 0xff;
                };
            }
            return ConstTensor.ofInts(dims, v, type);
        }
        if (type == OnnxTypes.FLOAT) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = t.getFloatData(i);
            }
            return ConstTensor.ofReals(dims, v, type);
        }
        if (type == OnnxTypes.DOUBLE) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = t.getDoubleData(i);
            }
            return ConstTensor.ofReals(dims, v, type);
        }
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            if (type == OnnxTypes.INT64) {
                v[i] = t.getInt64Data(i);
            } else if (type == OnnxTypes.UINT32 || type == OnnxTypes.UINT64) {
                v[i] = t.getUint64Data(i);
            } else {
                v[i] = t.getInt32Data(i);
            }
        }
        return ConstTensor.ofInts(dims, v, type);
    }
}
