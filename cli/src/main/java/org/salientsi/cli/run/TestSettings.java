package org.salientsi.cli.run;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.result.Alternative;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.search.SegmentSkipping;
import org.salientsi.core.search.Termination;
import org.salientsi.io.NpyArray;

/**
 * The options of one selective test, as {@code test}, {@code batch} (and later {@code serve}) take
 * them (DESIGN.md section 4). Validated on construction: a bad value is an
 * {@link InvalidInputException} whose message starts with the option's name.
 *
 * @param method saliency method name ({@code --method}, e.g. {@code cam})
 * @param target the output unit the map explains, or {@code null} for the default (the single
 *     output, or the arg-max class, which then joins the selection event)
 * @param camLayer the CAM feature layer, or {@code null} to find it
 * @param methodOptions further parameters of the saliency method by their parameter names
 *     ({@code m}, {@code noise}, {@code seed}, {@code baseline}, {@code channels}, ...), possibly empty
 * @param selector region selector specification ({@code threshold:0}, ...)
 * @param statistic statistic name, or {@code null} for {@code ref-mean} with a reference and
 *     {@code contrast} without
 * @param alternative the alternative hypothesis
 * @param termination when the search may stop
 * @param skipping when the search may skip segments ruled out of the truncation set
 * @param range search half-width beyond {@code |T|}, in units of {@code sigma_T}, finite and {@code > 0}
 * @param confidence level of the selective confidence interval in (0, 1), or 0 to skip it
 * @param sigma noise standard deviation per pixel (units of the image), or {@code null} with a
 *     covariance
 * @param covariance the noise covariance ({@code n x n}, {@code n = H*W*C} in HWC order), or
 *     {@code null} with a sigma
 * @param searchThreads threads that walk one search ({@code --search-threads}), {@code >= 1}; the result
 *     does not depend on it
 */
public record TestSettings(String method, Integer target, String camLayer, Map<String, String> methodOptions,
                           String selector, String statistic,
                           Alternative alternative, Termination termination, SegmentSkipping skipping, double range,
                           double confidence, Double sigma, NpyArray covariance, int searchThreads) {

    /** Validates the values. */
    public TestSettings {
        method = required("--method", method);
        methodOptions = methodOptions == null ? Map.of() : Map.copyOf(new TreeMap<>(methodOptions));
        selector = required("--selector", selector);
        if (statistic != null && statistic.isBlank()) {
            throw new InvalidInputException("--statistic needs a name such as ref-mean");
        }
        if (alternative == null) {
            throw new InvalidInputException("--alternative needs a value such as two-sided");
        }
        if (termination == null) {
            throw new InvalidInputException("--termination needs a value such as exhaustive");
        }
        if (skipping == null) {
            throw new InvalidInputException("--skipping needs a value such as always");
        }
        if (searchThreads < 1) {
            throw new InvalidInputException("--search-threads must be >= 1, got " + searchThreads);
        }
        if (!(range > 0) || Double.isInfinite(range)) {
            throw new InvalidInputException("--range must be a finite number of sigma_T > 0, got " + range);
        }
        if (!(confidence == 0 || (confidence > 0 && confidence < 1))) {
            throw new InvalidInputException("--confidence must be in (0, 1), or 0 to skip the interval, got "
                    + confidence);
        }
        if (target != null && target < 0) {
            throw new InvalidInputException("--target must be an output index >= 0, got " + target);
        }
        if ((sigma == null) == (covariance == null)) {
            throw new InvalidInputException("give the noise with --sigma S or --covariance FILE.npy (exactly one)");
        }
        if (sigma != null && (!(sigma > 0) || sigma.isInfinite())) {
            throw new InvalidInputException("--sigma must be a finite number > 0 (the noise standard deviation, in "
                    + "the image's units), got " + sigma);
        }
        if (sigma != null && sigma < Double.MIN_NORMAL) {
            throw new InvalidInputException("--sigma " + sigma + " is below the smallest normal double ("
                    + Double.MIN_NORMAL + "): it has lost significant digits; express the image and sigma in larger "
                    + "units");
        }
    }

    /**
     * The settings of DESIGN.md's defaults ({@code cam}, {@code threshold:0}, two-sided, exhaustive,
     * range 10, 95% interval, segments certified in and out of the truncation set, one search thread) with
     * the given noise level.
     *
     * @param sigma noise standard deviation, {@code > 0}
     * @return the settings
     */
    public static TestSettings defaults(double sigma) {
        return new TestSettings("cam", null, null, Map.of(), "threshold:0", null, Alternative.TWO_SIDED,
                Termination.exhaustive(), SegmentSkipping.ALWAYS, 10, 0.95, sigma, null, 1);
    }

    /**
     * @param skipping {@code never}, {@code early-stops} or {@code always}
     * @return the skipping rule
     */
    public static SegmentSkipping parseSkipping(String skipping) {
        return option("--skipping", () -> SegmentSkipping.parse(skipping));
    }

    /**
     * Parses the text forms of the options, naming the option in any error.
     *
     * @param alternative {@code two-sided}, {@code greater}, {@code less} or {@code abs}
     * @return the alternative
     */
    public static Alternative parseAlternative(String alternative) {
        return option("--alternative", () -> Alternative.parse(alternative));
    }

    /**
     * @param termination {@code exhaustive}, {@code precision:EPS} or {@code decision:ALPHA}
     * @return the termination rule
     */
    public static Termination parseTermination(String termination) {
        return option("--termination", () -> Termination.parse(termination));
    }

    /**
     * @param hasReference whether the test has a reference image
     * @return the statistic's name
     */
    public String statisticName(boolean hasReference) {
        return statistic != null ? statistic : hasReference ? "ref-mean" : "contrast";
    }

    /** @return the method's parameters ({@code target}, {@code cam-layer}) */
    public Parameters methodParameters() {
        Map<String, String> p = new TreeMap<>(methodOptions);
        p.putAll(methodParameters(target, camLayer).asMap());
        return Parameters.of(p);
    }

    /**
     * @param target the output unit, or {@code null}
     * @param camLayer the CAM feature layer, or {@code null}
     * @return the saliency method's parameters
     */
    public static Parameters methodParameters(Integer target, String camLayer) {
        Map<String, String> p = new TreeMap<>();
        if (target != null) {
            p.put("target", Integer.toString(target));
        }
        if (camLayer != null) {
            p.put("cam-layer", camLayer);
        }
        return Parameters.of(p);
    }

    /**
     * Runs {@code parse}, prefixing the message of a refusal with the option's name.
     *
     * @param option the option, e.g. {@code --selector}
     * @param parse what reads the option's value
     * @param <T> the value's type
     * @return the value
     */
    public static <T> T option(String option, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidInputException e) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            if (m.startsWith(option)) {
                throw e;
            }
            throw new InvalidInputException(option + ": " + m, e);
        }
    }

    private static String required(String option, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(option + " needs a value");
        }
        return value.trim();
    }
}
