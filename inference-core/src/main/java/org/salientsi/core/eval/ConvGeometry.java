package org.salientsi.core.eval;

import java.util.List;
import java.util.stream.IntStream;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.ir.Conv2d;
import org.salientsi.api.ir.TensorShape;

/**
 * The index geometry of a two-dimensional cross-correlation ({@link Conv2d}) on one input shape:
 * output \( (o, i, j) \) reads input \( (c,\ i s_h + u d_h - p_t,\ j s_w + v d_w - p_l) \) with weight
 * \( W_{o, c', u, v} \), for \( 0 \le u < k_h \), \( 0 \le v < k_w \) and the channels
 * \( c = g \cdot \mathrm{inPerGroup} + c' \) of the output's group \( g = \lfloor o / \mathrm{outPerGroup}
 * \rfloor \); positions in the padding read zero. The weights are stored
 * {@code [outC][inPerGroup][kh][kw]} row-major. Shared by the forward evaluators of this package and by
 * the transposed convolution of the reverse pass ({@code org.salientsi.core.grad}). All sizes are in
 * elements (pixels, channels).
 *
 * @param inC input channels
 * @param inH input rows
 * @param inW input columns
 * @param outC output channels
 * @param outH output rows
 * @param outW output columns
 * @param kh kernel rows
 * @param kw kernel columns
 * @param sh row stride
 * @param sw column stride
 * @param dh row dilation
 * @param dw column dilation
 * @param pt zero rows above the input
 * @param pl zero columns left of the input
 * @param groups channel groups, dividing {@code inC} and {@code outC}
 */
public record ConvGeometry(int inC, int inH, int inW, int outC, int outH, int outW, int kh, int kw, int sh, int sw,
                           int dh, int dw, int pt, int pl, int groups) {

    /**
     * @throws InvalidValueException if a size, stride, dilation or the group count is below 1, a padding
     *     is negative, or the groups do not divide the channels
     */
    public ConvGeometry {
        int least = IntStream.of(inC, inH, inW, outC, outH, outW, kh, kw, sh, sw, dh, dw, groups).min().getAsInt();
        if (least < 1 || pt < 0 || pl < 0 || inC % groups != 0 || outC % groups != 0) {
            throw new InvalidValueException("not a convolution geometry: " + List.of(inC, inH, inW, outC, outH, outW,
                    kh, kw, sh, sw, dh, dw, pt, pl, groups) + " (channels, rows and columns in and out, kernel, "
                    + "stride, dilation, padding top and left, groups)");
        }
    }

    /**
     * @param op the convolution
     * @param in its input's shape
     * @return the geometry, with the output shape {@code op.outputShape(in)}
     * @throws org.salientsi.api.error.ShapeMismatchException if the input does not fit the op
     */
    public static ConvGeometry of(Conv2d op, TensorShape in) {
        TensorShape out = op.outputShape(List.of(in));
        return new ConvGeometry(in.channels(), in.height(), in.width(), out.channels(), out.height(), out.width(),
                op.kernelH(), op.kernelW(), op.strideH(), op.strideW(), op.dilationH(), op.dilationW(),
                op.padding().top(), op.padding().left(), op.groups());
    }

    /** @return input channels per group */
    public int inPerGroup() {
        return inC / groups;
    }

    /** @return output channels per group */
    public int outPerGroup() {
        return outC / groups;
    }

    /** @return kernel positions per channel, {@code kh * kw} */
    public int taps() {
        return kh * kw;
    }

    /** @return pixels per input channel, {@code inH * inW} */
    public int inPlane() {
        return inH * inW;
    }

    /** @return pixels per output channel, {@code outH * outW} */
    public int outPlane() {
        return outH * outW;
    }
}
