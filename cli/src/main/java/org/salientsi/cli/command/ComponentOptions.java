package org.salientsi.cli.command;

import org.salientsi.api.error.InvalidOptionException;
import org.salientsi.core.multiplicity.FdrMethod;
import org.salientsi.core.region.ComponentSplit;
import picocli.CommandLine.Option;

/**
 * {@code --components 4|8}, {@code --min-component-size S} and {@code --fdr by|bh} of {@code test} and
 * {@code batch}: test each connected component of the selected region on its own, with false-discovery-rate
 * adjusted p-values across the components (of the image in {@code test}, of every image in {@code batch}).
 */
public final class ComponentOptions {

    @Option(names = "--components", paramLabel = "4|8",
            description = "Also test each connected component of the selected region on its own (4: pixels that "
                    + "share an edge are connected; 8: also a corner), with the statistic's contrast on the "
                    + "component and the whole selected region as the conditioning event; adds a components "
                    + "array with FDR-adjusted p-values (default: the whole region only).")
    String components;

    @Option(names = "--min-component-size", paramLabel = "S",
            description = "With --components: components of fewer than S pixels are listed as too_small and not "
                    + "tested (default: 1, every component).")
    String minSize;

    @Option(names = "--fdr", paramLabel = "by|bh",
            description = "With --components: the false-discovery-rate adjustment across components (fdr_p): by "
                    + "(Benjamini-Yekutieli, the default; valid under any dependence) or bh (Benjamini-Hochberg, "
                    + "more powerful but not proven for these dependent p-values).")
    String fdr;

    /**
     * @return the split, or {@code null} without {@code --components}
     * @throws InvalidOptionException naming the option of a bad value, or {@code --min-component-size} and
     *     {@code --fdr} given without {@code --components}
     */
    ComponentSplit split() {
        if (components == null) {
            if (minSize != null) {
                throw InvalidOptionException.of("min-component-size", "applies to per-component tests: give "
                        + "--components 4 or 8 too");
            }
            if (fdr != null) {
                throw InvalidOptionException.of("fdr", "applies to per-component tests: give --components 4 or 8 "
                        + "too");
            }
            return null;
        }
        ComponentSplit split = ComponentSplit.parse(components, minSize);
        fdrMethod();
        return split;
    }

    /** @return the adjustment, Benjamini-Yekutieli unless {@code --fdr bh} */
    FdrMethod fdrMethod() {
        return fdr == null ? FdrMethod.BY : FdrMethod.parse(fdr);
    }
}
