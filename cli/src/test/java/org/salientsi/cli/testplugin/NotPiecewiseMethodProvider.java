package org.salientsi.cli.testplugin;

import java.util.Optional;
import java.util.Set;
import org.salientsi.api.error.NotPiecewiseLinearException;
import org.salientsi.api.eval.Piece;
import org.salientsi.api.eval.PointEvaluation;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.saliency.LinearMap;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.saliency.SaliencyMethodProvider;
import org.salientsi.api.spi.Capabilities;
import org.salientsi.api.spi.Parameters;

/**
 * A test-only saliency method that is not piecewise linear (the squared input, summed over channels),
 * registered through {@code META-INF/services} in the cli's test resources: the command line must
 * refuse a selective p-value for it (no such built-in method exists yet).
 */
public final class NotPiecewiseMethodProvider implements SaliencyMethodProvider {

    /** The method's name. */
    public static final String NAME = "test-squared-input";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "test only: the squared input, not piecewise linear";
    }

    /** @return none: the method reads no option */
    @Override
    public Optional<Set<String>> optionKeys() {
        return Optional.of(Set.of());
    }

    @Override
    public SaliencyMethod create(Network network, Parameters parameters) {
        TensorShape in = network.inputShape();
        return new SaliencyMethod() {
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
                return new int[] {network.input()};
            }

            @Override
            public SaliencyMap map(PointEvaluation at) {
                double[] x = at.input();
                double[] m = new double[in.plane()];
                for (int c = 0; c < in.channels(); c++) {
                    for (int i = 0; i < m.length; i++) {
                        double v = x[c * m.length + i];
                        m[i] += v * v;
                    }
                }
                return new SaliencyMap(in.height(), in.width(), m, 0, false);
            }

            @Override
            public boolean lineMap(Piece line, SaliencyMap observed, LinearMap map) {
                double[] p = map.p();
                double[] q = map.q();
                throw new NotPiecewiseLinearException(NAME);
            }
        };
    }
}
