package org.salientsi.facade;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.InvalidOptionException;
import org.salientsi.facade.ErrorMessages.Wording;

/** The HTTP wording of the one message: an option named as the request's JSON field, nothing else changed. */
class ErrorMessagesHttpWordingTest {

    @Test
    void anOptionIsNamedAsTheRequestsField() {
        InvalidOptionException e = InvalidOptionException.of("range", "must be > 0, got 0");
        assertThat(ErrorMessages.message(e, Wording.HTTP)).isEqualTo("field 'range' must be > 0, got 0");
        assertThat(ErrorMessages.message(e, Wording.COMMAND_LINE)).isEqualTo("--range must be > 0, got 0");
    }

    @Test
    void everyFlagInsideAMessageBecomesAField() {
        InvalidInputException e = new InvalidInputException("--cam-layer 'x' names no node of the model; "
                + "name one with --cam-layer, or use --reference or --references");
        assertThat(ErrorMessages.message(e, Wording.HTTP)).isEqualTo("field 'cam-layer' 'x' names no node of the "
                + "model; name one with field 'cam-layer', or use field 'reference' or field 'references'");
    }

    @Test
    void dashesThatAreNotFlagsStay() {
        String m = "selector top-k:3 -- or -Xmx4g, a-- b, x--y, --1 and --Sigma stay";
        assertThat(ErrorMessages.inFieldNames(m)).isEqualTo(m);
        assertThat(ErrorMessages.message(new InvalidInputException(m), Wording.HTTP)).isEqualTo(m);
    }
}
