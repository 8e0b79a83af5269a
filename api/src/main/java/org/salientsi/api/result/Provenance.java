package org.salientsi.api.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import java.util.TreeMap;
import org.salientsi.api.SalientVersion;

/**
 * Where a result comes from: enough to reproduce it. Immutable; configure with the {@code withX}
 * copies.
 *
 * @param modelSha256 SHA-256 of the model file (or of the IR, for networks built in code)
 * @param backend the backend that translated the model (and its runtime version)
 * @param method the saliency method
 * @param selector the region selector specification
 * @param statistic the test statistic
 * @param sigma the noise standard deviation, or {@code null} when a covariance file is used
 * @param options every other option that shaped the result (alternative, termination, range,
 *     target, covariance file hash, ...), sorted by name
 * @param seed the seed that generated the data, or {@code null} for user data
 * @param version the SalientSI version
 * @param started when the test started, as an ISO-8601 UTC instant ({@code 2026-12-07T14:05:00.123Z}), or
 *     {@code null} for a provenance that describes no single run (a study's, a batch's)
 * @param jvm the Java runtime that ran the test ({@code java.vm.name} and {@code java.runtime.version}), or
 *     {@code null} with {@code started}
 * @param os the operating system ({@code os.name}, {@code os.version}, {@code os.arch}), or {@code null}
 *     with {@code started}
 */
@JsonPropertyOrder({"model_sha256", "backend", "method", "selector", "statistic", "sigma", "options", "seed",
        "version", "started", "jvm", "os"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Provenance(
        @JsonProperty("model_sha256") String modelSha256,
        @JsonProperty("backend") String backend,
        @JsonProperty("method") String method,
        @JsonProperty("selector") String selector,
        @JsonProperty("statistic") String statistic,
        @JsonProperty("sigma") Double sigma,
        @JsonProperty("options") Map<String, String> options,
        @JsonProperty("seed") Long seed,
        @JsonProperty("version") String version,
        @JsonProperty("started") String started,
        @JsonProperty("jvm") String jvm,
        @JsonProperty("os") String os) {

    /** Copies the options into a sorted, unmodifiable map. */
    public Provenance {
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(options));
        version = version == null ? SalientVersion.current() : version;
    }

    /** @return an empty provenance carrying only the version */
    public static Provenance empty() {
        return new Provenance(null, null, null, null, null, null, Map.of(), null, SalientVersion.current(), null, null,
                null);
    }

    /**
     * @param sha SHA-256 hex of the model
     * @param backendName backend and its version
     * @return a copy
     */
    public Provenance withModel(String sha, String backendName) {
        return new Provenance(sha, backendName, method, selector, statistic, sigma, options, seed,
                version, started, jvm, os);
    }

    /**
     * @param methodName saliency method
     * @param selectorSpec selector specification
     * @param statisticName test statistic
     * @return a copy
     */
    public Provenance withPlugins(String methodName, String selectorSpec, String statisticName) {
        return new Provenance(modelSha256, backend, methodName, selectorSpec, statisticName, sigma, options, seed,
                version, started, jvm, os);
    }

    /**
     * @param value noise standard deviation, or {@code null}
     * @return a copy
     */
    public Provenance withSigma(Double value) {
        return new Provenance(modelSha256, backend, method, selector, statistic, value, options, seed,
                version, started, jvm, os);
    }

    /**
     * @param value seed, or {@code null}
     * @return a copy
     */
    public Provenance withSeed(Long value) {
        return new Provenance(modelSha256, backend, method, selector, statistic, sigma, options, value,
                version, started, jvm, os);
    }

    /**
     * @param key option name
     * @param value its value, or {@code null} to remove the option
     * @return a copy with the option added, replaced or removed
     */
    public Provenance withOption(String key, String value) {
        Map<String, String> copy = new TreeMap<>(options);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return new Provenance(modelSha256, backend, method, selector, statistic, sigma, copy, seed,
                version, started, jvm, os);
    }

    /**
     * @param more options to add or replace
     * @return a copy
     */
    public Provenance withOptions(Map<String, String> more) {
        Map<String, String> copy = new TreeMap<>(options);
        copy.putAll(more);
        return new Provenance(modelSha256, backend, method, selector, statistic, sigma, copy, seed,
                version, started, jvm, os);
    }

    /**
     * The run's part of the provenance: when it started, on which Java runtime and operating system (as
     * Tribuo records them), so that a result read later says where and when it was made.
     *
     * @param start when the test started
     * @return a copy
     */
    public Provenance withRun(java.time.Instant start) {
        String runtime = System.getProperty("java.vm.name", "?") + " " + System.getProperty("java.runtime.version",
                System.getProperty("java.version", "?"));
        String system = System.getProperty("os.name", "?") + " " + System.getProperty("os.version", "?") + " "
                + System.getProperty("os.arch", "?");
        return new Provenance(modelSha256, backend, method, selector, statistic, sigma, options, seed, version,
                start.toString(), runtime, system);
    }

    /**
     * @return a copy without the run's part ({@code started}, {@code jvm}, {@code os}): what a result depends
     *     on, so that two runs of the same test have equal such copies
     */
    public Provenance withoutRun() {
        return new Provenance(modelSha256, backend, method, selector, statistic, sigma, options, seed, version, null,
                null, null);
    }
}
