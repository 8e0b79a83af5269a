package org.salientsi.sanity.map;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.NotPiecewiseLinearException;
import org.salientsi.api.eval.Piece;
import org.salientsi.api.eval.PointEvaluation;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.saliency.LinearMap;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.spi.Capabilities;

/**
 * The model-independent control "methods" of Tomsett et al. (SANITY.md sections 2.2 and 2.7): a map
 * that a reliable metric should rank last, and one that games LeRF.
 * <ul>
 *   <li>{@code control-random}: i.i.d. standard normal values, seeded by the study seed and a hash of
 *       the input's values, so the same image always gets the same map;</li>
 *   <li>{@code control-sobel}: the Sobel gradient magnitude {@code sqrt(Gx^2 + Gy^2)} of the input,
 *       summed over channels, with mirrored borders ({@code scipy.ndimage.sobel}'s {@code reflect}).</li>
 * </ul>
 * They explain no output: the target recorded in their maps is -1. Neither is piecewise linear.
 */
public final class ControlMethods {

    /** Name of the random control. */
    public static final String RANDOM = "control-random";
    /** Name of the Sobel edge control. */
    public static final String SOBEL = "control-sobel";
    /** The control names. */
    public static final List<String> NAMES = List.of(RANDOM, SOBEL);

    private ControlMethods() {
    }

    /**
     * @param name a method name
     * @param network the network (for its input shape)
     * @param seed the random map's seed
     * @return the control, if {@code name} is one
     */
    public static Optional<SaliencyMethod> find(String name, Network network, long seed) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (RANDOM.equals(n)) {
            return Optional.of(new Control(RANDOM, network.inputShape(), seed));
        }
        if (SOBEL.equals(n)) {
            return Optional.of(new Control(SOBEL, network.inputShape(), seed));
        }
        return Optional.empty();
    }

    /**
     * @param name a control name
     * @param network the network
     * @param seed the random map's seed
     * @return the control
     * @throws InvalidInputException if the name is not a control
     */
    public static SaliencyMethod get(String name, Network network, long seed) {
        return find(name, network, seed).orElseThrow(() -> new InvalidInputException("'" + name
                + "' is not a control method; known: " + NAMES));
    }

    /**
     * @param plane row-major grey values
     * @param height rows
     * @param width columns
     * @return the Sobel magnitude
     */
    public static double[] sobel(double[] plane, int height, int width) {
        double[] out = new double[height * width];
        addSobel(plane, 0, height, width, out);
        return out;
    }

    private static void addSobel(double[] chw, int offset, int height, int width, double[] out) {
        for (int h = 0; h < height; h++) {
            for (int w = 0; w < width; w++) {
                double gx = 0;
                double gy = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    int hh = reflect(h + dy, height);
                    for (int dx = -1; dx <= 1; dx++) {
                        int ww = reflect(w + dx, width);
                        double v = chw[offset + hh * width + ww];
                        // Sobel: derivative [-1, 0, 1] along one axis, smoothing [1, 2, 1] along the other
                        gx += dx * (2 - Math.abs(dy)) * v;
                        gy += dy * (2 - Math.abs(dx)) * v;
                    }
                }
                out[h * width + w] += Math.sqrt(gx * gx + gy * gy);
            }
        }
    }

    private static int reflect(int i, int n) {
        if (i < 0) {
            return Math.min(-i - 1, n - 1);
        }
        if (i >= n) {
            return Math.max(2 * n - i - 1, 0);
        }
        return i;
    }

    private static final class Control implements SaliencyMethod {
        private final String name;
        private final TensorShape shape;
        private final long seed;

        Control(String name, TensorShape shape, long seed) {
            this.name = name;
            this.shape = shape;
            this.seed = seed;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Set<String> capabilities() {
            return Set.of(Capabilities.MAP_ONLY);
        }

        @Override
        public int[] requiredNodes() {
            return new int[0];
        }

        @Override
        public SaliencyMap map(PointEvaluation at) {
            double[] x = at.input();
            int h = shape.height();
            int w = shape.width();
            double[] out = new double[h * w];
            if (RANDOM.equals(name)) {
                SplittableRandom rng = new SplittableRandom(
                        seed ^ (0x9E3779B97F4A7C15L * java.util.Arrays.hashCode(x)));
                for (int i = 0; i < out.length; i++) {
                    out[i] = gaussian(rng);
                }
            } else {
                for (int c = 0; c < shape.channels(); c++) {
                    addSobel(x, c * h * w, h, w, out);
                }
            }
            return new SaliencyMap(h, w, out, -1, false);
        }

        private static double gaussian(SplittableRandom rng) {
            double u1 = rng.nextDouble();
            double u2 = rng.nextDouble();
            return Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
        }

        @Override
        public boolean lineMap(Piece line, SaliencyMap observed, LinearMap map) {
            double[] p = map.p();
            double[] q = map.q();
            throw new NotPiecewiseLinearException(name);
        }
    }
}
