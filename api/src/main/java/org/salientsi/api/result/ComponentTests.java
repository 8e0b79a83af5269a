package org.salientsi.api.result;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.salientsi.api.error.InvalidValueException;

/**
 * The test of a selected region and of each of its connected components ({@code salientsi test --components};
 * DESIGN.md section 4): written as the region's JSON object with {@code connectivity}, {@code min_component_size}
 * and the {@code components} array added. Every component's test conditions on the whole selected region.
 *
 * @param result the test of the whole region (its outcome says whether there was a region)
 * @param connectivity 4 or 8: which neighbours join a component
 * @param minComponentSize components with fewer pixels are listed as {@code too_small} and not tested
 * @param components the components in the row-major order of their first pixel; empty when nothing was tested
 * @param fdrMethod the adjustment of the components' {@code fdr_p} ({@code by}, {@code bh}), or null before it
 * @param fdrNote what the adjustment guarantees (e.g. that {@code bh} is not proven for these dependent p-values),
 *     or null
 */
public record ComponentTests(@JsonUnwrapped SelectiveResult result,
                             @JsonProperty("connectivity") int connectivity,
                             @JsonProperty("min_component_size") int minComponentSize,
                             @JsonProperty("components") List<ComponentResult> components,
                             @JsonProperty("fdr_method") String fdrMethod,
                             @JsonProperty("fdr_note") String fdrNote) {

    /** @throws InvalidValueException if the connectivity is not 4 or 8 or the size is negative */
    public ComponentTests {
        Objects.requireNonNull(result, "result");
        if (connectivity != 4 && connectivity != 8) {
            throw InvalidValueException.of("connectivity must be 4 or 8, got %d", connectivity);
        }
        if (minComponentSize < 0) {
            throw InvalidValueException.of("min_component_size must be >= 0, got %d", minComponentSize);
        }
        components = List.copyOf(components);
    }

    /**
     * @param result the test of the whole region
     * @param connectivity 4 or 8
     * @param minComponentSize the size filter
     * @param components the components, not yet adjusted
     */
    public ComponentTests(SelectiveResult result, int connectivity, int minComponentSize,
                          List<ComponentResult> components) {
        this(result, connectivity, minComponentSize, components, null, null);
    }

    /** @return the valid p-values of the tested components, in their order (the family an adjustment takes) */
    @JsonIgnore
    public double[] testedPValues() {
        return components.stream().filter(ComponentResult::tested).mapToDouble(ComponentResult::validP).toArray();
    }

    /**
     * @param adjusted adjusted p-values of the tested components, in the order of {@link #testedPValues()}
     * @param method the adjustment's name ({@code by}, {@code bh})
     * @param note what the adjustment guarantees, or null
     * @return a copy whose tested components carry them
     * @throws InvalidValueException if the count differs from the tested components'
     */
    public ComponentTests withFdr(double[] adjusted, String method, String note) {
        List<ComponentResult> out = new ArrayList<>(components.size());
        int k = 0;
        for (ComponentResult c : components) {
            if (c.tested()) {
                if (k >= adjusted.length) {
                    throw InvalidValueException.of("%d adjusted p-values for more tested components", adjusted.length);
                }
                out.add(c.withFdr(adjusted[k++], method));
            } else {
                out.add(c);
            }
        }
        if (k != adjusted.length) {
            throw InvalidValueException.of("%d adjusted p-values for %d tested components", adjusted.length, k);
        }
        return new ComponentTests(result, connectivity, minComponentSize, out, method, note);
    }
}
