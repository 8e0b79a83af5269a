package org.salientsi.backend.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.backend.ModelBackend;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.ir.Network;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.eval.SegmentEvaluator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Conformance of the networks with smooth activations inside (sigmoid, tanh, softmax over channels,
 * columns or a vector, exp, exact GELU), which the shared kit cannot take (it walks linear pieces, which
 * these networks do not have): the IR's segment bounds of the output, which the certified search relies
 * on, contain DL4J's own output (double precision, an independent runtime) at points of each segment of
 * random lines. The IR's point values equal DL4J's, layer by layer, in {@link IrMatchesDl4jLayerByLayerTest}.
 */
class Dl4jSmoothConformanceTest {

    private static final Logger LOG = LoggerFactory.getLogger(Dl4jSmoothConformanceTest.class);
    /** DL4J's rounding in double precision, relative to the output's magnitude (measured: below 1e-15). */
    private static final double ROUNDING = 1e-12;

    @TempDir
    static Path dir;

    private record Case(String label, LoadedModel model) {
    }

    private static final List<Case> CASES = new ArrayList<>();

    @BeforeAll
    static void loadModels() throws Exception {
        ModelBackend backend = TestModels.backend();
        for (String keras : new String[] {"keras/functional_smooth_cnn.h5", "keras/sequential_smooth_mlp.h5"}) {
            CASES.add(new Case(keras, backend.load(TestModels.resourceFile(keras, dir), Parameters.empty())));
        }
        for (TestNetworks.Spec spec : TestNetworks.smooth()) {
            CASES.add(new Case(spec.label(), backend.load(spec.save(dir), spec.options())));
        }
    }

    @AfterAll
    static void closeModels() {
        CASES.forEach(c -> c.model().close());
        CASES.clear();
    }

    @Test
    void segmentBoundsOfTheOutputContainDl4jsOutputAlongRandomLines() {
        SplittableRandom rng = new SplittableRandom(20261207L);
        for (Case c : CASES) {
            Network net = c.model().network();
            ImageShape shape = c.model().imageShape();
            int out = net.output();
            SegmentEvaluator bounds = CompiledNetwork.compile(net).segmentEvaluator(out);
            assertThat(bounds.supported()).as(c.label()).isTrue();
            double widest = 0;
            int checked = 0;
            for (int line = 0; line < 2; line++) {
                double[] a = gaussian(shape.size(), rng);
                double[] dir = gaussian(shape.size(), rng);
                double norm = Math.sqrt(java.util.Arrays.stream(dir).map(v -> v * v).sum());
                for (int i = 0; i < dir.length; i++) {
                    dir[i] /= norm;
                }
                // the IR's input is CHW; the image (and DL4J's input) is HWC
                bounds.setLine(Image.of(shape, a).toChw(), Image.of(shape, dir).toChw());
                int segments = 12;
                for (int s = 0; s < segments; s++) {
                    double lo = -3.0 + 6.0 * s / segments;
                    double hi = -3.0 + 6.0 * (s + 1) / segments;
                    bounds.bound(lo, hi);
                    for (int k = 0; k <= 4; k += 2) {
                        double z = lo + (hi - lo) * k / 4;
                        double[] x = new double[a.length];
                        for (int i = 0; i < x.length; i++) {
                            x[i] = a[i] + dir[i] * z;
                        }
                        double[] nat = c.model().predict(Image.of(shape, x));
                        for (int i = 0; i < nat.length; i++) {
                            double m = bounds.centreIntercept(out)[i] + bounds.centreSlope(out)[i] * z;
                            double r = bounds.radiusIntercept(out)[i] + bounds.radiusSlope(out)[i] * z;
                            double tol = ROUNDING * Math.max(1.0, Math.abs(nat[i]));
                            assertThat(r).as("%s: radius at z = %s", c.label(), z).isGreaterThanOrEqualTo(0.0);
                            assertThat(nat[i]).as("%s output %d at z = %s in [%s, %s]: DL4J within the IR's bounds",
                                    c.label(), i, z, lo, hi).isBetween(m - r - tol, m + r + tol);
                            widest = Math.max(widest, 2 * r);
                            checked++;
                        }
                    }
                }
            }
            LOG.info("IR segment bounds vs DL4J {}: {} output values inside, widest bound {} (segments of 0.5)",
                    String.format("%-34s", c.label()), checked, String.format("%.2e", widest));
        }
    }

    private static double[] gaussian(int n, SplittableRandom rng) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.sqrt(-2 * Math.log1p(-rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
        }
        return v;
    }
}
