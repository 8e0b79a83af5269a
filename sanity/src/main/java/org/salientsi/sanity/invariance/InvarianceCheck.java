package org.salientsi.sanity.invariance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.ir.Network;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.eval.PointEvaluator;
import org.salientsi.sanity.SanityImage;

/**
 * The automated input-invariance check of SANITY.md section 4.6 for one saliency method and one shift:
 * build {@code f2 = compensate(f1, m)}, gate on {@link EquivalenceGate}, then per image compare
 * {@code A1 = E(f1, x)} with {@code A2 = E(f2, x + m)} (same target; the method factory decides the
 * reference policy of {@code f2}'s method, FIXED or TRANSFORMED), against the noise floor
 * {@code max(nu, nu0)} ({@code nu}: recomputing {@code A1}; {@code nu0}: the method on
 * {@code compensate(f1, 0)}, the harness round trip). An image passes when
 * {@code d_rel <= max(tau_rel, kappa max(nu, nu0))}, or when that holds at the image moved by an
 * imperceptible jitter ({@link #jitter}); the method is input-invariant for the shift when every image
 * passes.
 *
 * <p>The jitter (beyond SANITY.md 4.6) keeps exact ties from deciding a verdict. A piecewise-linear
 * model has them on real images: a max-pool window over an exactly uniform background holds equal
 * values, so which unit wins, and where a gradient flows, is the tie rule's choice; the compensated
 * model's rounding (1e-16) breaks such ties its own way. On the Fashion-MNIST CNN of the examples,
 * integrated gradients with the transformed reference (0 for {@code f1}, -1 for {@code f2}) differ for
 * that reason on 2 of 50 images by up to 6e-5, while a jitter of {@code 1e-12} alone moves the same maps
 * by up to 2e-4; at the jittered images they agree to rounding. Methods that are not invariant differ
 * by O(1) at both points. Maps are compared on the input grid as the SPI returns them (after the method's
 * own channel reduction). Immutable.
 *
 * @param tauF equivalence tolerance
 * @param tauRel relative tolerance of the maps
 * @param kappa noise-floor multiplier
 */
public record InvarianceCheck(double tauF, double tauRel, double kappa) {

    /** The verdict of a method. */
    public enum Verdict {
        /** Every image passes. */
        PASS,
        /** Some image fails. */
        FAIL,
        /** The compensated model is not equivalent; nothing was compared. */
        INCONCLUSIVE;

        /** @return the lower-case name used in JSON */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Creates the saliency method for a model.
     */
    @FunctionalInterface
    public interface MethodFactory {
        /**
         * @param network {@code f1}, {@code f2} or the round-trip model
         * @param shifted whether it is {@code f2}, which sees {@code x + m} (a TRANSFORMED reference moves with it)
         * @return the method bound to the network
         */
        SaliencyMethod create(Network network, boolean shifted);
    }

    /**
     * One image.
     *
     * @param id image label
     * @param discrepancy {@code A1} against {@code A2}
     * @param noiseFloor {@code max(nu, nu0)}
     * @param jitteredRel {@code d_rel} at the jittered image
     * @param pass whether it passes
     * @param a1 {@code A1} (row-major)
     * @param a2 {@code A2}
     */
    public record ImageResult(String id, Discrepancy discrepancy, double noiseFloor, double jitteredRel, boolean pass,
                              double[] a1, double[] a2) {
    }

    /**
     * The check of one method.
     *
     * @param method the method's name
     * @param equivalence {@code delta_f}
     * @param verdict pass, fail or inconclusive
     * @param passRate fraction of images that pass ({@code NaN} when inconclusive)
     * @param medianRel median {@code d_rel}
     * @param maxRel maximum {@code d_rel}
     * @param images per-image results (empty when inconclusive)
     */
    public record Result(String method, double equivalence, Verdict verdict, double passRate, double medianRel,
                         double maxRel, List<ImageResult> images) {

        /** @return the image with the largest {@code d_rel}, or {@code null} */
        public ImageResult worst() {
            return images.stream().max((a, b) -> Double.compare(a.discrepancy().relL2(), b.discrepancy().relL2()))
                    .orElse(null);
        }
    }

    /** @return float64 tolerances: tau_f 1e-10, tau_rel 1e-8, kappa 10 */
    public static InvarianceCheck float64() {
        return new InvarianceCheck(EquivalenceGate.TAU_FLOAT64, 1e-8, 10);
    }

    /**
     * @param f1 the model
     * @param m the shift (1, C or C*H*W values)
     * @param mode how a convolutional first layer absorbs it
     * @param images sample images
     * @param factory the method for each model
     * @return the verdict
     */
    public Result run(Network f1, double[] m, ShiftCompensation.Mode mode, List<SanityImage> images,
                      MethodFactory factory) {
        if (images.isEmpty()) {
            throw new InvalidInputException("the invariance check needs at least one image");
        }
        double[] shift = ShiftCompensation.expand(m, f1.inputShape());
        Network f2 = ShiftCompensation.compensate(f1, m, mode);
        Network f0 = ShiftCompensation.compensate(f1, new double[] {0.0}, mode);
        double delta = EquivalenceGate.delta(f1, f2, shift, images.stream().map(SanityImage::chw).toList());
        SaliencyMethod e1 = factory.create(f1, false);
        if (delta > tauF) {
            return new Result(e1.name(), delta, Verdict.INCONCLUSIVE, Double.NaN, Double.NaN, Double.NaN, List.of());
        }
        SaliencyMethod e2 = factory.create(f2, true);
        SaliencyMethod e0 = factory.create(f0, false);
        PointEvaluator p1 = CompiledNetwork.compile(f1).pointEvaluator();
        PointEvaluator p2 = CompiledNetwork.compile(f2).pointEvaluator();
        PointEvaluator p0 = CompiledNetwork.compile(f0).pointEvaluator();
        List<ImageResult> out = new ArrayList<>();
        double[] shifted = new double[shift.length];
        int passed = 0;
        for (SanityImage im : images) {
            double[] x = im.chw();
            double[] a1 = e1.map(p1.evaluate(x)).values();
            double[] again = e1.map(p1.evaluate(x)).values();
            double[] a0 = e0.map(p0.evaluate(x)).values();
            for (int i = 0; i < x.length; i++) {
                shifted[i] = x[i] + shift[i];
            }
            double[] a2 = e2.map(p2.evaluate(shifted)).values();
            Discrepancy d = Discrepancy.of(a1, a2);
            double floor = Math.max(Discrepancy.of(a1, again).relL2(), Discrepancy.of(a1, a0).relL2());
            double limit = Math.max(tauRel, kappa * floor);
            double[] xj = jitter(x);
            double[] a1j = e1.map(p1.evaluate(xj)).values();
            for (int i = 0; i < x.length; i++) {
                shifted[i] = xj[i] + shift[i];
            }
            double jitteredRel = Discrepancy.of(a1j, e2.map(p2.evaluate(shifted)).values()).relL2();
            boolean pass = d.relL2() <= limit || jitteredRel <= limit;
            passed += pass ? 1 : 0;
            out.add(new ImageResult(im.id(), d, floor, jitteredRel, pass, a1, a2));
        }
        double[] rel = out.stream().mapToDouble(r -> r.discrepancy().relL2()).sorted().toArray();
        double median = rel.length % 2 == 1 ? rel[rel.length / 2] : (rel[rel.length / 2 - 1] + rel[rel.length / 2]) / 2;
        return new Result(e1.name(), delta, passed == images.size() ? Verdict.PASS : Verdict.FAIL,
                (double) passed / images.size(), median, rel[rel.length - 1], out);
    }

    /** Size of the jitter relative to {@code max(1, max|x|)}. */
    static final double JITTER = 1e-12;

    /**
     * The image moved by {@code JITTER max(1, max|x|)} with a fixed pattern of signs (no randomness):
     * far below any meaningful change, enough to break the exact ties of a uniform background.
     *
     * @param x an image
     * @return the jittered copy
     */
    static double[] jitter(double[] x) {
        double scale = 1;
        for (double v : x) {
            scale = Math.max(scale, Math.abs(v));
        }
        double eps = JITTER * scale;
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] + ((Integer.bitCount(i * 0x9E3779B9) & 1) == 0 ? eps : -eps);
        }
        return out;
    }

    /**
     * @param spec {@code -1}, {@code 0.5,0.2,0.1} (per channel)
     * @return the shift values
     */
    public static double[] parseShift(String spec) {
        try {
            return Arrays.stream(spec.split(",")).mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
        } catch (NumberFormatException e) {
            throw new InvalidInputException("--shift needs numbers separated by commas, got '" + spec + "'");
        }
    }
}
