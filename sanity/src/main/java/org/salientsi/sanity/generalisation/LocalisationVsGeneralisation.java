package org.salientsi.sanity.generalisation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.sanity.map.Percentile;
import org.salientsi.sanity.reliability.PairwiseSpearman;

/**
 * Viviano et al.'s check (SANITY.md section 3.6): for each saliency method, Spearman's rho and Kendall's
 * tau-b (Commons Math) between the models' shifted-test AUC and their mean IoU; percentile bootstrap
 * intervals (models resampled with replacement; replicates where a sample is constant are dropped); a
 * two-sided permutation p-value for rho ({@code (1 + #{|rho_perm| >= |rho|}) / (1 + B)}); and the
 * agreement between saliency methods (Spearman of the per-image IoU pooled over models).
 *
 * @param replicates bootstrap replicates
 * @param permutations permutations
 * @param confidence interval level
 * @param seed seed of both
 */
public record LocalisationVsGeneralisation(int replicates, int permutations, double confidence, long seed) {

    /** Significance level of the verdict. */
    public static final double ALPHA = 0.05;

    /**
     * One saliency method.
     *
     * @param method the method
     * @param meanIou mean IoU per model
     * @param spearman rho(AUC, IoU)
     * @param spearmanCi bootstrap interval of rho
     * @param kendall tau-b(AUC, IoU)
     * @param kendallCi bootstrap interval of tau
     * @param permutationP permutation p-value of rho
     * @param verdict "IoU predicts generalisation" or "IoU does not predict generalisation", with the reason
     */
    public record MethodResult(String method, double[] meanIou, double spearman, double[] spearmanCi, double kendall,
                               double[] kendallCi, double permutationP, String verdict) {
    }

    /**
     * The analysis.
     *
     * @param models model names
     * @param variants training variant per model
     * @param auc AUC per model
     * @param methods method results
     * @param methodNames method names of the agreement matrix
     * @param agreement Spearman of per-image IoU between methods, pooled over models
     */
    public record Result(List<String> models, List<String> variants, double[] auc, List<MethodResult> methods,
                         List<String> methodNames, double[][] agreement) {
    }

    /** @return 2,000 replicates and permutations, 95%, seed 1 */
    public static LocalisationVsGeneralisation defaults() {
        return new LocalisationVsGeneralisation(2000, 2000, 0.95, 1L);
    }

    /**
     * @param outcomes at least three models, each with the same methods
     * @param methods the methods to analyse
     * @return the analysis
     */
    public Result analyse(List<ModelOutcome> outcomes, List<String> methods) {
        int k = outcomes.size();
        if (k < 3) {
            throw new InvalidInputException("localisation against generalisation needs at least 3 models, got " + k);
        }
        double[] auc = outcomes.stream().mapToDouble(ModelOutcome::auc).toArray();
        List<MethodResult> results = new ArrayList<>();
        for (String m : methods) {
            double[] iou = outcomes.stream().mapToDouble(o -> o.meanIou(m)).toArray();
            results.add(method(m, auc, iou));
        }
        int n = methods.size();
        double[][] agreement = new double[n][n];
        for (int a = 0; a < n; a++) {
            agreement[a][a] = 1;
            for (int b = a + 1; b < n; b++) {
                double r = PairwiseSpearman.rho(pooled(outcomes, methods.get(a)), pooled(outcomes, methods.get(b)));
                agreement[a][b] = r;
                agreement[b][a] = r;
            }
        }
        return new Result(outcomes.stream().map(ModelOutcome::name).toList(),
                outcomes.stream().map(ModelOutcome::variant).toList(), auc, results, List.copyOf(methods), agreement);
    }

    private static double[] pooled(List<ModelOutcome> outcomes, String method) {
        return outcomes.stream().flatMapToDouble(o -> Arrays.stream(o.iou().get(method))).toArray();
    }

    private MethodResult method(String name, double[] auc, double[] iou) {
        double rho = PairwiseSpearman.rho(auc, iou);
        double tau = kendall(auc, iou);
        SplittableRandom rng = new SplittableRandom(seed);
        int k = auc.length;
        double[] rhos = new double[replicates];
        double[] taus = new double[replicates];
        int defined = 0;
        double[] a = new double[k];
        double[] b = new double[k];
        for (int r = 0; r < replicates; r++) {
            for (int i = 0; i < k; i++) {
                int j = rng.nextInt(k);
                a[i] = auc[j];
                b[i] = iou[j];
            }
            double rr = PairwiseSpearman.rho(a, b);
            double tt = kendall(a, b);
            if (!Double.isNaN(rr) && !Double.isNaN(tt)) {
                rhos[defined] = rr;
                taus[defined++] = tt;
            }
        }
        double[] rhoCi = interval(Arrays.copyOf(rhos, defined));
        double[] tauCi = interval(Arrays.copyOf(taus, defined));
        double p = Double.NaN;
        if (!Double.isNaN(rho)) {
            int extreme = 0;
            double[] perm = auc.clone();
            for (int r = 0; r < permutations; r++) {
                for (int i = k - 1; i > 0; i--) {
                    int j = rng.nextInt(i + 1);
                    double t = perm[i];
                    perm[i] = perm[j];
                    perm[j] = t;
                }
                double pr = PairwiseSpearman.rho(perm, iou);
                if (!Double.isNaN(pr) && Math.abs(pr) >= Math.abs(rho) - 1e-12) {
                    extreme++;
                }
            }
            p = (1.0 + extreme) / (1.0 + permutations);
        }
        return new MethodResult(name, iou, rho, rhoCi, tau, tauCi, p, verdict(rho, rhoCi, p));
    }

    private static String verdict(double rho, double[] ci, double p) {
        if (Double.isNaN(rho)) {
            return "IoU does not predict generalisation: the correlation is undefined (AUC or IoU is constant "
                    + "across models)";
        }
        boolean covers = !(ci[0] > 0 || ci[1] < 0);
        if (p >= ALPHA || covers) {
            return String.format(Locale.ROOT, "IoU does not predict generalisation: rho %.3f, permutation p %.3g, "
                    + "interval [%.3f, %.3f] %s 0", rho, p, ci[0], ci[1], covers ? "covers" : "excludes");
        }
        return String.format(Locale.ROOT, "IoU %s generalisation: rho %.3f, permutation p %.3g, interval "
                + "[%.3f, %.3f]", rho > 0 ? "predicts" : "is inversely related to", rho, p, ci[0], ci[1]);
    }

    private static double kendall(double[] a, double[] b) {
        if (PairwiseSpearman.constant(a) || PairwiseSpearman.constant(b)) {
            return Double.NaN;
        }
        return new KendallsCorrelation().correlation(a, b);
    }

    private double[] interval(double[] sorted) {
        if (sorted.length == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        Arrays.sort(sorted);
        double tail = (1 - confidence) / 2;
        return new double[] {Percentile.sortedQuantile(sorted, tail), Percentile.sortedQuantile(sorted, 1 - tail)};
    }
}
