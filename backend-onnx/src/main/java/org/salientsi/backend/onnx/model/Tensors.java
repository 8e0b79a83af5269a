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
        int type = t.getDataType();
        if (!OnnxTypes.supported(type)) {
            return null; // refused only if used, by decode()
        }
        long n = ConstTensor.count(dims(t));
        long have = stored(t, type);
        if (have != n) {
            return "has " + have + " values, but its dims " + t.getDimsList() + " need " + n;
        }
        return null;
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
