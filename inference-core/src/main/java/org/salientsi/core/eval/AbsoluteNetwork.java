package org.salientsi.core.eval;

import org.salientsi.api.ir.Affine;
import org.salientsi.api.ir.BatchNorm;
import org.salientsi.api.ir.Conv2d;
import org.salientsi.api.ir.ConvTranspose;
import org.salientsi.api.ir.Dense;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Node;
import org.salientsi.api.ir.Op;

/**
 * The network with every linear weight replaced by its absolute value and every constant by zero
 * (convolution, transposed convolution and dense weights, the scale of affine and batch-norm layers);
 * other ops unchanged.
 * Its linear layers map radii to radii: if \( |x - m| \le r \) elementwise then
 * \( |W x - W m| \le |W| r \). Used by {@link SegmentEvaluator}.
 */
final class AbsoluteNetwork {

    private AbsoluteNetwork() {
    }

    /**
     * @param net a network
     * @return its absolute counterpart, node for node (same ids, names and shapes)
     */
    static Network of(Network net) {
        Network.Builder b = Network.builder(net.inputShape());
        for (Node n : net.nodes()) {
            if (n.id() == net.input()) {
                continue;
            }
            int id = b.add(n.name(), absolute(n.op()), n.inputs());
            if (id != n.id()) {
                throw new IllegalStateException("node ids differ: " + id + " for " + n.id());
            }
        }
        return b.build(net.output());
    }

    private static Op absolute(Op op) {
        if (op instanceof Conv2d c) {
            return new Conv2d(c.outChannels(), c.inChannels(), c.kernelH(), c.kernelW(), abs(c.weights()),
                    new double[c.bias().length], c.strideH(), c.strideW(), c.dilationH(), c.dilationW(), c.padding(),
                    c.groups());
        }
        if (op instanceof ConvTranspose c) {
            return new ConvTranspose(c.outChannels(), c.inChannels(), c.kernelH(), c.kernelW(), abs(c.weights()),
                    null, c.strideH(), c.strideW(), c.padding(), c.outputPaddingH(), c.outputPaddingW());
        }
        if (op instanceof Dense d) {
            return new Dense(d.inFeatures(), d.outFeatures(), abs(d.weights()), new double[d.bias().length]);
        }
        if (op instanceof BatchNorm bn) {
            return new Affine(abs(bn.scale()), new double[bn.scale().length]);
        }
        if (op instanceof Affine a) {
            return new Affine(abs(a.scale()), new double[a.shift().length]);
        }
        return op;
    }

    private static double[] abs(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.abs(v[i]);
        }
        return out;
    }
}
