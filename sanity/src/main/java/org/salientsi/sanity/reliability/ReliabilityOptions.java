package org.salientsi.sanity.reliability;

import java.util.Set;
import org.salientsi.api.error.InvalidInputException;

/**
 * Settings of a reliability analysis.
 *
 * @param replicates bootstrap replicates for alpha's interval (images resampled)
 * @param confidence interval level
 * @param seed bootstrap seed
 * @param controls names of the control methods, reported with and without them
 */
public record ReliabilityOptions(int replicates, double confidence, long seed, Set<String> controls) {

    /**
     * @throws InvalidInputException on fewer than one replicate or a level outside (0, 1)
     */
    public ReliabilityOptions {
        if (replicates < 1 || !(confidence > 0 && confidence < 1)) {
            throw new InvalidInputException("reliability needs replicates >= 1 and a confidence in (0, 1), got "
                    + replicates + ", " + confidence);
        }
        controls = Set.copyOf(controls);
    }

    /**
     * @param controls control-method names
     * @return 1000 replicates, 95%, seed 1
     */
    public static ReliabilityOptions defaults(Set<String> controls) {
        return new ReliabilityOptions(1000, 0.95, 1L, controls);
    }
}
