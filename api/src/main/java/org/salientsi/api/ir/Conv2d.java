package org.salientsi.api.ir;

import java.util.List;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.error.ShapeMismatchException;

/**
 * Two-dimensional cross-correlation (a convolution layer), with bias, stride, dilation, explicit zero
 * padding and groups:
 * \( y_{o,i,j} = b_o + \sum_{c \in g(o)} \sum_{u,v}
 * W_{o,c,u,v}\, x_{c,\, i s_h + u d_h - p_t,\, j s_w + v d_w - p_l} \).
 *
 * @param outChannels output channels, divisible by {@code groups}
 * @param inChannels input channels, divisible by {@code groups}
 * @param kernelH kernel rows
 * @param kernelW kernel columns
 * @param weights {@code [outChannels][inChannels / groups][kernelH][kernelW]} flattened row-major
 * @param bias one value per output channel (zeros for a layer without bias)
 * @param strideH row stride
 * @param strideW column stride
 * @param dilationH row dilation
 * @param dilationW column dilation
 * @param padding zero padding
 * @param groups channel groups
 */
public record Conv2d(int outChannels, int inChannels, int kernelH, int kernelW, double[] weights, double[] bias,
                     int strideH, int strideW, int dilationH, int dilationW, Padding padding, int groups)
        implements Op {

    /**
     * @throws InvalidValueException on a non-positive size, a group count that does not divide the
     *     channels, or weights of the wrong length or not finite
     */
    public Conv2d {
        Checks.positive("Conv2d outChannels", outChannels);
        Checks.positive("Conv2d inChannels", inChannels);
        Checks.positive("Conv2d kernelH", kernelH);
        Checks.positive("Conv2d kernelW", kernelW);
        Checks.positive("Conv2d strideH", strideH);
        Checks.positive("Conv2d strideW", strideW);
        Checks.positive("Conv2d dilationH", dilationH);
        Checks.positive("Conv2d dilationW", dilationW);
        Checks.positive("Conv2d groups", groups);
        if (inChannels % groups != 0 || outChannels % groups != 0) {
            throw InvalidValueException.of("Conv2d groups %d must divide inChannels %d and outChannels %d",
                    groups, inChannels, outChannels);
        }
        if (padding == null) {
            padding = Padding.NONE;
        }
        weights = Checks.finiteCopy("Conv2d weights", weights,
                outChannels * (inChannels / groups) * kernelH * kernelW);
        bias = bias == null ? new double[outChannels] : Checks.finiteCopy("Conv2d bias", bias, outChannels);
    }

    /**
     * A convolution with stride 1, no dilation, one group.
     *
     * @param outChannels output channels
     * @param inChannels input channels
     * @param kernelH kernel rows
     * @param kernelW kernel columns
     * @param weights {@code [out][in][kh][kw]}
     * @param bias per output channel, or {@code null}
     * @param padding zero padding
     * @return the op
     */
    public static Conv2d of(int outChannels, int inChannels, int kernelH, int kernelW, double[] weights,
                            double[] bias, Padding padding) {
        return new Conv2d(outChannels, inChannels, kernelH, kernelW, weights, bias, 1, 1, 1, 1, padding, 1);
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
            throw new ShapeMismatchException("Conv2d expects " + inChannels + " input channels, got shape " + in);
        }
        int oh = Checks.pooledLength("Conv2d", in.height(), padding.top(), padding.bottom(), kernelH, strideH,
                dilationH, false);
        int ow = Checks.pooledLength("Conv2d", in.width(), padding.left(), padding.right(), kernelW, strideW,
                dilationW, false);
        return TensorShape.of(outChannels, oh, ow);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Conv2d o && outChannels == o.outChannels
                && inChannels == o.inChannels
                && kernelH == o.kernelH
                && kernelW == o.kernelW
                && strideH == o.strideH
                && strideW == o.strideW
                && dilationH == o.dilationH
                && dilationW == o.dilationW
                && groups == o.groups
                && java.util.Arrays.equals(weights, o.weights)
                && java.util.Arrays.equals(bias, o.bias)
                && padding.equals(o.padding);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(weights) + 31 * java.util.Arrays.hashCode(bias);
    }
}
