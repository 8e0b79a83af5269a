package org.salientsi.backend.onnx.model;

import ai.onnx.proto.OnnxMl.TensorProto;

/** ONNX element type codes ({@code TensorProto.DataType}) and their properties. */
public final class OnnxTypes {

    /** float32. */
    public static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;
    /** uint8. */
    public static final int UINT8 = TensorProto.DataType.UINT8_VALUE;
    /** int8. */
    public static final int INT8 = TensorProto.DataType.INT8_VALUE;
    /** uint16. */
    public static final int UINT16 = TensorProto.DataType.UINT16_VALUE;
    /** int16. */
    public static final int INT16 = TensorProto.DataType.INT16_VALUE;
    /** int32. */
    public static final int INT32 = TensorProto.DataType.INT32_VALUE;
    /** int64. */
    public static final int INT64 = TensorProto.DataType.INT64_VALUE;
    /** bool. */
    public static final int BOOL = TensorProto.DataType.BOOL_VALUE;
    /** float64. */
    public static final int DOUBLE = TensorProto.DataType.DOUBLE_VALUE;
    /** uint32. */
    public static final int UINT32 = TensorProto.DataType.UINT32_VALUE;
    /** uint64. */
    public static final int UINT64 = TensorProto.DataType.UINT64_VALUE;

    private OnnxTypes() {
    }

    /**
     * @param type an ONNX element type code
     * @return its name ({@code FLOAT}, {@code INT64}, ...)
     */
    public static String name(int type) {
        TensorProto.DataType t = TensorProto.DataType.forNumber(type);
        return t == null ? "type " + type : t.name();
    }

    /**
     * @param type an ONNX element type code
     * @return whether constants of this type are supported (float32, float64, the integer types, bool)
     */
    public static boolean supported(int type) {
        return isReal(type) || isInteger(type);
    }

    /**
     * @param type an ONNX element type code
     * @return whether it is float32 or float64
     */
    public static boolean isReal(int type) {
        return type == FLOAT || type == DOUBLE;
    }

    /**
     * @param type an ONNX element type code
     * @return whether it is an integer or boolean type
     */
    public static boolean isInteger(int type) {
        return type == INT64 || type == INT32 || type == INT16 || type == INT8 || type == UINT8 || type == UINT16
                || type == UINT32 || type == UINT64 || type == BOOL;
    }

    /**
     * @param type a supported ONNX element type code
     * @return bytes per element in {@code raw_data}
     */
    public static int rawSize(int type) {
        if (type == DOUBLE || type == INT64 || type == UINT64) {
            return 8;
        }
        if (type == FLOAT || type == INT32 || type == UINT32) {
            return 4;
        }
        if (type == INT16 || type == UINT16) {
            return 2;
        }
        return 1;
    }
}
