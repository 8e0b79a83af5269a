package org.salientsi.validation.study;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.result.Alternative;
import org.salientsi.core.search.Termination;
import org.salientsi.validation.generate.ImageGenerator;
import org.salientsi.core.engine.NoiseSpec;
import org.salientsi.core.engine.TestSpec;

/**
 * A validation study: {@code trials} independent draws of a test image (and references) from a
 * generator, each tested by the selective test of the region that a saliency method and a selector
 * pick on a model. Under the null generator the rejection rate estimates the type-I error (FPR);
 * under the signal generator, the power (TPR). Immutable and serialisable; configure it with the
 * {@code withX} copies.
 *
 * <pre>{@code
 * Study study = Study.of(ModelSource.of(Path.of("model_16.h5")))
 *         .withGenerator(ImageGenerator.signal(2.0))
 *         .withTrials(1000).withSeed(1);
 * }</pre>
 *
 * <p>Trial {@code i} draws its data from a {@link java.util.SplittableRandom} seeded with
 * {@link TrialSeeds#seed(long, long) TrialSeeds.seed(seed, i)}: the test image from the generator,
 * then {@code references} pure-noise references (their mean is the observation's reference). A
 * draw whose region is empty (or, for {@code contrast}, the whole image) has nothing to test; it is
 * counted and redrawn from the same generator, so a study of {@code trials} trials gives that many
 * p-values.
 *
 * @param model the model
 * @param size the side of the (square) images for fully convolutional models, or {@code null} for
 *     the model's own input size
 * @param generator the image generator
 * @param sigma the noise standard deviation of every pixel, also the test's noise model
 * @param references the number of references averaged, or {@code null}: 1, or 0 for
 *     {@code contrast}
 * @param method the saliency method's name
 * @param methodParameters the method's options ({@code target}, {@code cam-layer})
 * @param selector the selector specification ({@code threshold:0})
 * @param statistic the statistic's name, or {@code null}: {@code ref-mean} with references,
 *     {@code contrast} without
 * @param alternative the alternative hypothesis
 * @param termination the termination rule ({@code exhaustive}, {@code precision:EPS},
 *     {@code decision:ALPHA})
 * @param range the search half-width beyond {@code |T|}, in units of \( \sigma_T \)
 * @param trials the number of p-values, {@code >= 1}
 * @param seed the master seed
 * @param alpha the significance level of the rejection rates, in (0, 1)
 */
public record Study(ModelSource model, Integer size, ImageGenerator generator, double sigma, Integer references,
                    String method, Map<String, String> methodParameters, String selector, String statistic,
                    Alternative alternative, String termination, double range, int trials, long seed, double alpha)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The most references a trial may average. */
    public static final int MAX_REFERENCES = 10_000;

    /**
     * @throws InvalidValueException if a number is out of its range or the termination rule is unknown
     */
    public Study {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(generator, "generator");
        Objects.requireNonNull(alternative, "alternative");
        if (size != null && size < 1) {
            throw InvalidValueException.of("--size must be >= 1, got %d", size);
        }
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw InvalidValueException.of("--sigma must be a finite number > 0, got %s", sigma);
        }
        if (sigma < Double.MIN_NORMAL) {
            throw InvalidValueException.of("--sigma %s is below the smallest normal double (%s): it has lost "
                    + "significant digits; use larger image units", sigma, Double.MIN_NORMAL);
        }
        if (references != null && (references < 0 || references > MAX_REFERENCES)) {
            throw InvalidValueException.of("--references must be in [0, %d], got %d", MAX_REFERENCES, references);
        }
        if (method == null || method.isBlank() || selector == null || selector.isBlank()) {
            throw new InvalidValueException("a study needs a saliency method and a selector");
        }
        methodParameters = methodParameters == null ? Map.of()
                : Collections.unmodifiableMap(new TreeMap<>(methodParameters));
        termination = Termination.parse(termination).toString();
        if (!(range > 0) || Double.isInfinite(range)) {
            throw InvalidValueException.of("--range must be a finite number > 0, got %s", range);
        }
        if (trials < 1) {
            throw InvalidValueException.of("--trials must be >= 1, got %d", trials);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw InvalidValueException.of("--alpha must be in (0, 1), got %s", alpha);
        }
    }

    /**
     * @param model the model
     * @return the paper's null study on it: CAM, {@code threshold:0}, {@code ref-mean} with one
     *     reference, sigma 1, two-sided, exhaustive search over 10 sigma_T, 1000 trials, seed 1,
     *     alpha 0.05
     */
    public static Study of(ModelSource model) {
        return new Study(model, null, ImageGenerator.nullImages(), 1.0, null, "cam", Map.of(), "threshold:0", null,
                Alternative.TWO_SIDED, "exhaustive", 10.0, 1000, 1L, 0.05);
    }

    /** @return the statistic's name with the default resolved */
    public String statisticName() {
        // the engine's rule; the references default to one unless the statistic needs none
        return TestSpec.defaults().withStatistic(statistic).statisticName(references == null || references > 0);
    }

    /**
     * @return the test each trial runs: the study's method, selector, statistic, alternative, termination,
     *     range and sigma, without a confidence interval
     */
    public TestSpec spec() {
        return TestSpec.defaults().withMethod(method).withMethodOptions(methodParameters).withSelector(selector)
                .withStatistic(statisticName()).withAlternative(alternative)
                .withTermination(TestSpec.parse("termination", this::terminationRule)).withRange(range)
                .withConfidence(0).withNoise(NoiseSpec.sigma(sigma));
    }

    /** @return the number of references with the default resolved */
    public int referenceCount() {
        if (references != null) {
            return references;
        }
        return "contrast".equals(statisticName()) ? 0 : 1;
    }

    /** @return the parsed termination rule */
    public Termination terminationRule() {
        return Termination.parse(termination);
    }

    /**
     * What defines the study's trial rows: everything but the trial count and alpha (which only
     * change how many rows there are and how they are summarised), as sorted strings. Two studies
     * with equal descriptions (and the same model bytes) give the same row for the same index.
     *
     * @return the description
     */
    public Map<String, String> describe() {
        Map<String, String> d = new TreeMap<>();
        d.put("model", model.fileName());
        d.put("backend", model.backend() == null ? "(by file type)" : model.backend());
        model.options().forEach((k, v) -> d.put("backend." + k, v));
        d.put("size", size == null ? "(model's)" : Integer.toString(size));
        generator.describe().forEach(d::put);
        d.put("sigma", Double.toString(sigma));
        d.put("references", Integer.toString(referenceCount()));
        d.put("method", method);
        methodParameters.forEach((k, v) -> d.put("method." + k, v));
        d.put("selector", selector);
        d.put("statistic", statisticName());
        d.put("alternative", alternative.label());
        d.put("termination", termination);
        d.put("range", Double.toString(range));
        d.put("seed", Long.toString(seed));
        return d;
    }

    /**
     * @param value the image side, or {@code null} for the model's
     * @return a copy
     */
    public Study withSize(Integer value) {
        return new Study(model, value, generator, sigma, references, method, methodParameters, selector, statistic,
                alternative, termination, range, trials, seed, alpha);
    }

    /**
     * @param value the image generator
     * @return a copy
     */
    public Study withGenerator(ImageGenerator value) {
        return new Study(model, size, value, sigma, references, method, methodParameters, selector, statistic,
                alternative, termination, range, trials, seed, alpha);
    }

    /**
     * @param value the noise standard deviation
     * @return a copy
     */
    public Study withSigma(double value) {
        return new Study(model, size, generator, value, references, method, methodParameters, selector, statistic,
                alternative, termination, range, trials, seed, alpha);
    }

    /**
     * @param value the number of references, or {@code null} for the default
     * @return a copy
     */
    public Study withReferences(Integer value) {
        return new Study(model, size, generator, sigma, value, method, methodParameters, selector, statistic,
                alternative, termination, range, trials, seed, alpha);
    }

    /**
     * @param name the saliency method
     * @param parameters its options
     * @return a copy
     */
    public Study withMethod(String name, Map<String, String> parameters) {
        return new Study(model, size, generator, sigma, references, name, parameters, selector, statistic,
                alternative, termination, range, trials, seed, alpha);
    }

    /**
     * @param spec the selector specification
     * @return a copy
     */
    public Study withSelector(String spec) {
        return new Study(model, size, generator, sigma, references, method, methodParameters, spec, statistic,
                alternative, termination, range, trials, seed, alpha);
    }

    /**
     * @param name the statistic, or {@code null} for the default
     * @return a copy
     */
    public Study withStatistic(String name) {
        return new Study(model, size, generator, sigma, references, method, methodParameters, selector, name,
                alternative, termination, range, trials, seed, alpha);
    }

    /**
     * @param value the alternative
     * @return a copy
     */
    public Study withAlternative(Alternative value) {
        return new Study(model, size, generator, sigma, references, method, methodParameters, selector, statistic,
                value, termination, range, trials, seed, alpha);
    }

    /**
     * @param rule the termination rule's text
     * @return a copy
     */
    public Study withTermination(String rule) {
        return new Study(model, size, generator, sigma, references, method, methodParameters, selector, statistic,
                alternative, rule, range, trials, seed, alpha);
    }

    /**
     * @param k the search half-width in units of sigma_T
     * @return a copy
     */
    public Study withRange(double k) {
        return new Study(model, size, generator, sigma, references, method, methodParameters, selector, statistic,
                alternative, termination, k, trials, seed, alpha);
    }

    /**
     * @param value the number of trials
     * @return a copy
     */
    public Study withTrials(int value) {
        return new Study(model, size, generator, sigma, references, method, methodParameters, selector, statistic,
                alternative, termination, range, value, seed, alpha);
    }

    /**
     * @param value the master seed
     * @return a copy
     */
    public Study withSeed(long value) {
        return new Study(model, size, generator, sigma, references, method, methodParameters, selector, statistic,
                alternative, termination, range, trials, value, alpha);
    }

    /**
     * @param value the significance level
     * @return a copy
     */
    public Study withAlpha(double value) {
        return new Study(model, size, generator, sigma, references, method, methodParameters, selector, statistic,
                alternative, termination, range, trials, seed, value);
    }
}
