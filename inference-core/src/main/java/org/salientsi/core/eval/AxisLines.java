package org.salientsi.core.eval;

import org.salientsi.api.ir.TensorShape;

/**
 * The lines of a CHW tensor along one axis (softmax and layer normalisation act on each line alone):
 * line {@code l} holds the flat indices {@code start[l] + k * stride} for {@code k < length}. Axis
 * {@code -1} is the whole tensor as one line.
 *
 * @param length elements per line
 * @param stride distance between consecutive elements of a line, in the flat CHW array
 * @param start the first flat index of each line
 */
record AxisLines(int length, int stride, int[] start) {

    /**
     * @param shape the tensor's shape
     * @param axis -1 (all elements), 0 (channels), 1 (rows) or 2 (columns)
     * @return its lines along that axis
     */
    static AxisLines of(TensorShape shape, int axis) {
        int c = shape.channels();
        int h = shape.height();
        int w = shape.width();
        if (axis < 0) {
            return new AxisLines(shape.size(), 1, new int[] {0});
        }
        int length = axis == 0 ? c : axis == 1 ? h : w;
        int stride = axis == 0 ? h * w : axis == 1 ? w : 1;
        int[] start = new int[shape.size() / length];
        int l = 0;
        for (int ci = 0; ci < (axis == 0 ? 1 : c); ci++) {
            for (int hi = 0; hi < (axis == 1 ? 1 : h); hi++) {
                for (int wi = 0; wi < (axis == 2 ? 1 : w); wi++) {
                    start[l++] = shape.index(ci, hi, wi);
                }
            }
        }
        return new AxisLines(length, stride, start);
    }

    /** @return the number of lines */
    int count() {
        return start.length;
    }
}
