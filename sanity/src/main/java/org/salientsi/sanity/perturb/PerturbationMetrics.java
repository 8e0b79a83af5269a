package org.salientsi.sanity.perturb;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.ShapeMismatchException;
import org.salientsi.api.eval.PointEvaluation;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.eval.PointEvaluator;
import org.salientsi.sanity.reliability.PairwiseSpearman;

/**
 * Computes the perturbation curves and scores of SANITY.md section 2.3 for one network and one
 * {@link PerturbationConfig}:
 *
 * <pre>
 * x^(0) = x,   x^(k) = B(x^(k-1), S_k)          (S_k: the k-th block of features under the order)
 * AOPC  = 1/(L+1) sum_{k=0..L} (f_c(x^(0)) - f_c(x^(k)))
 * ABPC  = AOPC_MoRF - AOPC_LeRF
 * deletion AUC = trapezoid area of the MoRF curve over k/L;  insertion AUC: the same for the curve that
 *                starts from the fully replaced canvas and restores the MoRF features
 * F     = Pearson( r_i , f_c(x) - f_c(B(x, {i})) )  over every feature i (non-cumulative)
 * </pre>
 *
 * <p>Work sharing: {@link #prepare} evaluates {@code f_c(x)} and draws the replacement canvases once
 * per image ({@link ImageCase}); MoRF, LeRF, insertion and every map of the image start from them, and
 * what does not depend on the map (the random-order curve and the single-feature drops of F, the
 * most expensive part) is computed once per image and cached.
 * Forward passes go through one reused {@link PointEvaluator} per thread (no allocation per pass).
 * Thread-safe: any number of threads may score images concurrently.
 */
public final class PerturbationMetrics {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final CompiledNetwork program;
    private final PerturbationConfig config;
    private final ModelOutput output;
    private final TensorShape shape;
    private final int[][] features;
    private final int steps;
    private final ThreadLocal<PointEvaluator> evaluators;

    /**
     * @param program the compiled network
     * @param config the metric variant
     */
    public PerturbationMetrics(CompiledNetwork program, PerturbationConfig config) {
        this.program = program;
        this.config = config;
        this.output = new ModelOutput(program.network(), config.output());
        this.shape = program.network().inputShape();
        this.features = config.unit().features(shape.height(), shape.width());
        int maxSteps = (features.length + config.unit().perStep() - 1) / config.unit().perStep();
        this.steps = config.steps() == 0 ? maxSteps : Math.min(config.steps(), maxSteps);
        this.evaluators = ThreadLocal.withInitial(program::pointEvaluator);
    }

    /** @return the configuration */
    public PerturbationConfig config() {
        return config;
    }

    /** @return the effective number of steps L (at most the number of feature blocks) */
    public int steps() {
        return steps;
    }

    /** @return the number of features (pixels or patches) */
    public int featureCount() {
        return features.length;
    }

    /**
     * The per-image state shared by every map of the image.
     */
    public final class ImageCase {
        private final int index;
        private final double[] x;
        private final double[][] canvases;
        private final int target;
        private final double base;
        private double[] randomCurve;
        private double[] singleDrops;

        private ImageCase(int index, double[] x, double[][] canvases, int target, double base) {
            this.index = index;
            this.x = x;
            this.canvases = canvases;
            this.target = target;
            this.base = base;
        }

        /** @return the class followed */
        public int target() {
            return target;
        }

        /** @return {@code f_c(x)} */
        public double base() {
            return base;
        }

        /** @return the image's index (part of its seeds) */
        public int index() {
            return index;
        }

        synchronized double[] random() {
            if (randomCurve == null) {
                SplittableRandom rng = new SplittableRandom(mix(config.seed(), index, -1));
                randomCurve = curve(this, Ordering.RANDOM.order(new double[features.length], rng), false);
            }
            return randomCurve;
        }

        synchronized double[] drops() {
            if (singleDrops == null) {
                singleDrops = PerturbationMetrics.this.drops(this);
            }
            return singleDrops;
        }
    }

    /**
     * Evaluates {@code f(x)}, fixes the class and draws the canvases of one image.
     *
     * @param index the image's index in the study (seeds the random replacements and orders)
     * @param chw the image in CHW order
     * @param label the given class, or {@code null} (needed when the output follows the given class)
     * @param datasetMean the data set's per-channel mean, or {@code null} (needed for dataset-mean replacement)
     * @return the image's shared state
     */
    public ImageCase prepare(int index, double[] chw, Integer label, double[] datasetMean) {
        if (chw.length != shape.size()) {
            throw new ShapeMismatchException("image " + index + " has " + chw.length + " values, the network takes "
                    + shape);
        }
        PointEvaluation at = evaluators.get().evaluate(chw);
        int target;
        if (config.output().givenClass()) {
            if (label == null) {
                throw new InvalidInputException("output " + config.output().spec() + " needs a label for image "
                        + index);
            }
            target = output.checkClass(label);
        } else {
            target = output.predicted(at);
        }
        double base = output.value(at, target);
        double[][] canvases = new double[config.seeds()][];
        for (int s = 0; s < canvases.length; s++) {
            double[] c = config.replacement().canvas(chw, shape, datasetMean, mix(config.seed(), index, s));
            if (config.clipped()) {
                for (int i = 0; i < c.length; i++) {
                    c[i] = Math.max(config.clipLow(), Math.min(config.clipHigh(), c[i]));
                }
            }
            canvases[s] = c;
        }
        return new ImageCase(index, chw.clone(), canvases, target, base);
    }

    /**
     * @param image the prepared image
     * @param map its saliency map (on the input's grid)
     * @param metrics the scores wanted (the curves they need are computed, the others skipped)
     * @return the scores and curves
     */
    public PerturbationScores score(ImageCase image, SaliencyMap map, Set<Metric> metrics) {
        if (map.height() != shape.height() || map.width() != shape.width()) {
            throw new ShapeMismatchException("saliency map " + map.height() + "x" + map.width() + " does not fit the "
                    + "input " + shape);
        }
        double[] r = map.values();
        if (config.absoluteMap()) {
            for (int i = 0; i < r.length; i++) {
                r[i] = Math.abs(r[i]);
            }
        }
        double[] relevance = config.unit().relevance(r, features);
        boolean needMorf = metrics.contains(Metric.AOPC_MORF) || metrics.contains(Metric.ABPC)
                || metrics.contains(Metric.DELETION_AUC);
        boolean needLerf = metrics.contains(Metric.AOPC_LERF) || metrics.contains(Metric.ABPC);
        int[] morf = needMorf || metrics.contains(Metric.INSERTION_AUC) ? Ordering.MORF.order(relevance, null) : null;
        double[] morfCurve = needMorf ? curve(image, morf, false) : new double[0];
        double[] lerfCurve = needLerf ? curve(image, Ordering.LERF.order(relevance, null), false) : new double[0];
        double[] insertion = metrics.contains(Metric.INSERTION_AUC) ? curve(image, morf, true) : new double[0];
        double[] drops = metrics.contains(Metric.FAITHFULNESS) ? image.drops() : new double[0];
        Map<Metric, Double> scores = new EnumMap<>(Metric.class);
        if (needMorf) {
            scores.put(Metric.AOPC_MORF, PerturbationScores.aopc(morfCurve));
            scores.put(Metric.DELETION_AUC, PerturbationScores.auc(morfCurve));
        }
        if (needLerf) {
            scores.put(Metric.AOPC_LERF, PerturbationScores.aopc(lerfCurve));
        }
        if (needMorf && needLerf) {
            scores.put(Metric.ABPC, scores.get(Metric.AOPC_MORF) - scores.get(Metric.AOPC_LERF));
        }
        if (insertion.length > 0) {
            scores.put(Metric.INSERTION_AUC, PerturbationScores.auc(insertion));
        }
        if (drops.length > 0) {
            scores.put(Metric.FAITHFULNESS, pearson(relevance, drops));
        }
        scores.keySet().retainAll(metrics);
        return new PerturbationScores(image.target, image.base, morfCurve, lerfCurve, insertion,
                needMorf ? image.random() : new double[0], drops, scores);
    }

    private static double pearson(double[] a, double[] b) {
        if (a.length < 3 || PairwiseSpearman.constant(a) || PairwiseSpearman.constant(b)) {
            return Double.NaN;
        }
        return new PearsonsCorrelation().correlation(a, b);
    }

    /** The cumulative curve for one order, averaged over the canvases. */
    private double[] curve(ImageCase image, int[] order, boolean insert) {
        double[] mean = new double[steps + 1];
        PointEvaluator eval = evaluators.get();
        int plane = shape.plane();
        int channels = shape.channels();
        int per = config.unit().perStep();
        for (double[] canvas : image.canvases) {
            double[] from = insert ? image.x : canvas;
            double[] work = insert ? canvas.clone() : image.x.clone();
            mean[0] += insert ? output.value(eval.evaluate(work), image.target) : image.base;
            int next = 0;
            for (int k = 1; k <= steps; k++) {
                int end = Math.min(features.length, k * per);
                for (; next < end; next++) {
                    for (int p : features[order[next]]) {
                        for (int c = 0; c < channels; c++) {
                            work[c * plane + p] = from[c * plane + p];
                        }
                    }
                }
                mean[k] += output.value(eval.evaluate(work), image.target);
            }
        }
        int n = image.canvases.length;
        for (int k = 0; k <= steps; k++) {
            mean[k] /= n;
        }
        return mean;
    }

    /** Single-feature drops, averaged over the canvases. */
    private double[] drops(ImageCase image) {
        double[] out = new double[features.length];
        PointEvaluator eval = evaluators.get();
        int plane = shape.plane();
        int channels = shape.channels();
        double[] work = image.x.clone();
        for (double[] canvas : image.canvases) {
            for (int f = 0; f < features.length; f++) {
                for (int p : features[f]) {
                    for (int c = 0; c < channels; c++) {
                        work[c * plane + p] = canvas[c * plane + p];
                    }
                }
                out[f] += image.base - output.value(eval.evaluate(work), image.target);
                for (int p : features[f]) {
                    for (int c = 0; c < channels; c++) {
                        work[c * plane + p] = image.x[c * plane + p];
                    }
                }
            }
        }
        for (int f = 0; f < out.length; f++) {
            out[f] /= image.canvases.length;
        }
        return out;
    }

    /** A seed for (master, image, stream) by SplitMix-style mixing. */
    static long mix(long master, int image, int stream) {
        long z = master + GOLDEN * (image + 1L) + 0xBF58476D1CE4E5B9L * (stream + 2L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
