package org.salientsi.validation.spark;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.TreeMap;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.result.Alternative;
import org.salientsi.api.result.StopReason;
import org.salientsi.core.engine.NoiseSpec;
import org.salientsi.core.engine.Sigma;
import org.salientsi.core.engine.TestSpec;
import org.salientsi.core.search.SearchMode;
import org.salientsi.core.search.SegmentSkipping;
import org.salientsi.core.search.Termination;

/**
 * A {@link TestSpec} as it travels to a cluster's executors: its values, each in a serialisable form; an
 * executor rebuilds the very same specification ({@link #spec()} equals the driver's) and from it the plugins,
 * by name and parameters. Only a per-pixel sigma travels: a covariance file's matrix stays on the driver.
 *
 * @param method the saliency method's name
 * @param target the explained output unit, or {@code null}
 * @param camLayer the CAM layer, or {@code null}
 * @param methodOptions the method's further options, sorted
 * @param selector the selector specification
 * @param statistic the statistic's name, or {@code null} for the default
 * @param alternative the alternative hypothesis
 * @param stop the termination rule's kind
 * @param stopValue its eps or alpha (NaN for exhaustive)
 * @param skipping the segment skipping
 * @param range the search half-width in units of sigma_T
 * @param confidence the confidence interval's level, or 0
 * @param sigma the noise standard deviation per pixel
 * @param searchThreads threads per search
 * @param timeLimitNanos the longest one search may run, in nanoseconds, or {@code null}
 * @param search which search runs (auto: exact on piecewise-linear networks, certified otherwise)
 * @param widthLimit the certified search's width limit, in units of sigma_T
 */
public record ShippedSpec(String method, Integer target, String camLayer, TreeMap<String, String> methodOptions,
                          String selector, String statistic, Alternative alternative, StopReason stop,
                          double stopValue, SegmentSkipping skipping, double range, double confidence, double sigma,
                          int searchThreads, Long timeLimitNanos, SearchMode search, double widthLimit)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Checks the values by rebuilding the specification. */
    public ShippedSpec {
        methodOptions = new TreeMap<>(Objects.requireNonNull(methodOptions, "methodOptions"));
        spec(method, target, camLayer, methodOptions, selector, statistic, alternative, stop, stopValue, skipping,
                range, confidence, sigma, searchThreads, timeLimitNanos, search, widthLimit);
    }

    /**
     * @param spec the driver's specification
     * @return its travelling form
     * @throws InvalidInputException if its noise is not a per-pixel sigma (a covariance matrix does not travel)
     */
    public static ShippedSpec of(TestSpec spec) {
        NoiseSpec noise = Objects.requireNonNull(spec.noise(), "the specification has no noise");
        if (!(noise instanceof Sigma sigma)) {
            throw new InvalidInputException("--executor spark takes the noise as --sigma; a covariance (--covariance) "
                    + "is only tested locally");
        }
        return new ShippedSpec(spec.method(), spec.target(), spec.camLayer(), new TreeMap<>(spec.methodOptions()),
                spec.selector(), spec.statistic(), spec.alternative(), spec.termination().reason(),
                spec.termination().value(), spec.skipping(), spec.range(), spec.confidence(), sigma.value(),
                spec.searchThreads(), spec.timeLimit() == null ? null : spec.timeLimit().toNanos(), spec.search(),
                spec.widthLimit());
    }

    /** @return the specification, equal to the one this was made of */
    public TestSpec spec() {
        return spec(method, target, camLayer, methodOptions, selector, statistic, alternative, stop, stopValue, skipping,
                range, confidence, sigma, searchThreads, timeLimitNanos, search, widthLimit);
    }

    private static TestSpec spec(String method, Integer target, String camLayer, TreeMap<String, String> methodOptions,
                                 String selector, String statistic, Alternative alternative, StopReason stop,
                                 double stopValue, SegmentSkipping skipping, double range, double confidence,
                                 double sigma, int searchThreads, Long timeLimitNanos, SearchMode search,
                                 double widthLimit) {
        return new TestSpec(method, target, camLayer, methodOptions, selector, statistic, alternative,
                new Termination(stop, stopValue), skipping, range, confidence, Sigma.of(sigma), searchThreads,
                timeLimitNanos == null ? null : Duration.ofNanos(timeLimitNanos), search, widthLimit);
    }
}
