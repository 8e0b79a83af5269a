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
import org.salientsi.api.ir.Dense;
import org.salientsi.api.ir.Flatten;
import org.salientsi.api.ir.GlobalAvgPool;
import org.salientsi.api.ir.GlobalMaxPool;
import org.salientsi.api.ir.Identity;
import org.salientsi.api.ir.Input;
import org.salientsi.api.ir.LeakyRelu;
import org.salientsi.api.ir.MaxPool;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Node;
import org.salientsi.api.ir.Op;
import org.salientsi.api.ir.Pad;
import org.salientsi.api.ir.Padding;
import org.salientsi.api.ir.Relu;
import org.salientsi.api.ir.Reshape;
import org.salientsi.api.ir.Sigmoid;
import org.salientsi.api.ir.Softmax;
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
     * @throws UnsupportedLayerException if a sigmoid or softmax lies among them
     */
    public LineEvaluator lineEvaluator(int... requiredNodes) {
        return new LineEvaluator(this, lineOrder(requiredNodes));
    }

    /**
     * @param requiredNodes the nodes whose values on the line are needed
     * @return a new incremental line evaluator that computes those nodes and their ancestors
     * @throws UnsupportedLayerException if a sigmoid or softmax lies among them
     */
    public IncrementalLineEvaluator incrementalLineEvaluator(int... requiredNodes) {
        return new IncrementalLineEvaluator(this, lineOrder(requiredNodes));
    }

    Kernel kernel(int node) {
        return kernels[node];
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

    int[] lineOrder(int[] required) {
        boolean[] needed = new boolean[network.size()];
        for (int r : required) {
            needed[r] = true;
        }
        for (int id = network.size() - 1; id >= 0; id--) {
            if (needed[id]) {
                Node n = network.node(id);
                if (!n.op().piecewiseLinear()) {
                    throw new UnsupportedLayerException(n.name(), n.op().type(),
                            "not piecewise linear, but the selection depends on it; sigmoid and softmax may only "
                                    + "follow the nodes that the saliency method reads");
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
            return new MaxPoolKernel(id, in0, new WindowTable(inShape, out, m.kernelH(), m.kernelW(), m.strideH(),
                    m.strideW(), m.padding()), n.name());
        }
        if (op instanceof AvgPool a) {
            return new AvgPoolKernel(id, in0, new WindowTable(inShape, out, a.kernelH(), a.kernelW(), a.strideH(),
                    a.strideW(), a.padding()), a.countIncludePad());
        }
        if (op instanceof GlobalAvgPool) {
            return new AvgPoolKernel(id, in0, globalWindows(inShape, out), false);
        }
        if (op instanceof GlobalMaxPool) {
            return new MaxPoolKernel(id, in0, globalWindows(inShape, out), n.name());
        }
        if (op instanceof Upsample u) {
            return upsample(id, in0, u, inShape, out);
        }
        if (op instanceof Pad p) {
            return pad(id, in0, p.padding(), inShape, out);
        }
        if (op instanceof Add) {
            return new AddKernel(id, n.inputs(), out.size());
        }
        if (op instanceof Concat) {
            return concat(net, n);
        }
        if (op instanceof Flatten f) {
            return f.order() == Flatten.Order.CHW || inShape.channels() == 1 || inShape.plane() == 1
                    ? new CopyKernel(id, in0, out.size()) : flattenHwc(id, in0, inShape);
        }
        if (op instanceof Reshape || op instanceof Identity) {
            return new CopyKernel(id, in0, out.size());
        }
        if (op instanceof Transpose t) {
            return transpose(id, in0, t.perm(), inShape, out);
        }
        if (op instanceof Sigmoid || op instanceof Softmax) {
            return new OutputActivationKernel(id, in0, out.size(), op instanceof Softmax, n.name());
        }
        throw new UnsupportedLayerException(n.name(), op.type(), "no evaluator for this op");
    }

    private static WindowTable globalWindows(TensorShape in, TensorShape out) {
        return new WindowTable(in, TensorShape.of(out.channels(), 1, 1), in.height(), in.width(), 1, 1, Padding.NONE);
    }

    private static GatherKernel upsample(int id, int in0, Upsample u, TensorShape in, TensorShape out) {
        double[][] rows = ResizeAxis.table(in.height(), out.height(), u.scaleH(), u);
        double[][] cols = ResizeAxis.table(in.width(), out.width(), u.scaleW(), u);
        GatherKernel.Builder b = new GatherKernel.Builder(out.size());
        for (int c = 0; c < out.channels(); c++) {
            for (int oy = 0; oy < out.height(); oy++) {
                for (int ox = 0; ox < out.width(); ox++) {
                    b.output(out.index(c, oy, ox));
                    for (int a = 0; a < 2; a++) {
                        double wy = rows[oy][2 + a];
                        if (wy == 0) {
                            continue;
                        }
                        for (int d = 0; d < 2; d++) {
                            double wx = cols[ox][2 + d];
                            if (wx == 0) {
                                continue;
                            }
                            b.add(0, in.index(c, (int) rows[oy][a], (int) cols[ox][d]), wy * wx);
                        }
                    }
                }
            }
        }
        return b.build(id, new int[] {in0});
    }

    private static GatherKernel pad(int id, int in0, Padding p, TensorShape in, TensorShape out) {
        GatherKernel.Builder b = new GatherKernel.Builder(out.size());
        for (int c = 0; c < out.channels(); c++) {
            for (int h = 0; h < out.height(); h++) {
                for (int w = 0; w < out.width(); w++) {
                    b.output(out.index(c, h, w));
                    int ih = h - p.top();
                    int iw = w - p.left();
                    if (ih >= 0 && ih < in.height() && iw >= 0 && iw < in.width()) {
                        b.add(0, in.index(c, ih, iw), 1.0);
                    }
                }
            }
        }
        return b.build(id, new int[] {in0});
    }

    private static GatherKernel concat(Network net, Node n) {
        TensorShape out = n.shape();
        GatherKernel.Builder b = new GatherKernel.Builder(out.size());
        int o = 0;
        for (int j = 0; j < n.inputCount(); j++) {
            int size = net.node(n.input(j)).shape().size();
            for (int i = 0; i < size; i++) {
                b.output(o++).add(j, i, 1.0);
            }
        }
        return b.build(n.id(), n.inputs());
    }

    private static GatherKernel flattenHwc(int id, int in0, TensorShape in) {
        GatherKernel.Builder b = new GatherKernel.Builder(in.size());
        int o = 0;
        for (int h = 0; h < in.height(); h++) {
            for (int w = 0; w < in.width(); w++) {
                for (int c = 0; c < in.channels(); c++) {
                    b.output(o++).add(0, in.index(c, h, w), 1.0);
                }
            }
        }
        return b.build(id, new int[] {in0});
    }

    private static GatherKernel transpose(int id, int in0, int[] perm, TensorShape in, TensorShape out) {
        GatherKernel.Builder b = new GatherKernel.Builder(out.size());
        int[] coord = new int[3];
        for (int i0 = 0; i0 < out.channels(); i0++) {
            for (int i1 = 0; i1 < out.height(); i1++) {
                for (int i2 = 0; i2 < out.width(); i2++) {
                    coord[perm[0]] = i0;
                    coord[perm[1]] = i1;
                    coord[perm[2]] = i2;
                    b.output(out.index(i0, i1, i2)).add(0, in.index(coord[0], coord[1], coord[2]), 1.0);
                }
            }
        }
        return b.build(id, new int[] {in0});
    }

    @Override
    public String toString() {
        return "CompiledNetwork" + Arrays.toString(new int[] {network.size()});
    }
}
