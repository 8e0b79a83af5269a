package org.salientsi.sanity.perturb;

import java.util.EnumMap;
import java.util.Map;

/**
 * The perturbation scores of one (image, saliency map) under one {@link PerturbationConfig}, with the
 * curves they come from. Curves are {@code f_c(x^(k))} for {@code k = 0..L} (averaged over the seeds of
 * a random replacement); an uncomputed curve is empty and its scores {@code NaN}.
 *
 * @param target the class followed
 * @param base {@code f_c(x)}
 * @param morf MoRF (deletion) curve
 * @param lerf LeRF curve
 * @param insertion insertion curve (from the fully replaced canvas, restoring MoRF features)
 * @param random random-order curve (the same for every map of the image)
 * @param drops single-feature drops {@code f_c(x) - f_c(B(x, {i}))}, per feature
 * @param scores the scores computed
 */
public record PerturbationScores(int target, double base, double[] morf, double[] lerf, double[] insertion,
                                 double[] random, double[] drops, Map<Metric, Double> scores) {

    /** Copies the scores into an enum map. */
    public PerturbationScores {
        scores = scores.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new EnumMap<>(scores));
    }

    /**
     * @param metric a metric
     * @return its score, or {@code NaN} if not computed
     */
    public double get(Metric metric) {
        Double v = scores.get(metric);
        return v == null ? Double.NaN : v;
    }

    /**
     * @param curve {@code f(x^(k))}, k = 0..L
     * @return {@code 1/(L+1) sum_k (f(x^(0)) - f(x^(k)))}
     */
    public static double aopc(double[] curve) {
        double s = 0;
        for (double v : curve) {
            s += curve[0] - v;
        }
        return s / curve.length;
    }

    /**
     * @param curve {@code f(x^(k))}, k = 0..L
     * @return the trapezoid area over the fraction {@code k / L} in [0, 1]
     */
    public static double auc(double[] curve) {
        int l = curve.length - 1;
        if (l < 1) {
            return Double.NaN;
        }
        double s = 0;
        for (int k = 0; k < l; k++) {
            s += 0.5 * (curve[k] + curve[k + 1]);
        }
        return s / l;
    }
}
