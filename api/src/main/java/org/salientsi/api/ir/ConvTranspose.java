package org.salientsi.api.ir;

import java.util.List;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.error.ShapeMismatchException;

/**
 * Two-dimensional transposed convolution (ONNX {@code ConvTranspose}, PyTorch {@code ConvTranspose2d},
 * Keras {@code Conv2DTranspose}) with bias, stride, zero padding and output padding; no dilation, one
 * group. Each input unit spreads over a {@code kernelH x kernelW} window of the output:
 * \( y_{o,\, i s_h + u - p_t,\, j s_w + v - p_l} \mathrel{+}= W_{c,o,u,v}\, x_{c,i,j} \), plus \( b_o \) everywhere;
 * positions outside the output are dropped. The output has
 * \( (H - 1) s_h + k_h - p_t - p_b + a_h \) rows (and likewise columns), where \( a \) is the output
 * padding: extra rows and columns at the bottom and right that only the bias and the windows reaching
 * them feed. It is the transpose (adjoint) of the convolution with the same weights, stride and padding.
 *
 * @param outChannels output channels
 * @param inChannels input channels
 * @param kernelH kernel rows
 * @param kernelW kernel columns
 * @param weights {@code [inChannels][outChannels][kernelH][kernelW]} flattened row-major (the ONNX and
 *     PyTorch layout: input channel first)
 * @param bias one value per output channel (zeros for a layer without bias)
 * @param strideH row stride
 * @param strideW column stride
 * @param padding rows and columns cropped from each side of the full output
 * @param outputPaddingH extra rows at the bottom, {@code 0 <= outputPaddingH < strideH}
 * @param outputPaddingW extra columns at the right, {@code 0 <= outputPaddingW < strideW}
 */
public record ConvTranspose(int outChannels, int inChannels, int kernelH, int kernelW, double[] weights,
                            double[] bias, int strideH, int strideW, Padding padding, int outputPaddingH,
                            int outputPaddingW) implements Op {

    /**
     * @throws InvalidValueException on a non-positive size or stride, an output padding outside
     *     {@code [0, stride)}, too many weights for an array, or weights of the wrong length or not finite
     */
    public ConvTranspose {
        Checks.positive("ConvTranspose outChannels", outChannels);
        Checks.positive("ConvTranspose inChannels", inChannels);
        Checks.positive("ConvTranspose kernelH", kernelH);
        Checks.positive("ConvTranspose kernelW", kernelW);
        Checks.positive("ConvTranspose strideH", strideH);
        Checks.positive("ConvTranspose strideW", strideW);
        if (outputPaddingH < 0 || outputPaddingH >= strideH || outputPaddingW < 0 || outputPaddingW >= strideW) {
            throw InvalidValueException.of("ConvTranspose output padding (%d, %d) must be >= 0 and below the "
                    + "stride (%d, %d)", outputPaddingH, outputPaddingW, strideH, strideW);
        }
        if (padding == null) {
            padding = Padding.NONE;
        }
        long count = (long) outChannels * inChannels * kernelH * kernelW;
        if (count > Integer.MAX_VALUE - 8) {
            throw InvalidValueException.of("ConvTranspose has too many weights: %d x %d x %d x %d", inChannels,
                    outChannels, kernelH, kernelW);
        }
        weights = Checks.finiteCopy("ConvTranspose weights", weights, (int) count);
        bias = bias == null ? new double[outChannels]
                : Checks.finiteCopy("ConvTranspose bias", bias, outChannels);
    }

    /**
     * A transposed convolution with the given stride, no padding and no output padding.
     *
     * @param outChannels output channels
     * @param inChannels input channels
     * @param kernelH kernel rows
     * @param kernelW kernel columns
     * @param weights {@code [in][out][kh][kw]}
     * @param bias per output channel, or {@code null}
     * @param stride row and column stride
     * @return the op
     */
    public static ConvTranspose of(int outChannels, int inChannels, int kernelH, int kernelW, double[] weights,
                                   double[] bias, int stride) {
        return new ConvTranspose(outChannels, inChannels, kernelH, kernelW, weights, bias, stride, stride,
                Padding.NONE, 0, 0);
    }

    /** @return a copy of the weights */
    @Override
    public double[] weights() {
        return weights.clone();
    }

    /** @return a copy of the bias */
    @Override
    public double[] bias() {
        return bias.clone();
    }

    @Override
    public TensorShape outputShape(List<TensorShape> inputs) {
        TensorShape in = Checks.single(this, inputs);
        if (in.channels() != inChannels) {
            throw new ShapeMismatchException("ConvTranspose expects " + inChannels + " input channels, got shape "
                    + in);
        }
        int oh = outputLength(in.height(), kernelH, strideH, padding.top(), padding.bottom(), outputPaddingH);
        int ow = outputLength(in.width(), kernelW, strideW, padding.left(), padding.right(), outputPaddingW);
        return TensorShape.of(outChannels, oh, ow);
    }

    /** {@code (in - 1) * stride + kernel - padBefore - padAfter + outputPadding}, in long arithmetic. */
    private static int outputLength(int in, int kernel, int stride, int padBefore, int padAfter, int outputPadding) {
        long length = (long) (in - 1) * stride + kernel - padBefore - padAfter + outputPadding;
        if (length < 1) {
            throw new ShapeMismatchException("ConvTranspose: padding " + padBefore + " + " + padAfter
                    + " crops the whole output of length " + ((long) (in - 1) * stride + kernel + outputPadding));
        }
        if (length > Integer.MAX_VALUE) {
            throw new ShapeMismatchException("ConvTranspose: output length " + length + " is too large");
        }
        return (int) length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConvTranspose o && outChannels == o.outChannels
                && inChannels == o.inChannels
                && kernelH == o.kernelH
                && kernelW == o.kernelW
                && strideH == o.strideH
                && strideW == o.strideW
                && outputPaddingH == o.outputPaddingH
                && outputPaddingW == o.outputPaddingW
                && java.util.Arrays.equals(weights, o.weights)
                && java.util.Arrays.equals(bias, o.bias)
                && padding.equals(o.padding);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(weights) + 31 * java.util.Arrays.hashCode(bias);
    }

    @Override
    public String toString() {
        return "ConvTranspose[" + inChannels + " -> " + outChannels + ", kernel " + kernelH + "x" + kernelW
                + ", stride " + strideH + "x" + strideW + ", " + padding + ", output padding " + outputPaddingH
                + "x" + outputPaddingW + "]";
    }
}
