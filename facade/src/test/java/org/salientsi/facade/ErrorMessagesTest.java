package org.salientsi.facade;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.InvalidOptionException;
import org.salientsi.api.error.NumericalBreakdownException;
import org.salientsi.api.error.UnsupportedLayerException;

/** The one wording and classification of failures that the command line and the server share. */
class ErrorMessagesTest {

    @Test
    void badInputIsSaidInItsOwnWordsOnOneLine() {
        InvalidInputException e = new InvalidInputException("image x.npy has a NaN pixel\nat (0, 1)");
        assertThat(ErrorMessages.kind(e)).isEqualTo(ErrorMessages.Kind.BAD_INPUT);
        assertThat(ErrorMessages.message(e)).isEqualTo("image x.npy has a NaN pixel at (0, 1)");
        assertThat(ErrorMessages.kind(new UnsupportedLayerException("lstm_1", "LSTM", "recurrent")))
                .isEqualTo(ErrorMessages.Kind.BAD_INPUT);
    }

    @Test
    void anOptionIsNamedAsTheCommandLinesFlag() {
        assertThat(ErrorMessages.message(InvalidOptionException.of("range", "must be > 0, got 0")))
                .isEqualTo("--range must be > 0, got 0");
    }

    @Test
    void aMissingFileIsSaidAsSuchThroughAnUncheckedWrapper() {
        UncheckedIOException e = new UncheckedIOException(new NoSuchFileException("x.npy"));
        assertThat(ErrorMessages.kind(e)).isEqualTo(ErrorMessages.Kind.BAD_INPUT);
        assertThat(ErrorMessages.message(e)).isEqualTo("file not found: x.npy");
        assertThat(ErrorMessages.message(new IOException())).isEqualTo("ioexception");
    }

    @Test
    void aNumericalBreakdownGivesNoPValue() {
        NumericalBreakdownException e = new NumericalBreakdownException("tail below 1e-300");
        assertThat(ErrorMessages.kind(e)).isEqualTo(ErrorMessages.Kind.NUMERICAL);
        assertThat(ErrorMessages.message(e)).isEqualTo("numerical breakdown, no p-value: tail below 1e-300");
        assertThat(ErrorMessages.Kind.NUMERICAL.label()).isEqualTo("numerical");
    }

    @Test
    void anythingElseIsInternalAndNamesItsClass() {
        IllegalStateException e = new IllegalStateException("walker lost");
        assertThat(ErrorMessages.kind(e)).isEqualTo(ErrorMessages.Kind.INTERNAL);
        assertThat(ErrorMessages.message(e)).isEqualTo("internal error (IllegalStateException): walker lost");
        assertThat(ErrorMessages.Kind.INTERNAL.label()).isEqualTo("internal");
    }

    @Test
    void anExhaustedHeapAnywhereInTheCauseChainIsSaidFirst() {
        RuntimeException e = new RuntimeException("wrapped", new OutOfMemoryError("Java heap space"));
        assertThat(ErrorMessages.message(e)).startsWith("out of memory (Java heap space): the input needs more memory");
        assertThat(ErrorMessages.message(new StackOverflowError()))
                .isEqualTo("stack overflow: the input nests too deeply to be processed");
    }
}
