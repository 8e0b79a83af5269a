package org.salientsi.backend.dl4j.translate;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationGELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.salientsi.api.error.UnsupportedLayerException;
import org.salientsi.api.ir.Exp;
import org.salientsi.api.ir.Gelu;
import org.salientsi.api.ir.LeakyRelu;
import org.salientsi.api.ir.Op;
import org.salientsi.api.ir.Relu;
import org.salientsi.api.ir.Sigmoid;
import org.salientsi.api.ir.Softmax;
import org.salientsi.api.ir.Tanh;

/**
 * DL4J activation functions as IR ops, by class, anywhere in the network: identity (no op), ReLU, leaky
 * ReLU, sigmoid, tanh, softmax, and the two functions the Keras import attaches for activations DL4J does
 * not know, {@link ExpActivation} and {@link ExactGeluActivation}. Everything else (ELU, SELU, softplus,
 * softsign, hard sigmoid, swish, ReLU6, DL4J's approximate GELU, ...) has no IR op and is refused.
 *
 * <p>DL4J's softmax runs along the last dimension of its array: the features of a flat activation (the IR's
 * {@link Softmax#ALL}), the channels of an NHWC activation (IR axis 0 of CHW) and the columns of an NCHW
 * activation (IR axis 2).
 */
final class Activations {

    private static final String SUPPORTED = "supported: identity, relu, leakyrelu, sigmoid, tanh, softmax, "
            + "exponential and exact gelu";

    private Activations() {
    }

    /**
     * @param fn the activation, or {@code null} for none
     * @param layerName the layer it belongs to
     * @param layerType the layer's class, for messages
     * @param layout the layout of the array DL4J applies it to (decides softmax's axis)
     * @return the op, or {@code null} for the identity
     * @throws UnsupportedLayerException for an activation without an IR op
     */
    static Op of(IActivation fn, String layerName, String layerType, Layout layout) {
        if (fn == null || fn instanceof ActivationIdentity) {
            return null;
        }
        if (fn instanceof ActivationReLU r) {
            double threshold = r.getThreshold() == null ? 0.0 : r.getThreshold();
            double slope = r.getNegativeSlope() == null ? 0.0 : r.getNegativeSlope();
            if (r.getMax() != null || threshold != 0.0) {
                throw new UnsupportedLayerException(layerName, layerType, "ReLU with max " + r.getMax()
                        + " and threshold " + threshold + " has no IR form (only plain and leaky ReLU)");
            }
            return slope == 0.0 ? new Relu() : new LeakyRelu(slope);
        }
        if (fn instanceof ActivationLReLU l) {
            return new LeakyRelu(l.getAlpha());
        }
        if (fn instanceof ActivationSigmoid) {
            return new Sigmoid();
        }
        if (fn instanceof ActivationTanH) {
            return new Tanh();
        }
        if (fn instanceof ExpActivation) {
            return new Exp();
        }
        if (fn instanceof ExactGeluActivation) {
            return new Gelu();
        }
        if (fn instanceof ActivationGELU g) {
            throw new UnsupportedLayerException(layerName, layerType, "DL4J's GELU is an approximation (precise="
                    + g.isPrecise() + ": a tanh or sigmoid form), not the exact erf form of the IR's Gelu ("
                    + SUPPORTED + ")");
        }
        if (fn instanceof ActivationSoftmax) {
            return new Softmax(switch (layout) {
                case FLAT -> Softmax.ALL;
                case NHWC -> 0;
                case NCHW -> 2;
            });
        }
        throw new UnsupportedLayerException(layerName, layerType, "activation " + fn + " has no IR op ("
                + SUPPORTED + ")");
    }
}
