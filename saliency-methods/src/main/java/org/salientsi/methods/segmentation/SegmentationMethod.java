package org.salientsi.methods.segmentation;

import java.util.Set;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.eval.LineBounds;
import org.salientsi.api.eval.Piece;
import org.salientsi.api.eval.PointEvaluation;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Node;
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
 * The output of a segmentation network as the map: one channel plane \( S(h, w) = y_{k,h,w} \) of a
 * spatial node \( y \) of shape {@code (C, H, W)}, the pre-activation logits (before a final sigmoid or
 * softmax), brought to the input grid by bilinear interpolation (half-pixel centres) when it is smaller.
 * With the selector {@code threshold:T} the region is the set of pixels whose logit is at least T, the
 * segmented region ({@code threshold:0} is probability 1/2 under a sigmoid). The map is a node of the
 * network, so it is linear on each piece of the test line and its bounds over a segment are the node's.
 *
 * <p>Options: {@code segmentation-node} names the node (default: the network's output, with a final
 * sigmoid, softmax or identity removed); {@code segmentation-channel} (or {@code target}) picks the
 * channel, required when the node has several. The node must be spatial (more than one pixel) and
 * piecewise linear.
 */
public final class SegmentationMethod implements SaliencyMethod {

    /** The method's name. */
    public static final String NAME = "segmentation";
    /** Option naming the node whose plane is the map. */
    public static final String NODE = "segmentation-node";
    /** Option picking the node's channel. */
    public static final String CHANNEL = "segmentation-channel";

    private final int node;
    private final int channel;
    private final int plane;
    private final PlaneResize resize;
    private final int height;
    private final int width;
    /** Per-thread scratch of the map's radius (intercepts and slopes) in {@link #mapBounds}. */
    private final ThreadLocal<double[][]> radiusScratch;

    private SegmentationMethod(Network network, Parameters parameters) {
        Node n = segmentationNode(network, parameters);
        TensorShape s = n.shape();
        this.node = n.id();
        this.channel = channel(n, parameters);
        this.plane = s.height() * s.width();
        TensorShape in = network.inputShape();
        this.height = in.height();
        this.width = in.width();
        this.resize = PlaneResize.of(s.height(), s.width(), height, width);
        int pixels = height * width;
        this.radiusScratch = ThreadLocal.withInitial(() -> new double[2][pixels]);
    }

    /**
     * @param network the network
     * @param parameters the options
     * @return the node whose plane is the map: the named one, else the logit node (the output without a
     *     final sigmoid, softmax or identity)
     * @throws InvalidInputException if the named node does not exist, or the node is not spatial or not
     *     piecewise linear
     */
    static Node segmentationNode(Network network, Parameters parameters) {
        String named = parameters.get(NODE).orElse(null);
        Node n;
        if (named != null) {
            n = network.node(named).orElseThrow(() -> new InvalidInputException("method option " + NODE + " '"
                    + named + "' names no node of the model"));
            if (!n.op().piecewiseLinear()) {
                throw new InvalidInputException("method option " + NODE + " '" + named + "' names a "
                        + n.op().type() + ", which is not piecewise linear; name the logit node before it");
            }
        } else {
            n = TargetUnit.logitNode(network);
        }
        TensorShape s = n.shape();
        if (s.height() * s.width() < 2) {
            String where = named != null ? "node '" + named + "' (method option " + NODE + ")"
                    : "the model's output '" + n.name() + "'";
            throw new InvalidInputException("segmentation needs a spatial output, but " + where + " has shape " + s
                    + "; name a node of shape (C, H, W) with H x W > 1 with the method option " + NODE + "=NAME");
        }
        return n;
    }

    private static int channel(Node n, Parameters parameters) {
        int channels = n.shape().channels();
        String key = parameters.get(CHANNEL).isPresent() ? CHANNEL : "target";
        String given = parameters.get(key).orElse(null);
        if (given == null) {
            if (channels > 1) {
                throw new InvalidInputException("segmentation: node '" + n.name() + "' has " + channels
                        + " channels (0 to " + (channels - 1) + "); choose one with the method option " + CHANNEL
                        + "=K or --target K");
            }
            return 0;
        }
        int k = parameters.getInt(key, -1);
        if (k < 0 || k >= channels) {
            throw new InvalidInputException("segmentation: " + key + " '" + given + "' is not a channel of node '"
                    + n.name() + "', which has " + channels + " (0 to " + (channels - 1) + ")");
        }
        if (parameters.get(CHANNEL).isPresent() && parameters.get("target").isPresent()
                && parameters.getInt("target", -1) != k) {
            throw new InvalidInputException("segmentation: " + CHANNEL + " " + k + " and target "
                    + parameters.get("target").orElse("") + " differ; give one of them");
        }
        return k;
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
        return new int[] {node};
    }

    /** @return the id of the node whose plane is the map */
    public int segmentationNode() {
        return node;
    }

    /** @return the channel of that node */
    public int channel() {
        return channel;
    }

    @Override
    public SaliencyMap map(PointEvaluation at) {
        double[] out = new double[height * width];
        resize.apply(planeOf(at.value(node)), out);
        return new SaliencyMap(height, width, out, channel, false);
    }

    @Override
    public boolean lineMap(Piece line, SaliencyMap observed, LinearMap map) {
        resize.apply(planeOf(line.intercept(node)), map.p());
        resize.apply(planeOf(line.slope(node)), map.q());
        return true;
    }

    /**
     * The map is the node's plane (resized with non-negative weights), so its centre and radius are the
     * node's, resized.
     */
    @Override
    public boolean mapBounds(LineBounds bounds, SaliencyMap observed, double[] lower, double[] upper) {
        double[][] radius = radiusScratch.get();
        resize.apply(planeOf(bounds.centreIntercept(node)), lower);
        resize.apply(planeOf(bounds.centreSlope(node)), upper);
        resize.apply(planeOf(bounds.radiusIntercept(node)), radius[0]);
        resize.apply(planeOf(bounds.radiusSlope(node)), radius[1]);
        CentreRadius.toBounds(bounds, lower, upper, radius[0], radius[1]);
        return true;
    }

    /** The method makes no data-dependent choice. */
    @Override
    public boolean choicesHold(LineBounds bounds, SaliencyMap observed) {
        return true;
    }

    /** The channel's plane of a node's values (a copy when the node has several channels). */
    private double[] planeOf(double[] values) {
        if (channel == 0 && values.length == plane) {
            return values;
        }
        return java.util.Arrays.copyOfRange(values, channel * plane, (channel + 1) * plane);
    }

    /** Provides {@link SegmentationMethod}. */
    public static final class Provider extends MethodProvider {
        /** Creates the provider. */
        public Provider() {
            super(NAME, "segmentation network: a spatial output's logit plane as the map (threshold:T selects the "
                    + "segmented region)", 15, Set.of(Capabilities.PIECEWISE_LINEAR, Capabilities.BOUNDS_MAPS),
                    Set.of(NODE, CHANNEL, "target"), SegmentationMethod::new);
        }
    }
}
