package org.salientsi.methods.gradcam;

import java.util.Set;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.eval.Piece;
import org.salientsi.api.eval.PointEvaluation;
import org.salientsi.api.ir.Dense;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Node;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.saliency.LinearMap;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.spi.Capabilities;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.grad.Backprop;
import org.salientsi.core.grad.ReverseProgram;
import org.salientsi.methods.cam.CamMethod;
import org.salientsi.methods.support.MethodProvider;
import org.salientsi.methods.support.PlaneResize;
import org.salientsi.methods.support.TargetUnit;

/**
 * Grad-CAM: \( L = \mathrm{ReLU}\big(\sum_c \alpha_c A_c\big) \) with channel weights
 * \( \alpha_c = \frac{1}{hw} \sum_{i,j} \partial f_k / \partial A_{c,i,j} \), the spatial mean of the
 * gradient of the target's pre-activation logit \( f_k \) with respect to the feature maps \( A \),
 * brought to input resolution by bilinear interpolation (half-pixel centres) when the sizes differ.
 *
 * <p>On a linear piece the activation pattern between the features and the logit is fixed, so the
 * weights are constants (an exact reverse pass over that pattern) and the weighted sum is
 * \( P + Q z \); the ReLU of each feature-resolution value is a decision that narrows the piece. On a
 * network whose features feed global average pooling and a dense layer, \( \alpha_c = W_{k,c}/(hw) \)
 * and Grad-CAM is the ReLU of CAM divided by \( hw \).
 *
 * <p>The feature layer is the {@code cam-layer} option, else CAM's (the input of the global average
 * pooling that feeds the last dense layer), else the last node before the logits whose output still
 * has a spatial extent. Options: {@code target}, {@code cam-layer}.
 */
public final class GradCamMethod implements SaliencyMethod {

    /** The method's name. */
    public static final String NAME = "gradcam";

    private final TargetUnit target;
    private final ReverseProgram reverse;
    private final int feature;
    private final int channels;
    private final int featurePlane;
    private final int height;
    private final int width;
    private final PlaneResize resize;
    private final ThreadLocal<Scratch> scratch;

    private GradCamMethod(Network network, Parameters parameters) {
        this.target = TargetUnit.of(network, parameters);
        Node featureNode = featureNode(network, parameters, network.node(target.logitNode()));
        this.feature = featureNode.id();
        this.reverse = ReverseProgram.compile(network, target.logitNode(), feature);
        TensorShape fs = featureNode.shape();
        this.channels = fs.channels();
        this.featurePlane = fs.plane();
        TensorShape in = network.inputShape();
        this.height = in.height();
        this.width = in.width();
        this.resize = PlaneResize.of(fs.height(), fs.width(), height, width);
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(reverse.newBackprop(), channels, featurePlane));
    }

    private static Node featureNode(Network network, Parameters parameters, Node logits) {
        String named = parameters.get("cam-layer").orElse(null);
        if (named != null) {
            Node n = network.node(named).orElseThrow(() -> new InvalidInputException(
                    "--cam-layer '" + named + "' names no node of the model"));
            if (n.id() >= logits.id()) {
                throw new InvalidInputException("--cam-layer '" + named + "' does not lie before the logits '"
                        + logits.name() + "'");
            }
            return n;
        }
        if (logits.op() instanceof Dense) {
            try {
                return CamMethod.featureOf(network, logits);
            } catch (InvalidInputException e) {
                // no global average pooling: fall back to the last spatial node
            }
        }
        for (int id = logits.id() - 1; id > network.input(); id--) {
            Node n = network.node(id);
            if (n.shape().plane() > 1 && n.op().piecewiseLinear()) {
                return n;
            }
        }
        throw new InvalidInputException("Grad-CAM found no feature layer with a spatial extent before the logits '"
                + logits.name() + "'; name one with --cam-layer");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> capabilities() {
        return Set.of(Capabilities.PIECEWISE_LINEAR);
    }

    @Override
    public int[] requiredNodes() {
        return new int[] {feature, target.logitNode()};
    }

    /** @return the id of the feature node */
    public int featureNode() {
        return feature;
    }

    @Override
    public SaliencyMap map(PointEvaluation at) {
        int unit = target.atPoint(at);
        Scratch s = scratch.get();
        s.backprop.decide(at);
        weights(s.backprop.gradient(unit), s.alpha);
        double[] low = new double[featurePlane];
        combine(at.value(feature), s.alpha, low);
        for (int i = 0; i < featurePlane; i++) {
            low[i] = Math.max(low[i], 0.0);
        }
        double[] out = new double[height * width];
        resize.apply(low, out);
        return new SaliencyMap(height, width, out, unit, target.fromArgmax());
    }

    @Override
    public boolean lineMap(Piece line, SaliencyMap observed, LinearMap map) {
        double[] p = map.p();
        double[] q = map.q();
        boolean consistent = target.onLine(line, observed.target());
        Scratch s = scratch.get();
        s.backprop.decide(line);
        weights(s.backprop.gradient(observed.target()), s.alpha);
        combine(line.intercept(feature), s.alpha, s.lowP);
        combine(line.slope(feature), s.alpha, s.lowQ);
        for (int i = 0; i < featurePlane; i++) {
            if (!line.positive(s.lowP[i], s.lowQ[i])) {
                s.lowP[i] = 0.0;
                s.lowQ[i] = 0.0;
            }
        }
        resize.apply(s.lowP, p);
        resize.apply(s.lowQ, q);
        return consistent;
    }

    /** alpha_c = spatial mean of the gradient of channel c. */
    private void weights(double[] grad, double[] alpha) {
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            for (int i = 0; i < featurePlane; i++) {
                sum += grad[c * featurePlane + i];
            }
            alpha[c] = sum / featurePlane;
        }
    }

    /** out = sum_c alpha_c F_c. */
    private void combine(double[] f, double[] alpha, double[] out) {
        java.util.Arrays.fill(out, 0.0);
        for (int c = 0; c < channels; c++) {
            double a = alpha[c];
            int base = c * featurePlane;
            for (int i = 0; i < featurePlane; i++) {
                out[i] += a * f[base + i];
            }
        }
    }

    /** One thread's buffers. */
    private static final class Scratch {
        final Backprop backprop;
        final double[] alpha;
        final double[] lowP;
        final double[] lowQ;

        Scratch(Backprop backprop, int channels, int plane) {
            this.backprop = backprop;
            this.alpha = new double[channels];
            this.lowP = new double[plane];
            this.lowQ = new double[plane];
        }
    }

    /** Provides {@link GradCamMethod}. */
    public static final class Provider extends MethodProvider {
        /** Creates the provider. */
        public Provider() {
            super(NAME,
                    "Grad-CAM: ReLU of the feature maps weighted by the spatial mean of the gradient of the target's "
                    + "pre-activation logit (options: target, cam-layer)",
                    20, Set.of(Capabilities.PIECEWISE_LINEAR), Set.of("target", "cam-layer"), GradCamMethod::new);
        }
    }
}
