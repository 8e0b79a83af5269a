package org.salientsi.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.salientsi.api.image.Image;
import org.salientsi.api.result.Alternative;
import org.salientsi.cli.CliRun;
import org.salientsi.cli.TestData;
import org.salientsi.core.search.Termination;
import org.salientsi.facade.SalientSI;
import org.salientsi.facade.SalientTester;
import org.salientsi.io.ImageFiles;
import org.salientsi.server.ServeFixture;

/** The facade ({@code salientsi-facade}) gives the command line's results for the same input and options. */
class FacadeResultTest {

    @TempDir
    static Path dir;

    @Test
    void facadeResultsEqualTheCommandLines() throws Exception {
        Path model = TestData.paperModel(8);
        Path x = TestData.writeGrey(dir.resolve("x.npy"), 51, 8, 3.0);
        Path r = TestData.writeGrey(dir.resolve("r.npy"), 52, 8, 0);
        Image image = ImageFiles.read(x);
        Image reference = ImageFiles.read(r);
        try (SalientTester tester = SalientSI.builder().model(model).method("cam").selector("threshold:0")
                .statistic("ref-mean").sigma(1).build()) {
            CliRun plain = CliRun.of("test", "--model", model.toString(), "--image", x.toString(), "--reference",
                    r.toString(), "--sigma", "1", "--json");
            assertThat(json(tester.test(image, reference))).isEqualTo(comparable(plain));
            CliRun options = CliRun.of("test", "--model", model.toString(), "--image", x.toString(), "--reference",
                    r.toString(), "--sigma", "2", "--alternative", "greater", "--termination", "precision:0.01",
                    "--target", "0", "--json");
            SalientTester configured = tester.withSigma(2).withAlternative(Alternative.GREATER)
                    .withTermination(Termination.precision(0.01)).withTarget(0);
            assertThat(json(configured.test(image, reference))).isEqualTo(comparable(options));
        }
    }

    private static JsonNode json(Object result) throws Exception {
        // through text, as the command line prints it (a tree built from the object keeps long and int apart)
        return ServeFixture.comparable(ServeFixture.JSON.readTree(ServeFixture.JSON.writeValueAsString(result)));
    }

    private static JsonNode comparable(CliRun run) throws Exception {
        assertThat(run.code()).as("%s", run).isZero();
        return ServeFixture.comparable(ServeFixture.JSON.readTree(run.out()));
    }
}
