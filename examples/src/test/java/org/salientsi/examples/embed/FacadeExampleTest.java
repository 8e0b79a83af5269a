package org.salientsi.examples.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The facade example runs the paper's 16x16 model on a thread pool and finds the signal images. */
class FacadeExampleTest {

    @Test
    void testsEveryImageOnSharedThreadsAndRejectsTheSignalImages() throws Exception {
        Path model = Path.of(System.getProperty("salientsi.paperModels", "models/paper"), "model_16.h5");
        List<String> lines = FacadeExample.run(model, 6, 3, 20_261_123L);
        assertThat(lines).hasSize(6);
        for (int k = 0; k < 6; k++) {
            assertThat(lines.get(k)).startsWith(k % 2 == 0 ? "signal-" + k : "null-" + k);
        }
        // delta 2 on a quarter of the 16x16 image: the exact test rejects at 5% in most signal images
        long rejected = lines.stream().filter(l -> l.startsWith("signal-") && l.contains("reject")).count();
        assertThat(rejected).isGreaterThanOrEqualTo(1);
    }
}
