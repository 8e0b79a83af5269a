package org.salientsi.cli.command;


import org.salientsi.api.error.InvalidOptionException;
import org.salientsi.api.result.Alternative;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.engine.NoiseSpec;
import org.salientsi.core.engine.TestSpec;
import org.salientsi.core.search.Termination;
import org.salientsi.facade.NpyCovariance;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options shared by {@code test}, {@code batch} and {@code validate} (DESIGN.md section 4). */
public final class SelectionOptions {

    @Option(names = "--method", defaultValue = "cam", paramLabel = "NAME",
            description = "Saliency method that makes the map (default: ${DEFAULT-VALUE}, class activation "
                    + "mapping): cam, gradcam, gradient (absolute input gradient), signed-gradient, grad-x-input, "
                    + "smoothgrad, integrated-gradients, occlusion (map only), or a plugin's name. It explains the "
                    + "pre-activation output (logit) of the target unit. Only piecewise-linear methods give a "
                    + "selective p-value; 'salientsi list' shows the installed ones.")
    String method;

    @Mixin
    MethodOptions methodOptions = new MethodOptions();

    @Option(names = "--selector", defaultValue = "threshold:0", paramLabel = "SPEC",
            description = "Region selector (default: ${DEFAULT-VALUE}): threshold:T (saliency >= T, in the map's "
                    + "units), minmax:T (min-max normalised saliency >= T, T in [0, 1]), top-k:K (the K largest), "
                    + "percentile:P (the top ceil(n (100 - P) / 100) pixels); ties go to the lower pixel index. A "
                    + "prefix smooth:S+ blurs the map first with a Gaussian of S pixels (e.g. smooth:1+top-k:8). "
                    + "'salientsi list' shows the installed selectors.")
    String selector;

    @Option(names = "--statistic", paramLabel = "NAME",
            description = "Test statistic: ref-mean (mean of X - reference over the region), ref-abs (mean "
                    + "|X - reference| over the region, signs conditioned on), contrast (region mean - background "
                    + "mean, no reference). Default: ref-mean with a reference, contrast without.")
    String statistic;

    @Option(names = "--alternative", defaultValue = "two-sided", paramLabel = "ALT",
            description = "Alternative hypothesis (default: ${DEFAULT-VALUE}): two-sided (2 min(F, 1 - F) of the "
                    + "truncated normal F), greater (1 - F), less (F), or abs (P(|Z| >= |T|), the paper's form).")
    String alternative;

    @Option(names = "--target", paramLabel = "K",
            description = "Output unit (class index, from 0) the map explains. Default: the single output, or the "
                    + "arg-max class, which then joins the selection event.")
    Integer target;

    @Option(names = "--cam-layer", paramLabel = "NAME",
            description = "Feature layer for CAM, by its name in the model. Default: the input of the global "
                    + "average pooling that feeds the last dense layer.")
    String camLayer;

    @Option(names = "--termination", defaultValue = "exhaustive", paramLabel = "RULE",
            description = "When the search may stop (default: ${DEFAULT-VALUE}): exhaustive (the exact p-value), "
                    + "precision:EPS (when the p-value bounds are at most EPS apart, EPS a probability) or "
                    + "decision:ALPHA (when p <= ALPHA or p > ALPHA is decided).")
    String termination;

    @Option(names = "--search", defaultValue = "auto", paramLabel = "SEARCH",
            description = "How the truncation set is found (default: ${DEFAULT-VALUE}): exact (the walk over the "
                    + "linear pieces of a piecewise-linear network: the exact p-value), certified (bounds [lo, hi] "
                    + "that "
                    + "provably contain it, for networks with sigmoid, tanh, GELU, softmax...; the p-value reported "
                    + "is hi) or auto (exact when the network and the method are piecewise linear, else certified).")
    String search;

    @Option(names = "--width-limit", paramLabel = "W",
            description = "Certified search: undecided segments of the line shorter than W sigma_T are not "
                    + "bisected further (default: 1e-6); their null mass stays between the bounds.")
    Double widthLimit;

    @Option(names = "--skipping", defaultValue = "always", paramLabel = "WHEN",
            description = "When the search may skip whole segments of the line that bounds on the network show to "
                    + "lie outside the truncation set, or inside it (CAM with a threshold, top-k or percentile "
                    + "selector; the truncation set and the p-value are the same, only faster): never, "
                    + "early-stops (with precision or decision only) or always (the default).")
    String skipping;

    @Option(names = "--search-threads", paramLabel = "K",
            description = "Threads that walk one exhaustive search, >= 1 (default: the machine's cores, at most 2, "
                    + "so that the result does not depend on the machine). On 2 it "
                    + "walks the two sides of T at once (the result of 1); above 2 it cuts each side into K "
                    + "segments walked K at a time (the same truncation set and p-values up to rounding, other "
                    + "pieces counted).")
    Integer searchThreads;

    @Option(names = "--max-seconds", paramLabel = "S",
            description = "Longest one search may run, in seconds (default: no limit). Past it the search stops "
                    + "and reports the p-value bounds that the part of the line it walked proves (p_bounds, "
                    + "stop_reason time_limit), which then depend on the machine's speed.")
    Double maxSeconds;

    @Option(names = "--range", defaultValue = "10", paramLabel = "K",
            description = "Search range half-width beyond |T|, in units of sigma_T: the search covers "
                    + "[-|T| - K sigma_T, |T| + K sigma_T] (default: ${DEFAULT-VALUE}, as the paper); the null mass "
                    + "outside is reported.")
    double range;

    @Option(names = "--confidence", defaultValue = "0.95", paramLabel = "LEVEL",
            description = "Level of the selective confidence interval for eta^T mu, in (0, 1), or 0 to skip it "
                    + "(default: ${DEFAULT-VALUE}).")
    double confidence;

    @Option(names = "--sigma-upper", paramLabel = "BETA",
            description = "With --noise-from: use the (1 - BETA) upper confidence limit of the estimated sigma "
                    + "(chi-square quantile of its degrees of freedom) instead of the estimate, BETA in (0, 1). With "
                    + "--alternative abs or a chi statistic the test then has level at most alpha + BETA. Default: "
                    + "none (the estimate is plugged in).")
    Double sigmaUpper;

    /** @return the parsed alternative */
    Alternative alternative() {
        return Alternative.parse(alternative);
    }

    /** @return the parsed termination rule */
    Termination termination() {
        return Termination.parse(termination);
    }

    /** @return the method's parameters: its options, {@code target} and {@code cam-layer} */
    Parameters methodParameters() {
        return TestSpec.defaults().withMethodOptions(methodOptions.asParameters()).withTarget(target)
                .withCamLayer(camLayer).methodParameters();
    }

    /**
     * @param hasReference whether a reference image was given
     * @return the statistic's name
     */
    String statisticName(boolean hasReference) {
        return TestSpec.defaults().withStatistic(statistic).statisticName(hasReference);
    }

    /**
     * @param noise the noise options
     * @return the validated specification of a test
     * @throws org.salientsi.api.error.InvalidInputException naming the option of a bad value
     */
    TestSpec spec(NoiseOptions noise) {
        TestSpec spec = TestSpec.defaults().withMethod(method).withMethodOptions(methodOptions.asParameters())
                .withTarget(target).withCamLayer(camLayer).withSelector(selector).withStatistic(statistic)
                .withOption("alternative", alternative).withOption("termination", termination)
                .withOption("skipping", skipping).withOption("search", search)
                .withOption("width-limit", widthLimit == null ? null : Double.toString(widthLimit)).withRange(range)
                .withConfidence(confidence).withMaxSeconds(maxSeconds)
                .withSearchThreads(searchThreads != null ? searchThreads
                        : Math.min(2, Runtime.getRuntime().availableProcessors()));
        boolean estimated = noise != null && noise.noiseFrom != null;
        if (sigmaUpper != null && !estimated) {
            throw InvalidOptionException.of("sigma-upper", "needs --noise-from DIR: it replaces an estimated sigma "
                    + "by its upper confidence limit");
        }
        if (estimated) {
            return spec.withNoise(readNoise(noise.noiseFrom, sigmaUpper == null ? 0 : sigmaUpper));
        }
        return spec.withNoise(NpyCovariance.sigmaOrCovariance(noise == null ? null : noise.sigma(),
                noise != null && noise.hasCovariance() ? noise.covariance() : null));
    }

    private static NoiseSpec readNoise(java.nio.file.Path folder, double beta) {
        try {
            return NoiseFromFolder.read(folder, beta);
        } catch (java.io.IOException e) {
            throw new org.salientsi.api.error.InvalidInputException("--noise-from " + folder + ": cannot be read: "
                    + e.getMessage(), e);
        }
    }
}
