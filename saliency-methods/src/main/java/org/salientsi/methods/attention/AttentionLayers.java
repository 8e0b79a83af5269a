package org.salientsi.methods.attention;

import java.util.ArrayList;
import java.util.List;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.ir.Add;
import org.salientsi.api.ir.Affine;
import org.salientsi.api.ir.Div;
import org.salientsi.api.ir.Identity;
import org.salientsi.api.ir.MatMul;
import org.salientsi.api.ir.Mul;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Node;
import org.salientsi.api.ir.Op;
import org.salientsi.api.ir.Softmax;
import org.salientsi.api.ir.TensorShape;

/**
 * The attention-probability nodes of a network: {@link Softmax} nodes along the last axis (2) of a tensor
 * of shape {@code (heads, N, N)} whose input is the product ({@link MatMul}) of two data-dependent tensors
 * (the scores \( Q K^T \)), reached through at most {@value #MAX_HOPS} elementwise ops (a scale by
 * \( 1/\sqrt{d} \) as {@link Affine}, {@link Mul} or {@link Div}, an additive mask, an identity). Row
 * {@code i} of head {@code h} is token {@code i}'s attention over the {@code N} tokens; token 0 is the
 * class token.
 */
final class AttentionLayers {

    /** How many elementwise ops may stand between the scores' product and the softmax. */
    static final int MAX_HOPS = 4;

    private AttentionLayers() {
    }

    /**
     * @param network a network
     * @return its attention-probability nodes in topological order (possibly none)
     */
    static List<Node> all(Network network) {
        List<Node> out = new ArrayList<>();
        for (Node n : network.nodes()) {
            if (why(network, n) == null) {
                out.add(n);
            }
        }
        return out;
    }

    /**
     * @param network a network
     * @param n a node
     * @return null if {@code n} is an attention-probability node, else why not (for an error message)
     */
    static String why(Network network, Node n) {
        if (!(n.op() instanceof Softmax s)) {
            return "is a " + n.op().type() + ", not a Softmax";
        }
        TensorShape shape = n.shape();
        if (s.axis() != 2) {
            return "is a softmax along axis " + s.axis() + ", not along the last axis (2) of (heads, N, N)";
        }
        if (shape.height() != shape.width()) {
            return "has shape " + shape + ", not (heads, N, N)";
        }
        if (!fedByProduct(network, n.input(0), MAX_HOPS)) {
            return "is not fed by a MatMul of two data-dependent tensors (the scores Q K^T) through at most "
                    + MAX_HOPS + " elementwise ops";
        }
        return null;
    }

    private static boolean fedByProduct(Network network, int id, int hops) {
        Node n = network.node(id);
        Op op = n.op();
        if (op instanceof MatMul) {
            return true;
        }
        if (hops == 0 || !(op instanceof Affine || op instanceof Identity || op instanceof Mul || op instanceof Div
                || op instanceof Add)) {
            return false;
        }
        for (int in : n.inputs()) {
            if (fedByProduct(network, in, hops - 1)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The nodes the method reads: the named one (checked) or the last attention node, preceded, for a
     * rollout, by every attention node before it.
     *
     * @param network the network
     * @param named the name given with {@code attention-node}, or null
     * @param rollout whether every block up to the chosen one is read
     * @return the nodes in topological order, the chosen one last
     * @throws InvalidInputException if the name names no node or no attention node, the network has no
     *     attention node, or the blocks of a rollout have different token counts
     */
    static List<Node> chosen(Network network, String named, boolean rollout) {
        Node last;
        if (named != null) {
            last = network.node(named).orElseThrow(() -> new InvalidInputException("method option "
                    + AttentionMethod.NODE + " '" + named + "' names no node of the model"));
            String why = why(network, last);
            if (why != null) {
                throw new InvalidInputException("method option " + AttentionMethod.NODE + " '" + named + "' "
                        + why + "; name the softmax of an attention block");
            }
        } else {
            List<Node> all = all(network);
            if (all.isEmpty()) {
                throw new InvalidInputException("the attention method needs a Vision Transformer: the model has no "
                        + "softmax along the last axis of (heads, N, N) fed by a MatMul of queries and keys");
            }
            last = all.get(all.size() - 1);
        }
        if (!rollout) {
            return List.of(last);
        }
        List<Node> blocks = new ArrayList<>();
        for (Node n : all(network)) {
            if (n.id() > last.id()) {
                break;
            }
            if (n.shape().height() != last.shape().height()) {
                throw new InvalidInputException("attention rollout needs one token count in every block, but '"
                        + n.name() + "' has shape " + n.shape() + " and '" + last.name() + "' " + last.shape());
            }
            blocks.add(n);
        }
        return blocks;
    }
}
