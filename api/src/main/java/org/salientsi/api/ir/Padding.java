package org.salientsi.api.ir;

import org.salientsi.api.error.InvalidValueException;

/**
 * Zero (or, for max pooling, ignored) padding around the spatial plane, in pixels.
 *
 * @param top rows added above
 * @param left columns added on the left
 * @param bottom rows added below
 * @param right columns added on the right
 */
public record Padding(int top, int left, int bottom, int right) implements java.io.Serializable {

    /** No padding. */
    public static final Padding NONE = new Padding(0, 0, 0, 0);

    /**
     * @throws InvalidValueException if a side is negative
     */
    public Padding {
        if (top < 0 || left < 0 || bottom < 0 || right < 0) {
            throw InvalidValueException.of("padding must be >= 0, got (%d, %d, %d, %d)", top, left, bottom, right);
        }
    }

    /**
     * @param top rows above
     * @param left columns left
     * @param bottom rows below
     * @param right columns right
     * @return the padding
     */
    public static Padding of(int top, int left, int bottom, int right) {
        return new Padding(top, left, bottom, right);
    }

    /**
     * @param p pixels on every side
     * @return symmetric padding
     */
    public static Padding symmetric(int p) {
        return new Padding(p, p, p, p);
    }

    /**
     * The padding of 'same' mode (Keras {@code padding='same'}, ONNX {@code SAME_UPPER}/{@code SAME_LOWER}):
     * the output has {@code ceil(in / stride)} positions; an odd total goes to the bottom/right
     * ({@code upper}) or to the top/left.
     *
     * @param inH input rows
     * @param inW input columns
     * @param kernelH kernel rows
     * @param kernelW kernel columns
     * @param strideH row stride
     * @param strideW column stride
     * @param dilationH row dilation
     * @param dilationW column dilation
     * @param upper whether the extra pixel of an odd total goes to the bottom/right
     * @return the padding
     */
    public static Padding same(int inH, int inW, int kernelH, int kernelW, int strideH, int strideW,
                               int dilationH, int dilationW, boolean upper) {
        int th = total(inH, kernelH, strideH, dilationH);
        int tw = total(inW, kernelW, strideW, dilationW);
        int smallH = th / 2;
        int smallW = tw / 2;
        return upper ? new Padding(smallH, smallW, th - smallH, tw - smallW)
                : new Padding(th - smallH, tw - smallW, smallH, smallW);
    }

    private static int total(int in, int kernel, int stride, int dilation) {
        int out = (in + stride - 1) / stride;
        int effective = (kernel - 1) * dilation + 1;
        return Math.max(0, (out - 1) * stride + effective - in);
    }
}
