package org.salientsi.validation.batch;

import java.util.Objects;
import org.salientsi.api.result.SelectiveResult;

/**
 * What testing one image of a batch gave: its result (tested or with nothing to test), or the exception its
 * test raised (exactly one of the two).
 *
 * @param position the image's position in the batch
 * @param result the result, or {@code null} when the test failed
 * @param error the failure, or {@code null} when there is a result
 */
public record BatchOutcome(int position, SelectiveResult result, RuntimeException error) {

    /**
     * @throws IllegalArgumentException unless exactly one of result and error is given
     */
    public BatchOutcome {
        if ((result == null) == (error == null)) {
            throw new IllegalArgumentException("a batch outcome has a result or an error, not both or neither");
        }
    }

    /**
     * @param position the image's position
     * @param result its result
     * @return a success
     */
    public static BatchOutcome of(int position, SelectiveResult result) {
        return new BatchOutcome(position, Objects.requireNonNull(result, "result"), null);
    }

    /**
     * @param position the image's position
     * @param error why its test failed
     * @return a failure
     */
    public static BatchOutcome failed(int position, RuntimeException error) {
        return new BatchOutcome(position, null, Objects.requireNonNull(error, "error"));
    }

    /** @return whether the test gave a result */
    public boolean ok() {
        return result != null;
    }
}
