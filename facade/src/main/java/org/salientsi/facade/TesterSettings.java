package org.salientsi.facade;

import java.util.List;
import java.util.Objects;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.image.Image;
import org.salientsi.api.result.Alternative;
import org.salientsi.core.engine.NoiseSpec;
import org.salientsi.core.engine.TestSpec;
import org.salientsi.core.search.SearchMode;
import org.salientsi.core.search.Termination;

/**
 * The options of a {@link SalientTester}: the engine's {@link TestSpec} and the references
 * {@link SalientTester#test(Image)} uses. Every {@code withX} copy is validated by the specification (a bad
 * value is an {@link org.salientsi.api.error.InvalidOptionException} naming the option). Immutable.
 *
 * @param spec the test's specification (the defaults of DESIGN.md section 4 until changed)
 * @param references the references {@link SalientTester#test(Image)} uses (unmodifiable)
 */
record TesterSettings(TestSpec spec, List<Image> references) {

    /** The defaults of DESIGN.md section 4, without a noise level. */
    static final TesterSettings DEFAULTS = new TesterSettings(TestSpec.defaults(), List.of());

    private TesterSettings with(TestSpec next) {
        return new TesterSettings(next, references);
    }

    TesterSettings withMethod(String name) {
        return with(spec.withMethod(name));
    }

    TesterSettings withSelector(String selector) {
        return with(spec.withSelector(selector));
    }

    TesterSettings withStatistic(String name) {
        return with(spec.withStatistic(name));
    }

    TesterSettings withTarget(int unit) {
        return with(spec.withTarget(unit));
    }

    TesterSettings withCamLayer(String layer) {
        return with(spec.withCamLayer(Objects.requireNonNull(layer, "camLayer")));
    }

    TesterSettings withAlternative(Alternative value) {
        return with(spec.withAlternative(Objects.requireNonNull(value, "alternative")));
    }

    TesterSettings withTermination(Termination value) {
        return with(spec.withTermination(Objects.requireNonNull(value, "termination")));
    }

    TesterSettings withSearch(SearchMode value) {
        return with(spec.withSearch(Objects.requireNonNull(value, "search")));
    }

    TesterSettings withWidthLimit(double value) {
        return with(spec.withWidthLimit(value));
    }

    TesterSettings withRange(double k) {
        return with(spec.withRange(k));
    }

    TesterSettings withConfidence(double level) {
        return with(spec.withConfidence(level));
    }

    TesterSettings withSigma(double sigma) {
        return with(spec.withNoise(NoiseSpec.sigma(sigma)));
    }

    TesterSettings withNoise(NoiseSpec noise) {
        return with(spec.withNoise(noise));
    }

    TesterSettings withCovariance(double[] matrix) {
        return with(spec.withNoise(new MatrixCovariance(matrix)));
    }

    TesterSettings withReferences(List<Image> images) {
        return new TesterSettings(spec, List.copyOf(Objects.requireNonNull(images, "references")));
    }

    /** @throws InvalidInputException if neither sigma nor a covariance was given */
    void checkNoise() {
        if (spec.noise() == null) {
            throw new InvalidInputException("give the noise with sigma(S) or covariance(matrix): the p-value is only "
                    + "valid at the true noise level");
        }
    }
}
