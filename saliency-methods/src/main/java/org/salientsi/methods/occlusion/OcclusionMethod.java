package org.salientsi.methods.occlusion;

import java.util.Set;
import org.salientsi.api.error.NotPiecewiseLinearException;
import org.salientsi.api.eval.NetworkEvaluator;
import org.salientsi.api.eval.Piece;
import org.salientsi.api.eval.PointEvaluation;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.saliency.LinearMap;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.spi.Capabilities;
import org.salientsi.api.spi.Parameters;
import org.salientsi.methods.support.MethodOptions;
import org.salientsi.methods.support.MethodProvider;
import org.salientsi.methods.support.TargetUnit;

/**
 * Occlusion: slide a {@code window x window} patch over the image with step {@code stride} (the last
 * patch of each row and column is moved to touch the border, so every pixel is covered), set the
 * patch's pixels (all channels) to {@code baseline}, and record the drop of the target's pre-activation
 * logit, \( f_k(x) - f_k(x_{\text{occluded}}) \); a pixel's value is the mean drop over the patches
 * that cover it.
 *
 * <p>The drop compares the network at two inputs that move differently along the test line, so it
 * is not piecewise linear in the input in a way the engine can track: the method gives maps only, and
 * asking for a selective p-value is a {@link NotPiecewiseLinearException}. Options: {@code window}
 * (default an eighth of the shorter side, at least 1), {@code stride} (default the window),
 * {@code baseline} (default 0), {@code target}.
 */
public final class OcclusionMethod implements SaliencyMethod {

    /** The method's name. */
    public static final String NAME = "occlusion";

    private final TargetUnit target;
    private final int channels;
    private final int height;
    private final int width;
    private final int window;
    private final int stride;
    private final double fill;

    private OcclusionMethod(Network network, Parameters parameters) {
        this.target = TargetUnit.of(network, parameters);
        TensorShape in = network.inputShape();
        this.channels = in.channels();
        this.height = in.height();
        this.width = in.width();
        int side = Math.min(height, width);
        this.window = MethodOptions.positiveInt(parameters, "window", Math.max(1, side / 8), side);
        this.stride = MethodOptions.positiveInt(parameters, "stride", window, side);
        this.fill = parameters.getDouble("baseline", 0.0);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> capabilities() {
        return Set.of(Capabilities.MAP_ONLY);
    }

    @Override
    public int[] requiredNodes() {
        return new int[] {target.logitNode()};
    }

    @Override
    public SaliencyMap map(PointEvaluation at) {
        int unit = target.atPoint(at);
        double base = at.value(target.logitNode())[unit];
        double[] x = at.input().clone();
        double[] occluded = x.clone();
        NetworkEvaluator evaluator = at.evaluator();
        int plane = height * width;
        double[] sum = new double[plane];
        int[] count = new int[plane];
        int[] rows = starts(height);
        int[] cols = starts(width);
        for (int h0 : rows) {
            for (int w0 : cols) {
                set(occluded, h0, w0, null);
                double drop = base - evaluator.evaluate(occluded).value(target.logitNode())[unit];
                set(occluded, h0, w0, x);
                for (int h = h0; h < h0 + window; h++) {
                    for (int w = w0; w < w0 + window; w++) {
                        sum[h * width + w] += drop;
                        count[h * width + w]++;
                    }
                }
            }
        }
        double[] out = new double[plane];
        for (int i = 0; i < plane; i++) {
            out[i] = sum[i] / count[i];
        }
        return new SaliencyMap(height, width, out, unit, target.fromArgmax());
    }

    /** Top (or left) positions of the patches along an axis of length {@code n}. */
    private int[] starts(int n) {
        int last = n - window;
        int count = last / stride + 1 + (last % stride == 0 ? 0 : 1);
        int[] s = new int[count];
        for (int k = 0; k < count; k++) {
            s[k] = Math.min(k * stride, last);
        }
        return s;
    }

    /** Sets the patch at (h0, w0) to the fill value, or back to {@code restore}'s values. */
    private void set(double[] image, int h0, int w0, double[] restore) {
        int plane = height * width;
        for (int c = 0; c < channels; c++) {
            for (int h = h0; h < h0 + window; h++) {
                for (int w = w0; w < w0 + window; w++) {
                    int e = c * plane + h * width + w;
                    image[e] = restore == null ? fill : restore[e];
                }
            }
        }
    }

    @Override
    public boolean lineMap(Piece line, SaliencyMap observed, LinearMap map) {
        double[] p = map.p();
        double[] q = map.q();
        throw new NotPiecewiseLinearException(NAME);
    }

    /** Provides {@link OcclusionMethod}. */
    public static final class Provider extends MethodProvider {
        /** Creates the provider. */
        public Provider() {
            super(NAME,
                    "occlusion: mean drop of the target's pre-activation logit when a patch is set to the baseline; "
                    + "maps only, no p-value (options: window, stride, baseline, target)",
                    60, Set.of(Capabilities.MAP_ONLY),
                    Set.of("window", "stride", "baseline", "target"), OcclusionMethod::new);
        }
    }
}
