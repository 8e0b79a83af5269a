package org.salientsi.cli.command;

import org.salientsi.api.error.InvalidOptionException;
import picocli.CommandLine.Option;

/** {@code --alpha}: the level of the verdicts that the HTML report pages state (and the batch's rate q). */
public final class AlphaOption {

    @Option(names = "--alpha", defaultValue = "0.05", paramLabel = "ALPHA",
            description = "Level of the verdicts on the HTML report, in (0, 1) (default: ${DEFAULT-VALUE}): "
                    + "significant when the selective p-value (adjusted where the page says so) is at most ALPHA.")
    double alpha = 0.05;

    /**
     * @return the level
     * @throws InvalidOptionException if it is not in (0, 1)
     */
    double level() {
        if (!(alpha > 0 && alpha < 1)) {
            throw InvalidOptionException.of("alpha", "must be in (0, 1), got " + alpha);
        }
        return alpha;
    }
}
