package org.salientsi.sanity.perturb;

import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.eval.PointEvaluation;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Node;
import org.salientsi.api.ir.Sigmoid;
import org.salientsi.api.ir.Softmax;

/**
 * Reads {@code f_c(x)} from an evaluated network: the logits are the input of a final softmax or
 * sigmoid node, else the output itself; the probability is the softmax of the logits (a single logit:
 * its sigmoid), computed stably. Immutable.
 */
public final class ModelOutput {

    private final int logits;
    private final int classes;
    private final OutputSpec spec;

    /**
     * @param network the network
     * @param spec logit or probability
     */
    public ModelOutput(Network network, OutputSpec spec) {
        Node out = network.node(network.output());
        this.logits = out.op() instanceof Softmax || out.op() instanceof Sigmoid ? out.input(0) : out.id();
        this.classes = network.node(logits).shape().size();
        this.spec = spec;
    }

    /** @return the number of logits */
    public int classes() {
        return classes;
    }

    /**
     * @param at the network evaluated at an input
     * @return the arg-max class (0 for a single output)
     */
    public int predicted(PointEvaluation at) {
        double[] z = at.value(logits);
        int best = 0;
        for (int k = 1; k < z.length; k++) {
            if (z[k] > z[best]) {
                best = k;
            }
        }
        return best;
    }

    /**
     * @param label a class
     * @return it, checked
     * @throws InvalidInputException if it is not an output class
     */
    public int checkClass(int label) {
        if (label < 0 || label >= classes) {
            throw new InvalidInputException("class " + label + " is not an output of the model (0 to " + (classes - 1)
                    + ")");
        }
        return label;
    }

    /**
     * @param at the network evaluated at an input
     * @param cls the class
     * @return the logit or probability of the class
     */
    public double value(PointEvaluation at, int cls) {
        double[] z = at.value(logits);
        if (!spec.probability()) {
            return z[cls];
        }
        if (z.length == 1) {
            double t = z[0];
            return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : z) {
            sum += Math.exp(v - max);
        }
        return Math.exp(z[cls] - max) / sum;
    }
}
