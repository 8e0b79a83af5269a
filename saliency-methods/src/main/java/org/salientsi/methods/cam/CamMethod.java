package org.salientsi.methods.cam;

import java.util.Set;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.eval.LineEvaluation;
import org.salientsi.api.eval.PointEvaluation;
import org.salientsi.api.ir.Dense;
import org.salientsi.api.ir.Flatten;
import org.salientsi.api.ir.GlobalAvgPool;
import org.salientsi.api.ir.Identity;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Node;
import org.salientsi.api.ir.Reshape;
import org.salientsi.api.ir.Sigmoid;
import org.salientsi.api.ir.Softmax;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.ir.Upsample;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.saliency.SaliencyMethodProvider;
import org.salientsi.api.spi.Capabilities;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.eval.ResizeAxis;

/**
 * Class activation mapping: \( \mathrm{CAM}_k(h, w) = \sum_c W_{k,c} F_c(h, w) \), with \( F \) the
 * feature maps that global average pooling reduces before the last dense layer, \( W_k \) that layer's
 * weights of the target unit \( k \) (no bias, no normalisation), brought to input resolution by
 * bilinear interpolation (half-pixel centres) when the features are smaller. Linear in \( F \), so
 * piecewise linear in the input.
 *
 * <p>The target is the {@code target} parameter, else the single output of a one-unit head, else the
 * arg-max of the logits; an arg-max target joins the selection event (the line map reports a piece
 * whose arg-max differs as not matching). The feature layer is found automatically (the input of the
 * global-average-pooling node that feeds the last dense layer, through flatten/reshape/identity) or
 * named with the {@code cam-layer} parameter.
 */
public final class CamMethod implements SaliencyMethod {

    /** The method's name. */
    public static final String NAME = "cam";

    private final int feature;
    private final int dense;
    private final int channels;
    private final int featureH;
    private final int featureW;
    private final int height;
    private final int width;
    private final double[] weights;
    private final int outputs;
    private final int fixedTarget;
    /** Bilinear tables to input resolution, or null when the features already have it. */
    private final double[][] rows;
    private final double[][] cols;
    /** Per-thread scratch of the feature-plane combination (size featureH * featureW * 2). */
    private final ThreadLocal<double[]> scratch;

    private CamMethod(Network network, Parameters parameters) {
        Node denseNode = lastDense(network);
        Dense d = (Dense) denseNode.op();
        this.dense = denseNode.id();
        this.outputs = d.outFeatures();
        String named = parameters.get("cam-layer").orElse(null);
        Node featureNode;
        if (named != null) {
            featureNode = network.node(named).orElseThrow(() -> new InvalidInputException(
                    "--cam-layer '" + named + "' names no node of the model"));
        } else {
            featureNode = featureOf(network, denseNode);
        }
        TensorShape fs = featureNode.shape();
        if (fs.channels() != d.inFeatures()) {
            throw new InvalidInputException("CAM feature layer '" + featureNode.name() + "' has " + fs.channels()
                    + " channels but the last dense layer '" + denseNode.name() + "' takes " + d.inFeatures()
                    + " inputs");
        }
        this.feature = featureNode.id();
        this.channels = fs.channels();
        this.featureH = fs.height();
        this.featureW = fs.width();
        TensorShape in = network.inputShape();
        this.height = in.height();
        this.width = in.width();
        this.weights = d.weights();
        int target = parameters.getInt("target", -1);
        if (target >= outputs || (target < 0 && parameters.get("target").isPresent())) {
            throw new InvalidInputException("--target " + parameters.get("target").orElse("") + " is not an output"
                    + " unit; the model has " + outputs + " (0 to " + (outputs - 1) + ")");
        }
        this.fixedTarget = target >= 0 ? target : outputs == 1 ? 0 : -1;
        if (featureH == height && featureW == width) {
            rows = null;
            cols = null;
        } else {
            Upsample up = Upsample.bilinear(height, width, featureH, featureW);
            rows = ResizeAxis.table(featureH, height, up.scaleH(), up);
            cols = ResizeAxis.table(featureW, width, up.scaleW(), up);
        }
        int plane = featureH * featureW;
        this.scratch = ThreadLocal.withInitial(() -> new double[2 * plane]);
    }

    private static Node lastDense(Network network) {
        Node n = network.node(network.output());
        while (n.op() instanceof Sigmoid || n.op() instanceof Softmax || n.op() instanceof Identity) {
            n = network.node(n.input(0));
        }
        if (!(n.op() instanceof Dense)) {
            throw new InvalidInputException("CAM needs a dense layer at the end of the model, found "
                    + n.op().type() + " '" + n.name() + "'");
        }
        return n;
    }

    private static Node featureOf(Network network, Node dense) {
        Node n = network.node(dense.input(0));
        while (n.op() instanceof Flatten || n.op() instanceof Reshape || n.op() instanceof Identity) {
            n = network.node(n.input(0));
        }
        if (!(n.op() instanceof GlobalAvgPool)) {
            throw new InvalidInputException("CAM needs global average pooling right before the last dense layer '"
                    + dense.name() + "' (found " + n.op().type() + " '" + n.name()
                    + "'); name the feature layer with --cam-layer");
        }
        return network.node(n.input(0));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean piecewiseLinear() {
        return true;
    }

    @Override
    public int[] requiredNodes() {
        return fixedTarget >= 0 ? new int[] {feature} : new int[] {feature, dense};
    }

    /** @return the id of the feature node */
    public int featureNode() {
        return feature;
    }

    @Override
    public SaliencyMap map(PointEvaluation at) {
        int target = fixedTarget;
        if (target < 0) {
            double[] logits = at.value(dense);
            target = 0;
            for (int k = 1; k < outputs; k++) {
                if (logits[k] > logits[target]) {
                    target = k;
                }
            }
        }
        double[] out = new double[height * width];
        double[] tmp = new double[featureH * featureW];
        combine(at.value(feature), target, out, tmp);
        return new SaliencyMap(height, width, out, target, fixedTarget < 0);
    }

    @Override
    public boolean lineMap(LineEvaluation line, SaliencyMap observed, double[] p, double[] q) {
        int target = observed.target();
        boolean consistent = true;
        if (fixedTarget < 0) {
            consistent = line.argmax(line.intercept(dense), line.slope(dense), 0, outputs, 1) == target;
        }
        double[] s = scratch.get();
        combine(line.intercept(feature), target, p, s);
        combine(line.slope(feature), target, q, s);
        return consistent;
    }

    /** out = upsample(sum_c W[target][c] F_c); {@code tmp} holds the low-resolution plane. */
    private void combine(double[] f, int target, double[] out, double[] tmp) {
        int plane = featureH * featureW;
        double[] low = rows == null ? out : tmp;
        java.util.Arrays.fill(low, 0, plane, 0.0);
        int wBase = target * channels;
        for (int c = 0; c < channels; c++) {
            double wc = weights[wBase + c];
            int base = c * plane;
            for (int i = 0; i < plane; i++) {
                low[i] += wc * f[base + i];
            }
        }
        if (rows == null) {
            return;
        }
        for (int h = 0; h < height; h++) {
            double[] r = rows[h];
            for (int w = 0; w < width; w++) {
                double[] k = cols[w];
                int r0 = (int) r[0] * featureW;
                int r1 = (int) r[1] * featureW;
                int c0 = (int) k[0];
                int c1 = (int) k[1];
                out[h * width + w] = r[2] * (k[2] * low[r0 + c0] + k[3] * low[r0 + c1])
                        + r[3] * (k[2] * low[r1 + c0] + k[3] * low[r1 + c1]);
            }
        }
    }

    /** Provides {@link CamMethod}. */
    public static final class Provider implements SaliencyMethodProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "class activation map: dense weights of the target times the features before global average "
                    + "pooling (the paper's method)";
        }

        @Override
        public int rank() {
            return 10;
        }

        @Override
        public Set<String> capabilities() {
            return Set.of(Capabilities.PIECEWISE_LINEAR);
        }

        @Override
        public SaliencyMethod create(Network network, Parameters parameters) {
            return new CamMethod(network, parameters);
        }
    }
}
