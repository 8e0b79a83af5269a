package org.salientsi.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.salientsi.api.error.InvalidInputException;

/**
 * Coverage-guided fuzzing of the .npy reader (Jazzer): any bytes give a valid array or an
 * {@link InvalidInputException} (a typed refusal), never another exception, an out-of-memory error or a hang.
 * A valid array has as many values as its shape says, and a float array written back reads back the same.
 *
 * <p>By default the committed seeds ({@code NpyFuzzTestInputs/npy/}) run as a regression test; with
 * {@code JAZZER_FUZZ=1} the method fuzzes (see README, "Fuzzing").
 */
class NpyFuzzTest {

    /** Small enough that no input makes the fuzzer allocate much. */
    private static final ReadLimits LIMITS = ReadLimits.maxElements(1 << 16);

    @FuzzTest(maxDuration = "30s")
    void npy(byte[] data) {
        NpyArray a;
        try {
            a = Npy.parse("fuzz.npy", data, LIMITS);
        } catch (InvalidInputException refused) {
            assertThat(refused.getMessage()).startsWith("fuzz.npy ");
            return;
        }
        long n = 1;
        for (int d : a.shape()) {
            assertThat(d).isNotNegative();
            n *= d;
        }
        assertThat((long) a.size()).isEqualTo(n).isLessThanOrEqualTo(LIMITS.maxElements());
        if (a.dtype().kind().isFloat()) {
            NpyArray back = Npy.parse("fuzz.npy", Npy.encode(a.shape(), a.data(), a.dtype()), LIMITS);
            assertThat(back).isEqualTo(a);
        }
    }
}
