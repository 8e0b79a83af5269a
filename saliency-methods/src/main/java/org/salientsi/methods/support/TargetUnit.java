package org.salientsi.methods.support;

import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.eval.LineEvaluation;
import org.salientsi.api.eval.PointEvaluation;
import org.salientsi.api.ir.Identity;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Node;
import org.salientsi.api.ir.Sigmoid;
import org.salientsi.api.ir.Softmax;
import org.salientsi.api.spi.Parameters;

/**
 * The unit a saliency map explains: one entry of the network's pre-activation output (the logits: the
 * output node with a final sigmoid, softmax or identity removed). The target is the {@code target}
 * parameter, else the single output of a one-unit head, else the arg-max of the logits (ties to the
 * lower index), which is then a data-dependent choice: on the line it is decided by
 * {@link LineEvaluation#argmax} and joins the selection event. Immutable.
 */
public final class TargetUnit {

    private final int logits;
    private final int outputs;
    private final int fixed;

    private TargetUnit(int logits, int outputs, int fixed) {
        this.logits = logits;
        this.outputs = outputs;
        this.fixed = fixed;
    }

    /**
     * @param network the network
     * @param parameters the method's options ({@code target})
     * @return the target unit
     * @throws InvalidInputException if {@code target} is not an output unit
     */
    public static TargetUnit of(Network network, Parameters parameters) {
        Node n = logitNode(network);
        int outputs = n.shape().size();
        int target = parameters.getInt("target", -1);
        if (target >= outputs || (target < 0 && parameters.get("target").isPresent())) {
            throw new InvalidInputException("--target " + parameters.get("target").orElse("") + " is not an output"
                    + " unit; the model has " + outputs + " (0 to " + (outputs - 1) + ")");
        }
        return new TargetUnit(n.id(), outputs, target >= 0 ? target : outputs == 1 ? 0 : -1);
    }

    /**
     * @param network a network
     * @return its logit node: the output with a final sigmoid, softmax or identity removed
     */
    public static Node logitNode(Network network) {
        Node n = network.node(network.output());
        while (n.op() instanceof Sigmoid || n.op() instanceof Softmax || n.op() instanceof Identity) {
            n = network.node(n.input(0));
        }
        return n;
    }

    /** @return the id of the logit node */
    public int logitNode() {
        return logits;
    }

    /** @return the number of logits */
    public int outputs() {
        return outputs;
    }

    /** @return whether the target is the arg-max of the logits (a data-dependent choice) */
    public boolean fromArgmax() {
        return fixed < 0;
    }

    /**
     * @param at the network at a point
     * @return the target there
     */
    public int atPoint(PointEvaluation at) {
        if (fixed >= 0) {
            return fixed;
        }
        double[] l = at.value(logits);
        int best = 0;
        for (int k = 1; k < outputs; k++) {
            if (l[k] > l[best]) {
                best = k;
            }
        }
        return best;
    }

    /**
     * Decides the arg-max on the current piece (when the target is the arg-max).
     *
     * @param line the piece (which must compute the logit node when the target is the arg-max)
     * @param observed the observed target
     * @return whether the target on this piece is the observed one
     */
    public boolean onLine(LineEvaluation line, int observed) {
        if (fixed >= 0) {
            return true;
        }
        return line.argmax(line.intercept(logits), line.slope(logits), 0, outputs, 1) == observed;
    }
}
