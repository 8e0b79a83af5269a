package org.salientsi.api.result;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.Objects;
import org.salientsi.api.error.InvalidValueException;

/**
 * One line of {@code salientsi batch --json} (DESIGN.md section 4, {@code batch-line.schema.json}): the
 * result of the image's test with the Benjamini-Hochberg adjusted p-value across the batch, which only the
 * batch knows. Written as the result's JSON object with {@code bh_p} added. The adjustment runs over the
 * tested images only: a result with nothing to test ({@link Outcome#NO_REGION}, {@link Outcome#FULL_REGION})
 * has {@code bh_p} null.
 *
 * @param result the image's result
 * @param bhP the adjusted p-value, in [0, 1]; null exactly when the result was not tested
 */
public record BatchLine(@JsonUnwrapped SelectiveResult result, @JsonProperty("bh_p") Double bhP) {

    /**
     * @throws InvalidValueException if {@code bhP} is not a probability for a tested result, or not null for an
     *     untested one
     */
    public BatchLine {
        Objects.requireNonNull(result, "result");
        if (!result.tested()) {
            if (bhP != null) {
                throw InvalidValueException.of("bh_p of a result with outcome %s must be null, got %s",
                        result.outcome().label(), bhP);
            }
        } else if (bhP == null || !(bhP >= 0 && bhP <= 1)) {
            throw InvalidValueException.of("bh_p must be in [0, 1], got %s", bhP);
        }
    }
}
