package org.salientsi.backend.onnx.model;

import java.util.Arrays;

/**
 * The image input of an ONNX model: a rank-4 NCHW tensor whose batch is 1 or dynamic.
 *
 * @param name the graph input's name
 * @param dims {@code [N, C, H, W]}; {@code -1} marks a dynamic dimension
 * @param dimNames the symbolic names of the dimensions ({@code "H"}), or {@code null} entries
 * @param elementType the ONNX element type ({@link OnnxTypes#FLOAT} or {@link OnnxTypes#DOUBLE})
 */
public record ImageInput(String name, long[] dims, String[] dimNames, int elementType) {

    /** Copies the arrays. */
    public ImageInput {
        dims = dims.clone();
        dimNames = dimNames.clone();
    }

    @Override
    public long[] dims() {
        return dims.clone();
    }

    @Override
    public String[] dimNames() {
        return dimNames.clone();
    }

    /**
     * @param axis 0 to 3
     * @return whether that dimension is dynamic
     */
    public boolean dynamic(int axis) {
        return dims[axis] < 0;
    }

    /** @return whether the height or width is dynamic */
    public boolean dynamicSpatialSize() {
        return dims[2] < 0 || dims[3] < 0;
    }

    /** @return the shape as ONNX tools print it, e.g. {@code [1, 1, H, W]} */
    public String describe() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 4; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(dims[i] >= 0 ? Long.toString(dims[i]) : dimNames[i] != null ? dimNames[i] : "?");
        }
        return sb.append(']').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageInput i && name.equals(i.name) && Arrays.equals(dims, i.dims)
                && Arrays.equals(dimNames, i.dimNames) && elementType == i.elementType;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return "input '" + name + "' " + OnnxTypes.name(elementType) + describe();
    }
}
