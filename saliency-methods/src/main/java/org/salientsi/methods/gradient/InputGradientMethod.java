package org.salientsi.methods.gradient;

import java.util.Set;
import org.salientsi.api.eval.Piece;
import org.salientsi.api.eval.PointEvaluation;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.saliency.LinearMap;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.spi.Capabilities;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.grad.Backprop;
import org.salientsi.core.grad.ReverseProgram;
import org.salientsi.methods.support.ChannelReduction;
import org.salientsi.methods.support.TargetUnit;

/**
 * What the input-gradient methods share: the target logit, the reverse pass from it to the input, and
 * the reduction of the per-channel map (one value per input entry, CHW) to one value per pixel. A
 * subclass says how the per-channel map is formed at a point and on a piece; per-thread buffers live in
 * a {@link ThreadLocal}, so an instance is shared by any number of threads.
 */
abstract class InputGradientMethod implements SaliencyMethod {

    /** The methods' capabilities. */
    static final Set<String> CAPABILITIES = Set.of(Capabilities.PIECEWISE_LINEAR);

    /** The network. */
    final Network network;
    /** The explained unit. */
    final TargetUnit target;
    /** The reduction over channels. */
    final ChannelReduction reduction;
    /** The reverse pass from the logits to the input. */
    final ReverseProgram reverse;
    /** Input channels. */
    final int channels;
    /** Input pixels. */
    final int plane;
    /** Input entries ({@code channels * plane}). */
    final int size;
    private final int height;
    private final int width;
    private final ThreadLocal<Scratch> scratch;

    InputGradientMethod(Network network, Parameters parameters) {
        this.network = network;
        this.target = TargetUnit.of(network, parameters);
        this.reduction = ChannelReduction.of(parameters);
        this.reverse = ReverseProgram.compile(network, target.logitNode(), network.input());
        TensorShape in = network.inputShape();
        this.channels = in.channels();
        this.height = in.height();
        this.width = in.width();
        this.plane = in.plane();
        this.size = in.size();
        this.scratch = ThreadLocal.withInitial(this::newScratch);
    }

    /** @return whether each per-channel entry's absolute value is taken before the reduction */
    abstract boolean absolute();

    /**
     * The per-channel map at a point.
     *
     * @param at the network at the input
     * @param unit the target
     * @param s this thread's buffers
     * @param out receives {@code size} values (CHW)
     */
    abstract void perChannel(PointEvaluation at, int unit, Scratch s, double[] out);

    /**
     * The per-channel map on the current piece, {@code pc + qc z}; its own decisions narrow the piece.
     *
     * @param line the piece
     * @param unit the target
     * @param s this thread's buffers
     * @param pc receives the intercepts (CHW)
     * @param qc receives the slopes (CHW)
     */
    abstract void perChannel(Piece line, int unit, Scratch s, double[] pc, double[] qc);

    /** @return a thread's buffers (subclasses add theirs) */
    Scratch newScratch() {
        return new Scratch(this);
    }

    @Override
    public Set<String> capabilities() {
        return Set.of(Capabilities.PIECEWISE_LINEAR);
    }

    @Override
    public SaliencyMap map(PointEvaluation at) {
        int unit = target.atPoint(at);
        Scratch s = scratch.get();
        double[] values = new double[size];
        perChannel(at, unit, s, values);
        double[] out = new double[plane];
        reduction.reduce(values, channels, plane, absolute(), out);
        return new SaliencyMap(height, width, out, unit, target.fromArgmax());
    }

    @Override
    public boolean lineMap(Piece line, SaliencyMap observed, LinearMap map) {
        double[] p = map.p();
        double[] q = map.q();
        boolean consistent = target.onLine(line, observed.target());
        Scratch s = scratch.get();
        perChannel(line, observed.target(), s, s.pc, s.qc);
        reduction.reduce(line, s.pc, s.qc, channels, plane, absolute(), p, q, s.sp, s.sq);
        return consistent;
    }

    /** One thread's buffers. */
    static class Scratch {
        /** The reverse pass. */
        final Backprop backprop;
        /** Per-channel intercepts. */
        final double[] pc;
        /** Per-channel slopes. */
        final double[] qc;
        /** Reduction scratch. */
        final double[] sp;
        /** Reduction scratch. */
        final double[] sq;

        Scratch(InputGradientMethod m) {
            this.backprop = m.reverse.newBackprop();
            this.pc = new double[m.size];
            this.qc = new double[m.size];
            this.sp = new double[2 * m.channels];
            this.sq = new double[2 * m.channels];
        }
    }
}
