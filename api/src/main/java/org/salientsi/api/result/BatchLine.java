package org.salientsi.api.result;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.Objects;
import org.salientsi.api.error.InvalidValueException;

/**
 * One line of {@code salientsi batch --json} (DESIGN.md section 4, {@code batch-line.schema.json}): the
 * result of the image's test with the Benjamini-Hochberg adjusted p-value across the batch, which only the
 * batch knows. Written as the result's JSON object with {@code bh_p} added.
 *
 * @param result the image's result
 * @param bhP the adjusted p-value, in [0, 1]
 */
public record BatchLine(@JsonUnwrapped SelectiveResult result, @JsonProperty("bh_p") double bhP) {

    /** @throws InvalidValueException if {@code bhP} is not a probability */
    public BatchLine {
        Objects.requireNonNull(result, "result");
        if (!(bhP >= 0 && bhP <= 1)) {
            throw InvalidValueException.of("bh_p must be in [0, 1], got %s", bhP);
        }
    }
}
