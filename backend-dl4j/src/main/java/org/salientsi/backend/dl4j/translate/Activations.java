package org.salientsi.backend.dl4j.translate;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.salientsi.api.error.UnsupportedLayerException;
import org.salientsi.api.ir.LeakyRelu;
import org.salientsi.api.ir.Op;
import org.salientsi.api.ir.Relu;
import org.salientsi.api.ir.Sigmoid;
import org.salientsi.api.ir.Softmax;

/**
 * DL4J activation functions as IR ops, by class: identity (no op), ReLU, leaky ReLU, and at the
 * network's output only, sigmoid and softmax.
 */
final class Activations {

    private Activations() {
    }

    /**
     * @param fn the activation, or {@code null} for none
     * @param layerName the layer it belongs to
     * @param layerType the layer's class, for messages
     * @param atOutput whether the layer is the network's output (and nothing reads it)
     * @return the op, or {@code null} for the identity
     * @throws UnsupportedLayerException for any other activation, or sigmoid/softmax inside the network
     */
    static Op of(IActivation fn, String layerName, String layerType, boolean atOutput) {
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
        if (fn instanceof ActivationSigmoid || fn instanceof ActivationSoftmax) {
            String name = fn instanceof ActivationSigmoid ? "sigmoid" : "softmax";
            if (!atOutput) {
                throw new UnsupportedLayerException(layerName, layerType, "activation " + name
                        + " is not piecewise linear and is allowed only on the network's output layer");
            }
            return fn instanceof ActivationSigmoid ? new Sigmoid() : new Softmax();
        }
        throw new UnsupportedLayerException(layerName, layerType, "activation " + fn
                + " is not piecewise linear (supported: identity, relu, leakyrelu; sigmoid and softmax on the "
                + "output layer)");
    }
}
