package org.salientsi.sanity.invariance;

import java.util.Locale;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.ir.Affine;
import org.salientsi.api.ir.BatchNorm;
import org.salientsi.api.ir.Conv2d;
import org.salientsi.api.ir.Dense;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Node;
import org.salientsi.api.ir.Op;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.core.eval.CompiledNetwork;

/**
 * Builds {@code f2} with {@code f2(x + m) = f1(x)} by absorbing the input shift {@code m} into the first
 * layer (SANITY.md section 4.2):
 * <ul>
 *   <li>dense: {@code b2 = b1 - W m} (exact);</li>
 *   <li>convolution, {@link Mode#SCALAR}: {@code b2[o] = b1[o] - sum_{c,u,v} W[o,c,u,v] m[c]} for a uniform
 *       or per-channel {@code m}; exact only without zero padding (near a zero-padded border
 *       {@code conv(m)} is not constant, and the equivalence gate fails);</li>
 *   <li>convolution, {@link Mode#BIAS_MAP}: an elementwise shift {@code -conv_nobias(m)} inserted after the
 *       convolution (an {@link Affine} node), exact for any padding and any pattern {@code m};</li>
 *   <li>an input normalisation (an {@link Affine} or {@link BatchNorm} first node, {@code y = s x + t}):
 *       {@code t2 = t - s m} (the mean absorbs the shift).</li>
 * </ul>
 * Stateless.
 */
public final class ShiftCompensation {

    /** How a convolutional first layer absorbs the shift. */
    public enum Mode {
        /** Per-output-channel bias change (exact only with valid or replicate padding and a channel-constant m). */
        SCALAR,
        /** An elementwise bias map after the convolution (always exact). */
        BIAS_MAP
    }

    private ShiftCompensation() {
    }

    /**
     * @param m one value (uniform), one per channel, or one per input element (CHW)
     * @param shape the input shape
     * @return the shift as a CHW tensor
     * @throws InvalidInputException if the length fits none of these
     */
    public static double[] expand(double[] m, TensorShape shape) {
        int plane = shape.plane();
        if (m.length == shape.size()) {
            return m.clone();
        }
        if (m.length != 1 && m.length != shape.channels()) {
            throw new InvalidInputException("a shift needs 1, " + shape.channels() + " or " + shape.size()
                    + " values for input " + shape + ", got " + m.length);
        }
        double[] out = new double[shape.size()];
        for (int c = 0; c < shape.channels(); c++) {
            java.util.Arrays.fill(out, c * plane, (c + 1) * plane, m[m.length == 1 ? 0 : c]);
        }
        return out;
    }

    /**
     * @param f1 the model
     * @param m the shift (see {@link #expand})
     * @param mode how a convolutional first layer absorbs it
     * @return {@code f2}, the same graph with the first layer compensated
     * @throws InvalidInputException if the input feeds more than one node, or a node that is not a dense,
     *     convolution or input normalisation, or a scalar compensation of a pattern shift is asked
     */
    public static Network compensate(Network f1, double[] m, Mode mode) {
        TensorShape in = f1.inputShape();
        double[] shift = expand(m, in);
        int[] consumers = f1.consumers(f1.input());
        if (consumers.length != 1) {
            throw new InvalidInputException("the input feeds " + consumers.length + " nodes; shift compensation needs "
                    + "a single first layer");
        }
        Node first = f1.node(consumers[0]);
        Op op = first.op();
        Op replaced;
        double[] biasMap = null;
        if (op instanceof Dense d) {
            double[] b = d.bias();
            double[] w = d.weights();
            for (int o = 0; o < d.outFeatures(); o++) {
                double s = 0;
                for (int i = 0; i < d.inFeatures(); i++) {
                    s += w[o * d.inFeatures() + i] * shift[i];
                }
                b[o] -= s;
            }
            replaced = new Dense(d.inFeatures(), d.outFeatures(), w, b);
        } else if (op instanceof Conv2d c) {
            double[] response = convNoBias(c, in, shift);
            if (mode == Mode.SCALAR) {
                replaced = scalarConv(c, in, m);
            } else {
                replaced = c;
                biasMap = new double[response.length];
                for (int i = 0; i < response.length; i++) {
                    biasMap[i] = -response[i];
                }
            }
        } else if (op instanceof Affine a) {
            replaced = new Affine(a.scale(), absorb(a.scale(), a.shift(), shift, in));
        } else if (op instanceof BatchNorm bn) {
            replaced = new Affine(expand(bn.scale(), in), absorb(bn.scale(), bn.shift(), shift, in));
        } else {
            throw new InvalidInputException("the first layer '" + first.name() + "' is a " + op.type()
                    + "; shift compensation needs a dense, convolution or input normalisation layer");
        }
        return rebuild(f1, first.id(), replaced, biasMap);
    }

    private static Conv2d scalarConv(Conv2d c, TensorShape in, double[] m) {
        if (m.length != 1 && m.length != in.channels()) {
            throw new InvalidInputException("scalar compensation of a convolution needs a uniform or per-channel "
                    + "shift; use the bias map for a pattern");
        }
        int per = c.inChannels() / c.groups();
        int k = c.kernelH() * c.kernelW();
        int outPerGroup = c.outChannels() / c.groups();
        double[] w = c.weights();
        double[] b = c.bias();
        for (int o = 0; o < c.outChannels(); o++) {
            int g = o / outPerGroup;
            double s = 0;
            for (int ci = 0; ci < per; ci++) {
                double mc = m[m.length == 1 ? 0 : g * per + ci];
                for (int t = 0; t < k; t++) {
                    s += w[(o * per + ci) * k + t] * mc;
                }
            }
            b[o] -= s;
        }
        return new Conv2d(c.outChannels(), c.inChannels(), c.kernelH(), c.kernelW(), w, b, c.strideH(), c.strideW(),
                c.dilationH(), c.dilationW(), c.padding(), c.groups());
    }

    /** The convolution's response to the shift, without its bias. */
    private static double[] convNoBias(Conv2d c, TensorShape in, double[] shift) {
        Conv2d noBias = new Conv2d(c.outChannels(), c.inChannels(), c.kernelH(), c.kernelW(), c.weights(), null,
                c.strideH(), c.strideW(), c.dilationH(), c.dilationW(), c.padding(), c.groups());
        Network.Builder b = Network.builder(in);
        b.add("conv", noBias, b.input());
        return CompiledNetwork.compile(b.build()).pointEvaluator().evaluate(shift).value(1).clone();
    }

    private static double[] absorb(double[] scale, double[] t, double[] shift, TensorShape in) {
        double[] s = expand(scale, in);
        double[] tt = expand(t, in);
        for (int i = 0; i < tt.length; i++) {
            tt[i] -= s[i] * shift[i];
        }
        return tt;
    }

    private static Network rebuild(Network f1, int firstId, Op replaced, double[] biasMap) {
        Network.Builder b = Network.builder(f1.inputShape());
        int[] map = new int[f1.size()];
        map[f1.input()] = b.input();
        for (Node n : f1.nodes()) {
            if (n.id() == f1.input()) {
                continue;
            }
            int[] ins = n.inputs();
            for (int i = 0; i < ins.length; i++) {
                ins[i] = map[ins[i]];
            }
            int id = b.add(n.name(), n.id() == firstId ? replaced : n.op(), ins);
            if (n.id() == firstId && biasMap != null) {
                id = b.add(n.name() + "/shift-compensation", new Affine(new double[] {1.0}, biasMap), id);
            }
            map[n.id()] = id;
        }
        return b.build(map[f1.output()]);
    }

    /**
     * @param mode a mode name ({@code scalar}, {@code bias-map})
     * @return the mode
     */
    public static Mode mode(String mode) {
        try {
            return Mode.valueOf(mode.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("unknown compensation '" + mode + "'; use scalar or bias-map");
        }
    }
}
