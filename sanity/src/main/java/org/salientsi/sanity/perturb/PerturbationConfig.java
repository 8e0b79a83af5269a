package org.salientsi.sanity.perturb;

import java.util.LinkedHashMap;
import java.util.Map;
import org.salientsi.api.error.InvalidInputException;

/**
 * Every implementation choice of a perturbation metric (SANITY.md section 2.4), logged with each score.
 * Immutable; configure with the {@code withX} copies starting from {@link #defaults()}.
 *
 * @param replacement the replacement operator
 * @param unit the perturbation unit
 * @param steps the number of steps L (features perturbed: {@code L * unit.perStep()}); 0 means all features
 * @param output the scalar followed
 * @param absoluteMap whether features are ordered by {@code |r|} (else by the signed map, as Tomsett et al.)
 * @param clipLow lower clip of perturbed values, or {@code -inf}
 * @param clipHigh upper clip of perturbed values, or {@code +inf}
 * @param seeds seeds averaged for random replacements (curves and drops are averaged); 1 for the others
 * @param seed the master seed of random replacements and random orders
 */
public record PerturbationConfig(Replacement replacement, PerturbationUnit unit, int steps, OutputSpec output,
                                 boolean absoluteMap, double clipLow, double clipHigh, int seeds, long seed) {

    /**
     * @throws InvalidInputException on negative steps, fewer than one seed or an empty clip range
     */
    public PerturbationConfig {
        if (replacement == null || unit == null || output == null) {
            throw new InvalidInputException("perturbation config needs a replacement, a unit and an output");
        }
        if (steps < 0 || seeds < 1 || !(clipLow < clipHigh)) {
            throw new InvalidInputException("perturbation config needs steps >= 0, seeds >= 1 and clip low < high, got "
                    + steps + ", " + seeds + ", [" + clipLow + ", " + clipHigh + "]");
        }
        if (!replacement.random()) {
            seeds = 1;
        }
    }

    /**
     * Tomsett et al.'s setting: data-set-mean replacement, single pixels, L = 100, the logit of the
     * predicted class, the signed map, no clipping, 3 seeds for random replacements, seed 1.
     *
     * @return the defaults
     */
    public static PerturbationConfig defaults() {
        return new PerturbationConfig(Replacement.of(Replacement.Kind.DATASET_MEAN), PerturbationUnit.PIXEL, 100,
                OutputSpec.LOGIT_PREDICTED, false, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 3, 1L);
    }

    /** @param value replacement @return a copy */
    public PerturbationConfig withReplacement(Replacement value) {
        return new PerturbationConfig(value, unit, steps, output, absoluteMap, clipLow, clipHigh,
                value.random() && seeds == 1 ? 3 : seeds, seed);
    }

    /** @param value unit @return a copy */
    public PerturbationConfig withUnit(PerturbationUnit value) {
        return new PerturbationConfig(replacement, value, steps, output, absoluteMap, clipLow, clipHigh, seeds, seed);
    }

    /** @param value steps L (0 = all features) @return a copy */
    public PerturbationConfig withSteps(int value) {
        return new PerturbationConfig(replacement, unit, value, output, absoluteMap, clipLow, clipHigh, seeds, seed);
    }

    /** @param value output @return a copy */
    public PerturbationConfig withOutput(OutputSpec value) {
        return new PerturbationConfig(replacement, unit, steps, value, absoluteMap, clipLow, clipHigh, seeds, seed);
    }

    /** @param value whether to order by |r| @return a copy */
    public PerturbationConfig withAbsoluteMap(boolean value) {
        return new PerturbationConfig(replacement, unit, steps, output, value, clipLow, clipHigh, seeds, seed);
    }

    /** @param low lower clip @param high upper clip @return a copy */
    public PerturbationConfig withClip(double low, double high) {
        return new PerturbationConfig(replacement, unit, steps, output, absoluteMap, low, high, seeds, seed);
    }

    /** @param value number of seeds @return a copy */
    public PerturbationConfig withSeeds(int value) {
        return new PerturbationConfig(replacement, unit, steps, output, absoluteMap, clipLow, clipHigh, value, seed);
    }

    /** @param value master seed @return a copy */
    public PerturbationConfig withSeed(long value) {
        return new PerturbationConfig(replacement, unit, steps, output, absoluteMap, clipLow, clipHigh, seeds, value);
    }

    /** @return whether perturbed values are clipped */
    public boolean clipped() {
        return clipLow != Double.NEGATIVE_INFINITY || clipHigh != Double.POSITIVE_INFINITY;
    }

    /** @return a short label of the variant, e.g. {@code dataset-mean, pixel, L=100, logit/predicted, signed} */
    public String label() {
        return replacement.spec() + ", " + unit.spec() + ", L=" + (steps == 0 ? "all" : String.valueOf(steps)) + ", "
                + output.spec() + (absoluteMap ? ", abs" : ", signed") + (clipped() ? ", clip[" + clipLow + ","
                + clipHigh + "]" : "") + (replacement.random() ? ", seeds=" + seeds : "");
    }

    /** @return every choice by name, for provenance */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("replacement", replacement.spec());
        m.put("unit", unit.spec());
        m.put("steps", steps == 0 ? "all" : String.valueOf(steps));
        m.put("output", output.spec());
        m.put("map_sign", absoluteMap ? "abs" : "signed");
        m.put("clip", clipped() ? "[" + clipLow + ", " + clipHigh + "]" : "none");
        m.put("seeds", String.valueOf(seeds));
        m.put("seed", String.valueOf(seed));
        m.put("normalisation", "raw");
        return m;
    }
}
