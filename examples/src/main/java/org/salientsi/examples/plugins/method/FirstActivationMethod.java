package org.salientsi.examples.plugins.method;

import java.util.Optional;
import java.util.Set;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.eval.Piece;
import org.salientsi.api.eval.PointEvaluation;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Node;
import org.salientsi.api.ir.Relu;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.saliency.LinearMap;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.saliency.SaliencyMethodProvider;
import org.salientsi.api.spi.Capabilities;
import org.salientsi.api.spi.Parameters;

/**
 * An example saliency method written against the SPI only ({@code salientsi-api}): the activation of
 * the network's first ReLU layer summed over its channels, \( S(h, w) = \sum_c \mathrm{ReLU}(u)_{c,h,w} \),
 * which must have the input's height and width (a 'same'-padded first convolution).
 *
 * <p>It is piecewise linear in the input, so it has selective p-values: on a linear piece the line
 * evaluation already carries the ReLU layer's output as intercepts {@code p} and slopes {@code q}
 * (the ReLU signs are the evaluator's decisions), and the map on the piece is their channel sums. The
 * method takes no decision of its own and has no data-dependent target, so {@link #lineMap} always
 * reports the piece as consistent.
 */
public final class FirstActivationMethod implements SaliencyMethod {

    /** The name users type: {@code --method first-activation}. */
    public static final String NAME = "first-activation";

    private final int node;
    private final int channels;
    private final int height;
    private final int width;

    private FirstActivationMethod(Network network) {
        Node relu = null;
        for (Node n : network.nodes()) {
            if (n.op() instanceof Relu) {
                relu = n;
                break;
            }
        }
        TensorShape in = network.inputShape();
        if (relu == null || relu.shape().height() != in.height() || relu.shape().width() != in.width()) {
            throw new InvalidInputException("method " + NAME + " needs a first ReLU layer of the input's size "
                    + in.height() + "x" + in.width() + (relu == null ? "; the model has none"
                    : "; '" + relu.name() + "' is " + relu.shape()));
        }
        this.node = relu.id();
        this.channels = relu.shape().channels();
        this.height = in.height();
        this.width = in.width();
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
        return new int[] {node};
    }

    @Override
    public SaliencyMap map(PointEvaluation at) {
        double[] out = new double[height * width];
        sumChannels(at.value(node), out);
        return new SaliencyMap(height, width, out, 0, false);
    }

    @Override
    public boolean lineMap(Piece line, SaliencyMap observed, LinearMap map) {
        double[] p = map.p();
        double[] q = map.q();
        sumChannels(line.intercept(node), p);
        sumChannels(line.slope(node), q);
        return true;
    }

    private void sumChannels(double[] chw, double[] out) {
        int plane = height * width;
        java.util.Arrays.fill(out, 0, plane, 0.0);
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < plane; i++) {
                out[i] += chw[c * plane + i];
            }
        }
    }

    /** The provider that {@code META-INF/services/org.salientsi.api.saliency.SaliencyMethodProvider} lists. */
    public static final class Provider implements SaliencyMethodProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "example plugin: activation of the first ReLU layer, summed over channels";
        }

        @Override
        public Set<String> capabilities() {
            return Set.of(Capabilities.PIECEWISE_LINEAR);
        }

        /** @return none: the method reads no option, so any one given is refused */
        @Override
        public Optional<Set<String>> optionKeys() {
            return Optional.of(Set.of());
        }

        @Override
        public SaliencyMethod create(Network network, Parameters parameters) {
            return new FirstActivationMethod(network);
        }
    }
}
