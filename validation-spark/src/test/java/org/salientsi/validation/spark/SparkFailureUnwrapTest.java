package org.salientsi.validation.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.NumericalBreakdownException;
import org.salientsi.api.error.SearchStalledException;

/**
 * A task's failure comes back from Spark as text naming the exception's class; the driver rebuilds the
 * project's own type from it, so that a stalled segment is caught as such (and only as such) by a search
 * widening itself, and bad input stays a typed error.
 */
class SparkFailureUnwrapTest {

    private static Exception sparkFailure(String cause) {
        return new Exception("Job aborted due to stage failure: Task 3 in stage 1.0 failed 4 times, most recent "
                + "failure: Lost task 3.3 in stage 1.0 (TID 9) (127.0.0.1 executor 0): " + cause
                + "\n\tat org.salientsi.core.search.SegmentPlan.walk(SegmentPlan.java:124)\n");
    }

    @Test
    void aStalledSegmentComesBackAsASearchStalledException() {
        RuntimeException e = SparkTrialExecutor.unwrap(sparkFailure(SearchStalledException.class.getName()
                + ": search stalled: more than 1000 linear pieces in the segment [0.5, 1.5] (frontier at 0.9)"));
        assertThat(e).isInstanceOf(SearchStalledException.class)
                .hasMessage("search stalled: more than 1000 linear pieces in the segment [0.5, 1.5] (frontier at 0.9)");
    }

    @Test
    void anotherBreakdownIsNotTakenForAStall() {
        RuntimeException e = SparkTrialExecutor.unwrap(sparkFailure(NumericalBreakdownException.class.getName()
                + ": truncation set [1, 2] does not contain T = 3"));
        assertThat(e).isInstanceOf(NumericalBreakdownException.class).isNotInstanceOf(SearchStalledException.class)
                .hasMessage("truncation set [1, 2] does not contain T = 3");
    }

    @Test
    void badInputStaysATypedError() {
        RuntimeException e = SparkTrialExecutor.unwrap(sparkFailure(
                "org.salientsi.api.error.ShapeMismatchException: the model takes 8x8 images, got 16x16"));
        assertThat(e).isInstanceOf(InvalidInputException.class).hasMessage("the model takes 8x8 images, got 16x16");
    }
}
