package org.salientsi.methods.support;

import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.eval.LineBounds;
import org.salientsi.api.eval.Piece;
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
 * {@link Piece#argmax} and joins the selection event. Immutable.
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
    public boolean onLine(Piece line, int observed) {
        if (fixed >= 0) {
            return true;
        }
        return line.argmax(line.intercept(logits), line.slope(logits), 0, outputs, 1) == observed;
    }

    /**
     * Whether the target is provably the observed one on a whole segment: always for a fixed target; for
     * the arg-max, when the observed logit's lower bound beats every other logit's upper bound (the
     * bounds of {@code line} in centre-radius form, ends of the segment), by a relative margin of
     * {@code 1e-9} against rounding, and with a lower index winning a tie as {@link #atPoint} does.
     *
     * @param bounds the network's bounds over the segment (which must cover the logit node when the
     *     target is the arg-max)
     * @param observed the observed target
     * @return true only if the target is the observed one at every point of the segment
     */
    public boolean holdsOver(LineBounds bounds, int observed) {
        if (fixed >= 0) {
            return true;
        }
        double[] cp = bounds.centreIntercept(logits);
        double[] cq = bounds.centreSlope(logits);
        double[] rp = bounds.radiusIntercept(logits);
        double[] rq = bounds.radiusSlope(logits);
        double low = bounds.lowest(cp[observed] - rp[observed], cq[observed] - rq[observed]);
        for (int k = 0; k < outputs; k++) {
            if (k == observed) {
                continue;
            }
            double high = bounds.highest(cp[k] + rp[k], cq[k] + rq[k]);
            double margin = 1e-9 * (1 + Math.abs(low) + Math.abs(high));
            if (!(low > high + margin)) {
                return false;
            }
        }
        return true;
    }
}
