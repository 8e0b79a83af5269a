package org.salientsi.methods.cam;

import java.util.Set;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.eval.LineBounds;
import org.salientsi.api.eval.Piece;
import org.salientsi.api.eval.PointEvaluation;
import org.salientsi.api.ir.Dense;
import org.salientsi.api.ir.Flatten;
import org.salientsi.api.ir.GlobalAvgPool;
import org.salientsi.api.ir.Identity;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Node;
import org.salientsi.api.ir.Reshape;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.saliency.LinearMap;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.spi.Capabilities;
import org.salientsi.api.spi.Parameters;
import org.salientsi.methods.support.CentreRadius;
import org.salientsi.methods.support.MethodProvider;
import org.salientsi.methods.support.PlaneResize;
import org.salientsi.methods.support.TargetUnit;

/**
 * Class activation mapping: \( \mathrm{CAM}_k(h, w) = \sum_c W_{k,c} F_c(h, w) \), with \( F \) the
 * feature maps that global average pooling reduces before the last dense layer, \( W_k \) that layer's
 * weights of the target unit \( k \) (no bias, no normalisation), brought to input resolution by
 * bilinear interpolation (half-pixel centres) when the features are smaller. Linear in \( F \), so
 * piecewise linear in the input.
 *
 * <p>The target is a unit of the pre-activation output (the logits, before a final sigmoid or softmax):
 * the {@code target} parameter, else the single output of a one-unit head, else the arg-max of the
 * logits; an arg-max target joins the selection event (the line map reports a piece whose arg-max
 * differs as not matching). The feature layer is found automatically (the input of the
 * global-average-pooling node that feeds the last dense layer, through flatten/reshape/identity) or
 * named with the {@code cam-layer} parameter.
 */
public final class CamMethod implements SaliencyMethod {

    /** The method's name. */
    public static final String NAME = "cam";

    private final int feature;
    private final int channels;
    private final int featureH;
    private final int featureW;
    private final int height;
    private final int width;
    private final double[] weights;
    private final TargetUnit target;
    private final PlaneResize resize;
    /** Per-thread scratch of the feature-plane combination. */
    private final ThreadLocal<double[]> scratch;
    /** Per-thread scratch of the map's radius (intercepts and slopes) in {@link #mapBounds}. */
    private final ThreadLocal<double[][]> radiusScratch;

    private CamMethod(Network network, Parameters parameters) {
        Node denseNode = lastDense(network);
        Dense d = (Dense) denseNode.op();
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
        this.target = TargetUnit.of(network, parameters);
        this.feature = featureNode.id();
        this.channels = fs.channels();
        this.featureH = fs.height();
        this.featureW = fs.width();
        TensorShape in = network.inputShape();
        this.height = in.height();
        this.width = in.width();
        this.weights = d.weights();
        this.resize = PlaneResize.of(featureH, featureW, height, width);
        int plane = featureH * featureW;
        this.scratch = ThreadLocal.withInitial(() -> new double[plane]);
        int pixels = height * width;
        this.radiusScratch = ThreadLocal.withInitial(() -> new double[2][pixels]);
    }

    private static Node lastDense(Network network) {
        Node n = TargetUnit.logitNode(network);
        if (!(n.op() instanceof Dense)) {
            throw new InvalidInputException("CAM needs a dense layer at the end of the model, found "
                    + n.op().type() + " '" + n.name() + "'");
        }
        return n;
    }

    /**
     * The CAM feature layer: the input of the global average pooling (through flatten, reshape and
     * identity) that feeds the dense layer.
     *
     * @param network the network
     * @param dense the last dense layer
     * @return the feature node
     * @throws InvalidInputException if no global average pooling feeds the dense layer
     */
    public static Node featureOf(Network network, Node dense) {
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
    public Set<String> capabilities() {
        return Set.of(Capabilities.PIECEWISE_LINEAR, Capabilities.BOUNDS_MAPS);
    }

    @Override
    public int[] requiredNodes() {
        return target.fromArgmax() ? new int[] {feature, target.logitNode()} : new int[] {feature};
    }

    /** @return the id of the feature node */
    public int featureNode() {
        return feature;
    }

    @Override
    public SaliencyMap map(PointEvaluation at) {
        int t = target.atPoint(at);
        double[] out = new double[height * width];
        combine(at.value(feature), t, out, new double[featureH * featureW]);
        return new SaliencyMap(height, width, out, t, target.fromArgmax());
    }

    @Override
    public boolean lineMap(Piece line, SaliencyMap observed, LinearMap map) {
        double[] p = map.p();
        double[] q = map.q();
        boolean consistent = target.onLine(line, observed.target());
        double[] s = scratch.get();
        combine(line.intercept(feature), observed.target(), p, s);
        combine(line.slope(feature), observed.target(), q, s);
        return consistent;
    }

    /**
     * The map is linear in the features, so its centre is the map of the features' centre and its
     * radius the map of their radius with the weights' absolute values (bilinear resizing has
     * non-negative weights).
     */
    @Override
    public boolean mapBounds(LineBounds bounds, SaliencyMap observed, double[] lower, double[] upper) {
        int t = observed.target();
        double[] s = scratch.get();
        double[][] radius = radiusScratch.get();
        combine(bounds.centreIntercept(feature), t, lower, s, false);
        combine(bounds.centreSlope(feature), t, upper, s, false);
        combine(bounds.radiusIntercept(feature), t, radius[0], s, true);
        combine(bounds.radiusSlope(feature), t, radius[1], s, true);
        CentreRadius.toBounds(bounds, lower, upper, radius[0], radius[1]);
        return true;
    }

    /** The arg-max target, the method's only choice, by the logits' bounds over the segment. */
    @Override
    public boolean choicesHold(LineBounds bounds, SaliencyMap observed) {
        return target.holdsOver(bounds, observed.target());
    }

    /** out = resize(sum_c W[target][c] F_c); {@code tmp} holds the low-resolution plane. */
    private void combine(double[] f, int t, double[] out, double[] tmp) {
        combine(f, t, out, tmp, false);
    }

    /** As {@link #combine(double[], int, double[], double[])}, with |W| when {@code absolute}. */
    private void combine(double[] f, int t, double[] out, double[] tmp, boolean absolute) {
        int plane = featureH * featureW;
        double[] low = resize.identity() ? out : tmp;
        int wBase = t * channels;
        // channel by channel over contiguous planes (vectorised); the first channel initialises the sum
        double w0 = absolute ? Math.abs(weights[wBase]) : weights[wBase];
        for (int i = 0; i < plane; i++) {
            low[i] = w0 * f[i];
        }
        for (int c = 1; c < channels; c++) {
            double wc = absolute ? Math.abs(weights[wBase + c]) : weights[wBase + c];
            int base = c * plane;
            for (int i = 0; i < plane; i++) {
                low[i] += wc * f[base + i];
            }
        }
        resize.apply(low, out);
    }

    /** Provides {@link CamMethod}. */
    public static final class Provider extends MethodProvider {
        /** Creates the provider. */
        public Provider() {
            super(NAME,
                    "class activation map: dense weights of the target times the features before global average "
                    + "pooling (the paper's method)",
                    10, Set.of(Capabilities.PIECEWISE_LINEAR, Capabilities.BOUNDS_MAPS), Set.of("target", "cam-layer"),
                    CamMethod::new);
        }
    }
}
