package org.salientsi.core.engine;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.InvalidOptionException;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.result.Alternative;
import org.salientsi.core.search.SearchMode;
import org.salientsi.core.search.SegmentSkipping;
import org.salientsi.core.search.SelectiveTest;
import org.salientsi.core.search.Termination;

/**
 * The specification of one selective test (DESIGN.md section 4): how the region is chosen (saliency
 * method and its options, target unit, CAM layer, selector), what is tested (statistic, alternative,
 * noise) and how the search runs (termination, skipping, range, confidence level, search threads).
 * Immutable; every {@code withX} returns a validated copy, and {@link #withOption} reads any option from
 * its text form (one parser for the command line, the server and studies). A bad value is an
 * {@link InvalidOptionException} naming the option.
 *
 * <pre>{@code
 * TestSpec spec = TestSpec.defaults().withNoise(NoiseSpec.sigma(1.0))
 *         .withOption("selector", "top-k:8").withOption("termination", "decision:0.05");
 * }</pre>
 *
 * @param method saliency method name (e.g. {@code cam})
 * @param target the output unit the map explains, or {@code null} for the default (the single output, or
 *     the arg-max class, which then joins the selection event)
 * @param camLayer the CAM feature layer, or {@code null} to find it
 * @param methodOptions further parameters of the saliency method by name ({@code m}, {@code noise},
 *     {@code seed}, ...), possibly empty; sorted
 * @param selector region selector specification ({@code threshold:0}, ...)
 * @param statistic statistic name, or {@code null} for the default ({@link #statisticName})
 * @param alternative the alternative hypothesis
 * @param termination when the search may stop
 * @param skipping when the search may certify segments out of or into the truncation set
 * @param range search half-width beyond {@code |T|}, in units of {@code sigma_T}, finite and {@code > 0}
 * @param confidence level of the selective confidence interval in (0, 1), or 0 to skip it
 * @param noise the noise, or {@code null} until it is given (a test needs it)
 * @param searchThreads threads that walk one search, {@code >= 1}; the result does not depend on it
 * @param timeLimit the longest one search may run (then it reports the p-value bounds it has proven, stop
 *     reason {@code time_limit}), or {@code null} for no limit (the default)
 * @param search how the truncation set is found: {@code auto} (the default: the exact walk on a piecewise-linear
 *     network and method, certified bounds otherwise), {@code exact} or {@code certified}
 * @param widthLimit the certified search's width limit in units of sigma_T, finite and {@code > 0}
 */
public record TestSpec(String method, Integer target, String camLayer, Map<String, String> methodOptions,
                       String selector, String statistic, Alternative alternative, Termination termination,
                       SegmentSkipping skipping, double range, double confidence, NoiseSpec noise,
                       int searchThreads, Duration timeLimit, SearchMode search, double widthLimit) {

    /** The text options {@link #withOption} reads, in the order DESIGN.md lists them. */
    public static final java.util.List<String> OPTIONS = java.util.List.of("method", "target", "cam-layer",
            "selector", "statistic", "alternative", "termination", "skipping", "range", "confidence", "sigma",
            "search-threads", "max-seconds", "search", "width-limit");

    /** Validates the values. */
    public TestSpec {
        method = required("method", method);
        methodOptions = methodOptions == null ? Map.of() : Map.copyOf(new TreeMap<>(methodOptions));
        selector = required("selector", selector);
        if (statistic != null) {
            if (statistic.isBlank()) {
                throw InvalidOptionException.of("statistic", "needs a name such as ref-mean");
            }
            statistic = statistic.trim();
        }
        if (camLayer != null) {
            camLayer = required("cam-layer", camLayer);
        }
        if (alternative == null) {
            throw InvalidOptionException.of("alternative", "needs a value such as two-sided");
        }
        if (termination == null) {
            throw InvalidOptionException.of("termination", "needs a value such as exhaustive");
        }
        if (skipping == null) {
            throw InvalidOptionException.of("skipping", "needs a value such as always");
        }
        if (timeLimit != null && (timeLimit.isZero() || timeLimit.isNegative())) {
            throw InvalidOptionException.of("max-seconds", "must be a positive number of seconds, got " + timeLimit);
        }
        if (searchThreads < 1) {
            throw InvalidOptionException.of("search-threads", "must be >= 1, got " + searchThreads);
        }
        if (!(range > 0) || Double.isInfinite(range)) {
            throw InvalidOptionException.of("range", "must be a finite number of sigma_T > 0, got " + range);
        }
        if (!(confidence == 0 || (confidence > 0 && confidence < 1))) {
            throw InvalidOptionException.of("confidence", "must be in (0, 1), or 0 to skip the interval, got "
                    + confidence);
        }
        if (target != null && target < 0) {
            throw InvalidOptionException.of("target", "must be an output index >= 0, got " + target);
        }
        if (search == null) {
            throw InvalidOptionException.of("search", "needs a value such as auto");
        }
        if (!(widthLimit > 0) || Double.isInfinite(widthLimit)) {
            throw InvalidOptionException.of("width-limit", "must be a finite number of sigma_T > 0, got "
                    + widthLimit);
        }
    }

    /**
     * A specification with the default search ({@code auto}, the default width limit): the fields before issue
     * 24 added the search.
     *
     * @param method saliency method name
     * @param target the output unit, or null
     * @param camLayer the CAM feature layer, or null
     * @param methodOptions further parameters of the method
     * @param selector region selector specification
     * @param statistic statistic name, or null
     * @param alternative the alternative
     * @param termination when the search may stop
     * @param skipping when segments may be certified
     * @param range search half-width beyond |T| in sigma_T
     * @param confidence confidence level, or 0
     * @param noise the noise, or null
     * @param searchThreads threads of one search
     * @param timeLimit the longest one search may run, or null
     */
    public TestSpec(String method, Integer target, String camLayer, Map<String, String> methodOptions,
                    String selector, String statistic, Alternative alternative, Termination termination,
                    SegmentSkipping skipping, double range, double confidence, NoiseSpec noise,
                    int searchThreads, Duration timeLimit) {
        this(method, target, camLayer, methodOptions, selector, statistic, alternative, termination, skipping, range,
                confidence, noise, searchThreads, timeLimit, SearchMode.AUTO,
                SelectiveTest.withDefaults().widthLimit());
    }

    /**
     * @return DESIGN.md's defaults: {@code cam}, {@code threshold:0}, the default statistic, two-sided,
     *     exhaustive, segments certified in and out, range 10, a 95% interval, one search thread, no noise
     *     yet
     */
    public static TestSpec defaults() {
        return new TestSpec("cam", null, null, Map.of(), "threshold:0", null, Alternative.TWO_SIDED,
                Termination.exhaustive(), SegmentSkipping.ALWAYS, 10, 0.95, null, 1, null, SearchMode.AUTO,
                SelectiveTest.withDefaults().widthLimit());
    }

    /**
     * Sets one option from its text form, as the command line and the server receive it.
     *
     * @param option one of {@link #OPTIONS}
     * @param value its text ({@code null} or blank for "the default" of {@code target}, {@code cam-layer}
     *     and {@code statistic})
     * @return the copy
     * @throws InvalidOptionException naming the option, for an unknown option or a value it cannot take
     */
    public TestSpec withOption(String option, String value) {
        String v = value == null ? null : value.trim();
        boolean none = v == null || v.isEmpty();
        return switch (option) {
            case "method" -> withMethod(v);
            case "target" -> none ? withTarget(null) : withTarget(parse(option, () -> Integer.valueOf(v)));
            case "cam-layer" -> withCamLayer(none ? null : v);
            case "selector" -> withSelector(v);
            case "statistic" -> withStatistic(none ? null : v);
            case "alternative" -> withAlternative(parse(option, () -> Alternative.parse(v)));
            case "termination" -> withTermination(parse(option, () -> Termination.parse(v)));
            case "skipping" -> withSkipping(parse(option, () -> SegmentSkipping.parse(v)));
            case "range" -> withRange(parse(option, () -> Double.valueOf(v)));
            case "confidence" -> withConfidence(parse(option, () -> Double.valueOf(v)));
            case "sigma" -> withNoise(NoiseSpec.sigma(parse(option, () -> Double.valueOf(v))));
            case "search-threads" -> withSearchThreads(parse(option, () -> Integer.valueOf(v)));
            case "max-seconds" -> withMaxSeconds(none ? null : parse(option, () -> Double.valueOf(v)));
            case "search" -> withSearch(none ? SearchMode.AUTO : parse(option, () -> SearchMode.parse(v)));
            case "width-limit" -> withWidthLimit(none ? SelectiveTest.withDefaults().widthLimit()
                    : parse(option, () -> Double.valueOf(v)));
            default -> throw InvalidOptionException.of(option, "is not an option of a test; known: "
                    + String.join(", ", OPTIONS));
        };
    }

    /**
     * @param name saliency method name
     * @return the copy
     */
    public TestSpec withMethod(String name) {
        return new TestSpec(name, target, camLayer, methodOptions, selector, statistic, alternative, termination,
                skipping, range, confidence, noise, searchThreads, timeLimit, search, widthLimit);
    }

    /**
     * @param options the saliency method's further parameters by name
     * @return the copy
     */
    public TestSpec withMethodOptions(Map<String, String> options) {
        return new TestSpec(method, target, camLayer, options, selector, statistic, alternative, termination,
                skipping, range, confidence, noise, searchThreads, timeLimit, search, widthLimit);
    }

    /**
     * @param unit the output unit the map explains, or {@code null} for the default
     * @return the copy
     */
    public TestSpec withTarget(Integer unit) {
        return new TestSpec(method, unit, camLayer, methodOptions, selector, statistic, alternative, termination,
                skipping, range, confidence, noise, searchThreads, timeLimit, search, widthLimit);
    }

    /**
     * @param layer the CAM feature layer, or {@code null} to find it
     * @return the copy
     */
    public TestSpec withCamLayer(String layer) {
        return new TestSpec(method, target, layer, methodOptions, selector, statistic, alternative, termination,
                skipping, range, confidence, noise, searchThreads, timeLimit, search, widthLimit);
    }

    /**
     * @param spec region selector specification
     * @return the copy
     */
    public TestSpec withSelector(String spec) {
        return new TestSpec(method, target, camLayer, methodOptions, spec, statistic, alternative, termination,
                skipping, range, confidence, noise, searchThreads, timeLimit, search, widthLimit);
    }

    /**
     * @param name statistic name, or {@code null} for the default
     * @return the copy
     */
    public TestSpec withStatistic(String name) {
        return new TestSpec(method, target, camLayer, methodOptions, selector, name, alternative, termination,
                skipping, range, confidence, noise, searchThreads, timeLimit, search, widthLimit);
    }

    /**
     * @param value the alternative hypothesis
     * @return the copy
     */
    public TestSpec withAlternative(Alternative value) {
        return new TestSpec(method, target, camLayer, methodOptions, selector, statistic, value, termination,
                skipping, range, confidence, noise, searchThreads, timeLimit, search, widthLimit);
    }

    /**
     * @param value when the search may stop
     * @return the copy
     */
    public TestSpec withTermination(Termination value) {
        return new TestSpec(method, target, camLayer, methodOptions, selector, statistic, alternative, value,
                skipping, range, confidence, noise, searchThreads, timeLimit, search, widthLimit);
    }

    /**
     * @param value when the search may certify segments
     * @return the copy
     */
    public TestSpec withSkipping(SegmentSkipping value) {
        return new TestSpec(method, target, camLayer, methodOptions, selector, statistic, alternative, termination,
                value, range, confidence, noise, searchThreads, timeLimit, search, widthLimit);
    }

    /**
     * @param k search half-width beyond {@code |T|}, in units of {@code sigma_T}
     * @return the copy
     */
    public TestSpec withRange(double k) {
        return new TestSpec(method, target, camLayer, methodOptions, selector, statistic, alternative, termination,
                skipping, k, confidence, noise, searchThreads, timeLimit, search, widthLimit);
    }

    /**
     * @param level level of the selective confidence interval, or 0 to skip it
     * @return the copy
     */
    public TestSpec withConfidence(double level) {
        return new TestSpec(method, target, camLayer, methodOptions, selector, statistic, alternative, termination,
                skipping, range, level, noise, searchThreads, timeLimit, search, widthLimit);
    }

    /**
     * @param value the noise
     * @return the copy
     */
    public TestSpec withNoise(NoiseSpec value) {
        return new TestSpec(method, target, camLayer, methodOptions, selector, statistic, alternative, termination,
                skipping, range, confidence, Objects.requireNonNull(value, "noise"), searchThreads, timeLimit, search,
                widthLimit);
    }

    /**
     * @param threads threads that walk one search, {@code >= 1}
     * @return the copy
     */
    public TestSpec withSearchThreads(int threads) {
        return new TestSpec(method, target, camLayer, methodOptions, selector, statistic, alternative, termination,
                skipping, range, confidence, noise, threads, timeLimit, search, widthLimit);
    }

    /**
     * @param seconds the longest one search may run, in seconds, finite and {@code > 0}; or {@code null} for
     *     no limit. Past it the search reports the p-value bounds it has proven (stop reason
     *     {@code time_limit}), so the result then depends on the machine's speed.
     * @return the copy
     * @throws InvalidOptionException naming {@code max-seconds} for a value that is not finite and positive
     */
    public TestSpec withMaxSeconds(Double seconds) {
        if (seconds != null && !(seconds > 0 && seconds <= 1e9)) {
            throw InvalidOptionException.of("max-seconds", "must be a number of seconds in (0, 1e9], got " + seconds);
        }
        Duration limit = seconds == null ? null : Duration.ofNanos(Math.max(1, Math.round(seconds * 1e9)));
        return new TestSpec(method, target, camLayer, methodOptions, selector, statistic, alternative, termination,
                skipping, range, confidence, noise, searchThreads, limit, search, widthLimit);
    }

    /**
     * @param value how the truncation set is found ({@link SearchMode})
     * @return the copy
     */
    public TestSpec withSearch(SearchMode value) {
        return new TestSpec(method, target, camLayer, methodOptions, selector, statistic, alternative, termination,
                skipping, range, confidence, noise, searchThreads, timeLimit, value, widthLimit);
    }

    /**
     * @param value the certified search's width limit in units of sigma_T, finite and {@code > 0}
     * @return the copy
     * @throws InvalidOptionException naming {@code width-limit} otherwise
     */
    public TestSpec withWidthLimit(double value) {
        return new TestSpec(method, target, camLayer, methodOptions, selector, statistic, alternative, termination,
                skipping, range, confidence, noise, searchThreads, timeLimit, search, value);
    }

    /**
     * The one rule for the default statistic.
     *
     * @param hasReference whether the test has a reference image
     * @return the statistic's name: the one given, else {@code ref-mean} with a reference and
     *     {@code contrast} without
     */
    public String statisticName(boolean hasReference) {
        return statistic != null ? statistic : hasReference ? "ref-mean" : "contrast";
    }

    /** @return the saliency method's parameters: its options, {@code target} and {@code cam-layer} */
    public Parameters methodParameters() {
        Map<String, String> p = new TreeMap<>(methodOptions);
        if (target != null) {
            p.put("target", Integer.toString(target));
        }
        if (camLayer != null) {
            p.put("cam-layer", camLayer);
        }
        return Parameters.of(p);
    }

    /**
     * @param other another specification
     * @return whether both choose regions the same way (method and its options, target, CAM layer,
     *     selector, statistic), so that they can share compiled selections
     */
    public boolean sameSelection(TestSpec other) {
        return method.equals(other.method) && methodOptions.equals(other.methodOptions)
                && Objects.equals(target, other.target) && Objects.equals(camLayer, other.camLayer)
                && selector.equals(other.selector) && Objects.equals(statistic, other.statistic);
    }

    /**
     * Runs {@code parse}, naming the option in a refusal.
     *
     * @param option the option's name
     * @param parse what reads its value
     * @param <T> the value's type
     * @return the value
     * @throws InvalidOptionException naming the option
     */
    public static <T> T parse(String option, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidInputException e) {
            throw InvalidOptionException.wrap(option, e);
        } catch (NumberFormatException e) {
            throw InvalidOptionException.of(option, "needs a number, got '" + e.getMessage()
                    .replaceFirst("^For input string: \"(.*)\"$", "$1") + "'");
        }
    }

    private static String required(String option, String value) {
        if (value == null || value.isBlank()) {
            throw InvalidOptionException.of(option, "needs a value");
        }
        return value.trim();
    }
}
