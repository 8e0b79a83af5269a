package org.salientsi.core.eval;

import java.util.List;
import org.salientsi.api.ir.ConvTranspose;
import org.salientsi.api.ir.TensorShape;

/**
 * The index geometry of a two-dimensional transposed convolution ({@link ConvTranspose}) on one input
 * shape: input \( (c, i, j) \) feeds output \( (o,\ i s_h + u - p_t,\ j s_w + v - p_l) \) with weight
 * \( W_{c,o,u,v} \) for \( 0 \le u < k_h \), \( 0 \le v < k_w \); outputs outside the output's
 * {@code outH x outW} are dropped. Weights are stored {@code [inC][outC][kh][kw]} row-major. Shared by
 * the forward kernel of this package and the reverse pass ({@code org.salientsi.core.grad}). Sizes in
 * elements.
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
 * @param pt rows cropped at the top
 * @param pl columns cropped at the left
 */
public record ConvTransposeGeometry(int inC, int inH, int inW, int outC, int outH, int outW, int kh, int kw,
                                    int sh, int sw, int pt, int pl) {

    /**
     * @param op the transposed convolution
     * @param in its input's shape
     * @return the geometry, with the output shape {@code op.outputShape(in)}
     * @throws org.salientsi.api.error.ShapeMismatchException if the input does not fit the op
     */
    public static ConvTransposeGeometry of(ConvTranspose op, TensorShape in) {
        TensorShape out = op.outputShape(List.of(in));
        return new ConvTransposeGeometry(in.channels(), in.height(), in.width(), out.channels(), out.height(),
                out.width(), op.kernelH(), op.kernelW(), op.strideH(), op.strideW(), op.padding().top(),
                op.padding().left());
    }

    /** @return pixels per input channel */
    public int inPlane() {
        return inH * inW;
    }

    /** @return pixels per output channel */
    public int outPlane() {
        return outH * outW;
    }

    /** @return kernel positions, {@code kh * kw} */
    public int taps() {
        return kh * kw;
    }

    /**
     * @param i an input row
     * @return the first kernel row {@code u} whose output row {@code i sh + u - pt} is in range
     */
    public int firstU(int i) {
        return (int) Math.min(kh, Math.max(0, pt - (long) i * sh));
    }

    /**
     * @param i an input row
     * @return one past the last kernel row whose output row is in range
     */
    public int endU(int i) {
        return (int) Math.max(0, Math.min(kh, (long) outH + pt - (long) i * sh));
    }

    /**
     * @param j an input column
     * @return the first kernel column {@code v} whose output column {@code j sw + v - pl} is in range
     */
    public int firstV(int j) {
        return (int) Math.min(kw, Math.max(0, pl - (long) j * sw));
    }

    /**
     * @param j an input column
     * @return one past the last kernel column whose output column is in range
     */
    public int endV(int j) {
        return (int) Math.max(0, Math.min(kw, (long) outW + pl - (long) j * sw));
    }
}
