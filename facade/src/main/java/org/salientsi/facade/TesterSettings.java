package org.salientsi.facade;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.image.Image;
import org.salientsi.api.result.Alternative;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.search.NoiseModel;
import org.salientsi.core.search.SelectiveTest;
import org.salientsi.core.search.Termination;

/**
 * The options of a {@link SalientTester}, validated by every {@code withX} copy: a bad value is an
 * {@link InvalidInputException} naming the option. Immutable.
 *
 * @param method saliency method name
 * @param target the output unit the map explains, or {@code null} for the default
 * @param camLayer the CAM feature layer, or {@code null} to find it
 * @param selector region selector specification
 * @param statistic statistic name, or {@code null} for {@code ref-mean} with a reference and
 *     {@code contrast} without
 * @param alternative the alternative hypothesis
 * @param termination when the search may stop
 * @param range search half-width beyond {@code |T|}, in units of {@code sigma_T}
 * @param confidence level of the selective confidence interval, or 0 to skip it
 * @param noise the noise model, or {@code null} until sigma or a covariance is given
 * @param noiseLabel how the noise is recorded in provenance ({@code null} for a sigma, which has its
 *     own field; {@code n x n sha256:...} for a covariance)
 * @param references the references {@link SalientTester#test(Image)} uses (unmodifiable)
 */
record TesterSettings(String method, Integer target, String camLayer, String selector, String statistic,
                      Alternative alternative, Termination termination, double range, double confidence,
                      NoiseModel noise, String noiseLabel, List<Image> references) {

    /** The defaults of DESIGN.md section 4, without a noise level. */
    static final TesterSettings DEFAULTS = new TesterSettings("cam", null, null, "threshold:0", null,
            Alternative.TWO_SIDED, Termination.exhaustive(), 10, 0.95, null, null, List.of());

    TesterSettings withMethod(String name) {
        return new TesterSettings(required("method", name), target, camLayer, selector, statistic, alternative,
                termination, range, confidence, noise, noiseLabel, references);
    }

    TesterSettings withSelector(String spec) {
        return new TesterSettings(method, target, camLayer, required("selector", spec), statistic, alternative,
                termination, range, confidence, noise, noiseLabel, references);
    }

    TesterSettings withStatistic(String name) {
        if (name != null && name.isBlank()) {
            throw new InvalidInputException("statistic needs a name such as ref-mean, or null for the default");
        }
        return new TesterSettings(method, target, camLayer, selector, name == null ? null : name.trim(), alternative,
                termination, range, confidence, noise, noiseLabel, references);
    }

    TesterSettings withTarget(int unit) {
        if (unit < 0) {
            throw new InvalidInputException("target must be an output index >= 0, got " + unit);
        }
        return new TesterSettings(method, unit, camLayer, selector, statistic, alternative, termination, range,
                confidence, noise, noiseLabel, references);
    }

    TesterSettings withCamLayer(String layer) {
        return new TesterSettings(method, target, required("camLayer", layer), selector, statistic, alternative,
                termination, range, confidence, noise, noiseLabel, references);
    }

    TesterSettings withAlternative(Alternative value) {
        return new TesterSettings(method, target, camLayer, selector, statistic,
                Objects.requireNonNull(value, "alternative"), termination, range, confidence, noise, noiseLabel,
                references);
    }

    TesterSettings withTermination(Termination value) {
        return new TesterSettings(method, target, camLayer, selector, statistic, alternative,
                Objects.requireNonNull(value, "termination"), range, confidence, noise, noiseLabel, references);
    }

    TesterSettings withRange(double k) {
        if (!(k > 0) || Double.isInfinite(k)) {
            throw new InvalidInputException("range must be a finite number of sigma_T > 0, got " + k);
        }
        return new TesterSettings(method, target, camLayer, selector, statistic, alternative, termination, k,
                confidence, noise, noiseLabel, references);
    }

    TesterSettings withConfidence(double level) {
        if (!(level == 0 || (level > 0 && level < 1))) {
            throw new InvalidInputException("confidence must be in (0, 1), or 0 to skip the interval, got " + level);
        }
        return new TesterSettings(method, target, camLayer, selector, statistic, alternative, termination, range,
                level, noise, noiseLabel, references);
    }

    TesterSettings withSigma(double sigma) {
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new InvalidInputException("sigma must be a finite number > 0 (the noise standard deviation, in the "
                    + "image's units), got " + sigma);
        }
        return new TesterSettings(method, target, camLayer, selector, statistic, alternative, termination, range,
                confidence, NoiseModel.isotropic(sigma), null, references);
    }

    TesterSettings withCovariance(double[] matrix) {
        Objects.requireNonNull(matrix, "covariance");
        int n = (int) Math.round(Math.sqrt(matrix.length));
        if (n < 1 || (long) n * n != matrix.length) {
            throw new InvalidInputException("covariance must be an n x n matrix (n = H*W*C values of the image), got "
                    + matrix.length + " values");
        }
        NoiseModel model;
        try {
            model = NoiseModel.covariance(matrix, n);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("covariance: " + e.getMessage(), e);
        }
        return new TesterSettings(method, target, camLayer, selector, statistic, alternative, termination, range,
                confidence, model, n + "x" + n + " sha256:" + sha256(matrix), references);
    }

    TesterSettings withReferences(List<Image> images) {
        List<Image> copy = List.copyOf(Objects.requireNonNull(images, "references"));
        return new TesterSettings(method, target, camLayer, selector, statistic, alternative, termination, range,
                confidence, noise, noiseLabel, copy);
    }

    /** @throws InvalidInputException if neither sigma nor a covariance was given */
    void checkNoise() {
        if (noise == null) {
            throw new InvalidInputException("give the noise with sigma(S) or covariance(matrix): the p-value is only "
                    + "valid at the true noise level");
        }
    }

    /**
     * @param hasReference whether the test has a reference image
     * @return the statistic's name
     */
    String statisticName(boolean hasReference) {
        return statistic != null ? statistic : hasReference ? "ref-mean" : "contrast";
    }

    /** @return the saliency method's parameters ({@code target}, {@code cam-layer}) */
    Parameters methodParameters() {
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
     * @param other other settings
     * @return whether both select regions the same way (method, target, CAM layer, selector, statistic),
     *     so that they can share the compiled selections
     */
    boolean sameSelection(TesterSettings other) {
        return method.equals(other.method) && Objects.equals(target, other.target)
                && Objects.equals(camLayer, other.camLayer) && selector.equals(other.selector)
                && Objects.equals(statistic, other.statistic);
    }

    /** @return the configured test (alternative, termination, range, confidence, noise) */
    SelectiveTest selectiveTest() {
        checkNoise();
        return SelectiveTest.withDefaults().with(alternative).withTermination(termination).withRange(range)
                .withConfidenceLevel(confidence).withNoise(noise);
    }

    private static String required(String option, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(option + " needs a value");
        }
        return value.trim();
    }

    private static String sha256(double[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            bytes.putDouble(v);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
