package org.salientsi.core.grad;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.UnsupportedLayerException;
import org.salientsi.api.ir.Add;
import org.salientsi.api.ir.Affine;
import org.salientsi.api.ir.AvgPool;
import org.salientsi.api.ir.BatchNorm;
import org.salientsi.api.ir.Concat;
import org.salientsi.api.ir.Conv2d;
import org.salientsi.api.ir.ConvTranspose;
import org.salientsi.api.ir.Dense;
import org.salientsi.api.ir.Flatten;
import org.salientsi.api.ir.GlobalAvgPool;
import org.salientsi.api.ir.GlobalMaxPool;
import org.salientsi.api.ir.Identity;
import org.salientsi.api.ir.LeakyRelu;
import org.salientsi.api.ir.MaxPool;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Node;
import org.salientsi.api.ir.Op;
import org.salientsi.api.ir.Pad;
import org.salientsi.api.ir.Relu;
import org.salientsi.api.ir.Reshape;
import org.salientsi.api.ir.Slice;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.ir.Transpose;
import org.salientsi.api.ir.Upsample;
import org.salientsi.core.eval.SparseMap;
import org.salientsi.core.eval.WindowTable;

/**
 * Reverse-mode differentiation of one node of a network (the {@code output}, say the logits) with
 * respect to another (the {@code wrt} node: the input, or the feature maps of Grad-CAM), compiled into
 * the transposes of the ops that lie on a path between them. Immutable and shareable across threads;
 * each thread runs it through its own {@link Backprop}.
 *
 * <p>The ops between the two nodes must be piecewise linear: on a fixed activation pattern (ReLU
 * signs, max-pool winners) the output is an affine function of the {@code wrt} node, \( y = J x + b \),
 * and a reverse pass computes \( J^\top g \) exactly (no finite differences, no rounding beyond the
 * sums themselves). The pattern comes from a point evaluation or from a piece of the test line, see
 * {@link Backprop#decide}.
 *
 * <pre>{@code
 * ReverseProgram grad = ReverseProgram.compile(net, logitNode, net.input());
 * Backprop bp = grad.newBackprop();            // one per thread
 * bp.decide(pointEvaluator.evaluate(x));       // or bp.decide(lineEvaluation) on a piece
 * double[] g = bp.gradient(target);            // d logit[target] / d x, CHW
 * }</pre>
 */
public final class ReverseProgram {

    private final Network network;
    private final int output;
    private final int wrt;
    /** Per node: its transpose, or null when the gradient does not flow through it. */
    private final Adjoint[] adjoints;
    /** Nodes on a path from wrt to output, output first, wrt excluded. */
    private final int[] order;
    /** Nodes on a path, wrt and output included. */
    private final boolean[] onPath;
    /** Nodes on the path that take decisions. */
    private final int[] decisionNodes;
    private final int scratch;

    private ReverseProgram(Network network, int output, int wrt, Adjoint[] adjoints, int[] order, boolean[] onPath,
                           int[] decisionNodes, int scratch) {
        this.network = network;
        this.output = output;
        this.wrt = wrt;
        this.adjoints = adjoints;
        this.order = order;
        this.onPath = onPath;
        this.decisionNodes = decisionNodes;
        this.scratch = scratch;
    }

    /**
     * @param network a network
     * @param output the node to differentiate (its units are picked per call)
     * @param wrt the node to differentiate with respect to (an ancestor of {@code output})
     * @return the compiled reverse pass
     * @throws InvalidInputException if {@code output} does not depend on {@code wrt} or a node id is
     *     out of range
     * @throws UnsupportedLayerException if an op between them is not piecewise linear
     */
    public static ReverseProgram compile(Network network, int output, int wrt) {
        int n = network.size();
        if (output < 0 || output >= n || wrt < 0 || wrt >= n) {
            throw new InvalidInputException("no node " + (output < 0 || output >= n ? output : wrt)
                    + " in a network of " + n + " nodes");
        }
        boolean[] ancestor = new boolean[n];
        ancestor[output] = true;
        for (int id = output; id >= 0; id--) {
            if (ancestor[id]) {
                for (int in : network.node(id).inputs()) {
                    ancestor[in] = true;
                }
            }
        }
        if (!ancestor[wrt]) {
            throw new InvalidInputException("node '" + network.node(output).name() + "' does not depend on node '"
                    + network.node(wrt).name() + "', so it has no gradient with respect to it");
        }
        boolean[] onPath = new boolean[n];
        onPath[wrt] = true;
        for (int id = wrt + 1; id <= output; id++) {
            if (!ancestor[id]) {
                continue;
            }
            for (int in : network.node(id).inputs()) {
                if (onPath[in]) {
                    onPath[id] = true;
                    break;
                }
            }
        }
        Adjoint[] adjoints = new Adjoint[n];
        List<Integer> order = new ArrayList<>();
        List<Integer> decisions = new ArrayList<>();
        int scratch = 0;
        for (int id = output; id > wrt; id--) {
            if (!onPath[id]) {
                continue;
            }
            Adjoint a = adjoint(network, network.node(id));
            adjoints[id] = a;
            order.add(id);
            if (a.decisionCount() > 0) {
                decisions.add(id);
                scratch = Math.max(scratch, a.scratchSize());
            }
        }
        return new ReverseProgram(network, output, wrt, adjoints, order.stream().mapToInt(Integer::intValue).toArray(),
                onPath, decisions.stream().mapToInt(Integer::intValue).toArray(), scratch);
    }

    /** @return the network */
    public Network network() {
        return network;
    }

    /** @return the differentiated node */
    public int output() {
        return output;
    }

    /** @return the node the gradient is taken with respect to */
    public int wrt() {
        return wrt;
    }

    /**
     * @return the nodes a line evaluation must compute for {@link Backprop#decide(
     *     org.salientsi.api.eval.Piece)}: the output (the decisions lie among its ancestors)
     */
    public int[] requiredNodes() {
        return new int[] {output};
    }

    /** @return a new set of buffers for one thread */
    public Backprop newBackprop() {
        return new Backprop(this);
    }

    int[] order() {
        return order;
    }

    int[] decisionNodes() {
        return decisionNodes;
    }

    Adjoint adjoint(int node) {
        return adjoints[node];
    }

    boolean onPath(int node) {
        return onPath[node];
    }

    int scratchSize() {
        return scratch;
    }

    private static Adjoint adjoint(Network net, Node n) {
        Op op = n.op();
        int id = n.id();
        TensorShape out = n.shape();
        int in0 = n.input(0);
        TensorShape inShape = net.node(in0).shape();
        if (op instanceof Conv2d c) {
            return new ConvAdjoint(id, in0, c, inShape);
        }
        if (op instanceof ConvTranspose c) {
            return new ConvTransposeAdjoint(id, in0, c, inShape);
        }
        if (op instanceof Dense d) {
            return new DenseAdjoint(id, in0, d);
        }
        if (op instanceof Relu) {
            return new ReluAdjoint(id, in0, out.size(), 0.0);
        }
        if (op instanceof LeakyRelu l) {
            return new ReluAdjoint(id, in0, out.size(), l.alpha());
        }
        if (op instanceof BatchNorm b) {
            return new ScaleAdjoint(id, in0, ScaleAdjoint.broadcast(b.scale(), out.channels(), out.plane()));
        }
        if (op instanceof Affine a) {
            return new ScaleAdjoint(id, in0, ScaleAdjoint.broadcast(a.scale(), out.channels(), out.plane()));
        }
        if (op instanceof MaxPool m) {
            return new MaxPoolAdjoint(id, in0, WindowTable.pooling(inShape, out, m.kernelH(), m.kernelW(),
                    m.strideH(), m.strideW(), m.padding()), n.name());
        }
        if (op instanceof GlobalMaxPool) {
            return new MaxPoolAdjoint(id, in0, WindowTable.global(inShape), n.name());
        }
        if (op instanceof AvgPool a) {
            return new AvgPoolAdjoint(id, in0, WindowTable.pooling(inShape, out, a.kernelH(), a.kernelW(),
                    a.strideH(), a.strideW(), a.padding()), a.countIncludePad());
        }
        if (op instanceof GlobalAvgPool) {
            return new AvgPoolAdjoint(id, in0, WindowTable.global(inShape), false);
        }
        if (op instanceof Add || op instanceof Identity || op instanceof Reshape) {
            return new SumAdjoint(id, n.inputs());
        }
        if (op instanceof Flatten f) {
            if (f.order() == Flatten.Order.CHW || inShape.channels() == 1 || inShape.plane() == 1) {
                return new SumAdjoint(id, n.inputs());
            }
            return new SparseAdjoint(id, n.inputs(), SparseMap.flattenHwc(inShape));
        }
        if (op instanceof Upsample u) {
            return new SparseAdjoint(id, n.inputs(), SparseMap.upsample(u, inShape));
        }
        if (op instanceof Pad p) {
            return new SparseAdjoint(id, n.inputs(), SparseMap.pad(p, inShape));
        }
        if (op instanceof Concat) {
            List<TensorShape> parts = Arrays.stream(n.inputs()).mapToObj(i -> net.node(i).shape()).toList();
            return new SparseAdjoint(id, n.inputs(), SparseMap.concat(parts));
        }
        if (op instanceof Transpose t) {
            return new SparseAdjoint(id, n.inputs(), SparseMap.transpose(t, inShape));
        }
        if (op instanceof Slice s) {
            return new SparseAdjoint(id, n.inputs(), SparseMap.slice(s, inShape));
        }
        throw new UnsupportedLayerException(n.name(), op.type(), op.piecewiseLinear()
                ? "no reverse pass for this op"
                : "not piecewise linear, so it has no exact gradient on a linear piece");
    }

    @Override
    public String toString() {
        return "ReverseProgram[d " + network.node(output).name() + " / d " + network.node(wrt).name() + ", "
                + order.length + " nodes, " + decisionNodes.length + " with decisions]";
    }
}
