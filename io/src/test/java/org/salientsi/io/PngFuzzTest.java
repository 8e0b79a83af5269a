package org.salientsi.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.image.Image;

/**
 * Coverage-guided fuzzing of the PNG reader (Jazzer): any bytes give a valid image or an
 * {@link InvalidInputException} (a typed refusal), never another exception, an out-of-memory error or a hang.
 * A valid image has one or three channels, values in [0, 1] and at most the limit's values. Each input is
 * also tried with its chunks' CRCs made right, so that mutations reach the decoder.
 *
 * <p>By default the committed seeds ({@code PngFuzzTestInputs/png/}) run as a regression test; with
 * {@code JAZZER_FUZZ=1} the method fuzzes (see README, "Fuzzing").
 */
class PngFuzzTest {

    /** Small enough that no input makes the fuzzer allocate much. */
    private static final ReadLimits LIMITS = ReadLimits.maxElements(1 << 16);

    @FuzzTest(maxDuration = "30s")
    void png(byte[] data) {
        check(data);
        // the same bytes with every chunk's CRC made right, so that mutations reach the header checks and the
        // decoder instead of stopping at a CRC mismatch
        check(withCrcs(data));
    }

    private static void check(byte[] data) {
        Image img;
        try {
            img = Png.parse("fuzz.png", data, LIMITS);
        } catch (InvalidInputException refused) {
            assertThat(refused.getMessage()).contains("fuzz.png");
            return;
        }
        assertThat(img.shape().channels()).isIn(1, 3);
        assertThat((long) img.shape().size()).isLessThanOrEqualTo(LIMITS.maxElements());
        for (double v : img.toArray()) {
            assertThat(v).isBetween(0.0, 1.0);
        }
    }

    /** A copy with the CRC-32 of every complete chunk after the 8-byte signature recomputed. */
    static byte[] withCrcs(byte[] data) {
        byte[] out = data.clone();
        ByteBuffer b = ByteBuffer.wrap(out);
        int pos = 8;
        CRC32 crc = new CRC32();
        while (pos + 12 <= out.length) {
            long length = b.getInt(pos) & 0xffffffffL;
            if (pos + 12 + length > out.length) {
                break;
            }
            crc.reset();
            crc.update(out, pos + 4, (int) (4 + length));
            b.putInt(pos + 8 + (int) length, (int) crc.getValue());
            pos += 12 + (int) length;
        }
        return out;
    }
}
