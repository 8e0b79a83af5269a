package org.salientsi.validation.paper;

import java.util.Map;

/**
 * The rejection rates at alpha = 0.05 that the authors' research code reported for the paper's
 * synthetic experiment with one reference image and the mean-difference statistic, 1000 trials each
 * (takeuchi-lab/selective_inference_dnn_salient_region, MIT licence: files
 * {@code plot/result_one_ref/fpr_avg.csv} and {@code plot/result_one_ref/tpr_avg.csv}; columns
 * {@code naive}, {@code oc} and {@code parametric}, the selective test). Their p-values are the
 * symmetric form {@code P(|Z| >= |T|)} ({@code --alternative abs}).
 */
public final class PaperReference {

    /** Image side to {@code {naive, oc, selective}} false positive rates. */
    public static final Map<Integer, double[]> FPR = Map.of(
            8, new double[] {0.237, 0.050, 0.056},
            16, new double[] {0.462, 0.058, 0.045},
            32, new double[] {0.565, 0.046, 0.052},
            64, new double[] {0.991, 0.036, 0.054});

    /** Delta (at 16 pixels) to {@code {naive, oc, selective}} true positive rates. */
    public static final Map<Double, double[]> TPR = Map.of(
            1.0, new double[] {0.991, 0.053, 0.262},
            2.0, new double[] {1.000, 0.052, 0.735},
            3.0, new double[] {1.000, 0.074, 0.851},
            4.0, new double[] {1.000, 0.064, 0.916});

    /** Trials per setting in the paper's runs. */
    public static final int TRIALS = 1000;

    private PaperReference() {
    }
}
