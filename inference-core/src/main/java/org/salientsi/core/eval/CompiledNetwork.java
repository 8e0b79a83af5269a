package org.salientsi.core.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.salientsi.api.error.UnsupportedLayerException;
import org.salientsi.api.ir.Add;
import org.salientsi.api.ir.Affine;
import org.salientsi.api.ir.AvgPool;
import org.salientsi.api.ir.BatchNorm;
import org.salientsi.api.ir.Concat;
import org.salientsi.api.ir.Conv2d;
import org.salientsi.api.ir.ConvTranspose;
import org.salientsi.api.ir.Dense;
import org.salientsi.api.ir.Div;
import org.salientsi.api.ir.Erf;
import org.salientsi.api.ir.Exp;
import org.salientsi.api.ir.Flatten;
import org.salientsi.api.ir.Gelu;
import org.salientsi.api.ir.GlobalAvgPool;
import org.salientsi.api.ir.GlobalMaxPool;
import org.salientsi.api.ir.Identity;
import org.salientsi.api.ir.Input;
import org.salientsi.api.ir.LayerNorm;
import org.salientsi.api.ir.LeakyRelu;
import org.salientsi.api.ir.MatMul;
import org.salientsi.api.ir.MaxPool;
import org.salientsi.api.ir.Mul;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Node;
import org.salientsi.api.ir.Op;
import org.salientsi.api.ir.Pad;
import org.salientsi.api.ir.Relu;
import org.salientsi.api.ir.Reshape;
import org.salientsi.api.ir.Sigmoid;
import org.salientsi.api.ir.Slice;
import org.salientsi.api.ir.Softmax;
import org.salientsi.api.ir.Tanh;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.ir.Transpose;
import org.salientsi.api.ir.Upsample;

/**
 * A {@link Network} compiled into kernels over primitive arrays. Immutable and shareable across
 * threads; each thread makes its own {@link PointEvaluator}, {@link LineEvaluator} or
 * {@link IncrementalLineEvaluator}, which hold the mutable buffers.
 */
public final class CompiledNetwork {

    private final Network network;
    private final Kernel[] kernels;
    /** The compiled {@link AbsoluteNetwork}, made on first use. */
    private volatile CompiledNetwork absolute;

    private CompiledNetwork(Network network, Kernel[] kernels) {
        this.network = network;
        this.kernels = kernels;
    }

    /**
     * @param network a network
     * @return its compiled form
     */
    public static CompiledNetwork compile(Network network) {
        Kernel[] kernels = new Kernel[network.size()];
        for (Node n : network.nodes()) {
            kernels[n.id()] = kernel(network, n);
        }
        return new CompiledNetwork(network, kernels);
    }

    /** @return the network */
    public Network network() {
        return network;
    }

    /** @return a new evaluator at points (computes every node) */
    public PointEvaluator pointEvaluator() {
        return new PointEvaluator(this);
    }

    /**
     * @param requiredNodes the nodes whose values on the line are needed
     * @return a new line evaluator that computes those nodes and their ancestors
     * @throws UnsupportedLayerException if an op that is not piecewise linear lies among them
     */
    public LineEvaluator lineEvaluator(int... requiredNodes) {
        return new LineEvaluator(this, lineOrder(requiredNodes));
    }

    /**
     * @param requiredNodes the nodes whose values on the line are needed
     * @return a new incremental line evaluator that computes those nodes and their ancestors
     * @throws UnsupportedLayerException if an op that is not piecewise linear lies among them
     */
    public IncrementalLineEvaluator incrementalLineEvaluator(int... requiredNodes) {
        return new IncrementalLineEvaluator(this, lineOrder(requiredNodes));
    }

    /**
     * @param requiredNodes the nodes whose bounds over a segment of the line are needed
     * @return a new segment evaluator for those nodes and their ancestors (check
     *     {@link SegmentEvaluator#supported()}); smooth ops are bounded too
     */
    public SegmentEvaluator segmentEvaluator(int... requiredNodes) {
        CompiledNetwork abs = absolute;
        if (abs == null) {
            synchronized (this) {
                abs = absolute;
                if (abs == null) {
                    abs = compile(AbsoluteNetwork.of(network));
                    absolute = abs;
                }
            }
        }
        return new SegmentEvaluator(this, abs, evaluationOrder(requiredNodes));
    }

    /**
     * @param requiredNodes the nodes whose bounds over a segment are needed
     * @return whether a {@link SegmentEvaluator} for them would be {@link SegmentEvaluator#supported()}
     *     (every node among them and their ancestors can be bounded)
     */
    public boolean segmentBoundsSupported(int... requiredNodes) {
        for (int id : evaluationOrder(requiredNodes)) {
            if (!SegmentEvaluator.supports(kernels[id])) {
                return false;
            }
        }
        return true;
    }

    Kernel kernel(int node) {
        return kernels[node];
    }

    /** @return the largest scratch buffer any smooth kernel needs to bound its node on a segment */
    int boundWorkSize() {
        int max = 0;
        for (Kernel k : kernels) {
            if (k instanceof SmoothKernel s) {
                max = Math.max(max, s.boundWorkSize());
            }
        }
        return max;
    }

    /** @return the largest scratch buffer any kernel needs */
    int workSize() {
        int max = 0;
        for (Kernel k : kernels) {
            if (k != null) {
                max = Math.max(max, k.workSize());
            }
        }
        return max;
    }

    /**
     * @param requiredNodes node ids
     * @return whether those nodes and their ancestors are all piecewise linear (then the exact walk computes the
     *     truncation set; else only the certified search can bound it)
     */
    public boolean piecewiseLinear(int... requiredNodes) {
        for (int id : evaluationOrder(requiredNodes)) {
            if (!network.node(id).op().piecewiseLinear()) {
                return false;
            }
        }
        return true;
    }

    /** The required nodes and their ancestors but the input, in topological order, whatever their ops. */
    int[] evaluationOrder(int[] required) {
        return order(required, false);
    }

    /** As {@link #evaluationOrder}, refusing a node that is not piecewise linear (for the line evaluators). */
    int[] lineOrder(int[] required) {
        return order(required, true);
    }

    private int[] order(int[] required, boolean piecewiseLinearOnly) {
        boolean[] needed = new boolean[network.size()];
        for (int r : required) {
            needed[r] = true;
        }
        for (int id = network.size() - 1; id >= 0; id--) {
            if (needed[id]) {
                Node n = network.node(id);
                if (piecewiseLinearOnly && !n.op().piecewiseLinear()) {
                    throw new UnsupportedLayerException(n.name(), n.op().type(),
                            "not piecewise linear, but the selection depends on it, so the exact walk cannot "
                                    + "follow it (the certified search bounds it over segments of the line)");
                }
                for (int in : n.inputs()) {
                    needed[in] = true;
                }
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int id = 0; id < network.size(); id++) {
            if (needed[id] && !(network.node(id).op() instanceof Input)) {
                order.add(id);
            }
        }
        return order.stream().mapToInt(Integer::intValue).toArray();
    }

    private static Kernel kernel(Network net, Node n) {
        Op op = n.op();
        int id = n.id();
        TensorShape out = n.shape();
        if (op instanceof Input) {
            return null;
        }
        int in0 = n.input(0);
        TensorShape inShape = net.node(in0).shape();
        if (op instanceof Conv2d c) {
            return new ConvKernel(id, in0, c, inShape, out);
        }
        if (op instanceof ConvTranspose c) {
            return new ConvTransposeKernel(id, in0, c, inShape);
        }
        if (op instanceof Dense d) {
            return new DenseKernel(id, in0, d);
        }
        if (op instanceof Relu) {
            return new ReluKernel(id, in0, out.size(), 0.0);
        }
        if (op instanceof LeakyRelu l) {
            return new ReluKernel(id, in0, out.size(), l.alpha());
        }
        if (op instanceof BatchNorm b) {
            return new ElementwiseAffineKernel(id, in0,
                    ElementwiseAffineKernel.broadcast(b.scale(), out.channels(), out.plane()),
                    ElementwiseAffineKernel.broadcast(b.shift(), out.channels(), out.plane()));
        }
        if (op instanceof Affine a) {
            return new ElementwiseAffineKernel(id, in0,
                    ElementwiseAffineKernel.broadcast(a.scale(), out.channels(), out.plane()),
                    ElementwiseAffineKernel.broadcast(a.shift(), out.channels(), out.plane()));
        }
        if (op instanceof MaxPool m) {
            return new MaxPoolKernel(id, in0, WindowTable.pooling(inShape, out, m.kernelH(), m.kernelW(),
                    m.strideH(), m.strideW(), m.padding()), n.name());
        }
        if (op instanceof AvgPool a) {
            return new AvgPoolKernel(id, in0, WindowTable.pooling(inShape, out, a.kernelH(), a.kernelW(),
                    a.strideH(), a.strideW(), a.padding()), a.countIncludePad());
        }
        if (op instanceof GlobalAvgPool) {
            return new AvgPoolKernel(id, in0, WindowTable.global(inShape), false);
        }
        if (op instanceof GlobalMaxPool) {
            return new MaxPoolKernel(id, in0, WindowTable.global(inShape), n.name());
        }
        if (op instanceof Upsample u) {
            return new GatherKernel(id, n.inputs(), SparseMap.upsample(u, inShape));
        }
        if (op instanceof Pad p) {
            return new GatherKernel(id, n.inputs(), SparseMap.pad(p, inShape));
        }
        if (op instanceof Add) {
            return new AddKernel(id, n.inputs(), out.size());
        }
        if (op instanceof Concat) {
            List<TensorShape> parts = Arrays.stream(n.inputs()).mapToObj(i -> net.node(i).shape()).toList();
            return new GatherKernel(id, n.inputs(), SparseMap.concat(parts));
        }
        if (op instanceof Flatten f) {
            if (f.order() == Flatten.Order.CHW || inShape.channels() == 1 || inShape.plane() == 1) {
                return new CopyKernel(id, in0, out.size());
            }
            return new GatherKernel(id, n.inputs(), SparseMap.flattenHwc(inShape));
        }
        if (op instanceof Reshape || op instanceof Identity) {
            return new CopyKernel(id, in0, out.size());
        }
        if (op instanceof Transpose t) {
            return new GatherKernel(id, n.inputs(), SparseMap.transpose(t, inShape));
        }
        if (op instanceof Slice s) {
            return new GatherKernel(id, n.inputs(), SparseMap.slice(s, inShape));
        }
        SmoothFunction f = op instanceof Sigmoid ? SmoothFunction.SIGMOID : op instanceof Tanh ? SmoothFunction.TANH
                : op instanceof Exp ? SmoothFunction.EXP : op instanceof Erf ? SmoothFunction.ERF
                : op instanceof Gelu ? SmoothFunction.GELU : null;
        if (f != null) {
            return new UnaryKernel(id, in0, out.size(), f, n.name());
        }
        if (op instanceof Softmax s) {
            return new SoftmaxKernel(id, in0, AxisLines.of(inShape, s.axis()), n.name());
        }
        if (op instanceof LayerNorm l) {
            return new LayerNormKernel(id, in0, AxisLines.of(inShape, l.axis()), l.gamma(), l.beta(), l.epsilon(),
                    n.name());
        }
        if (op instanceof Mul || op instanceof Div) {
            return new BroadcastKernel(id, n.inputs(), inShape, net.node(n.input(1)).shape(), out, op instanceof Div,
                    n.name());
        }
        if (op instanceof MatMul) {
            return new MatMulKernel(id, n.inputs(), inShape, net.node(n.input(1)).shape(), out, n.name());
        }
        throw new UnsupportedLayerException(n.name(), op.type(), "no evaluator for this op");
    }

    @Override
    public String toString() {
        return "CompiledNetwork" + Arrays.toString(new int[] {network.size()});
    }
}
