package org.salientsi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The segmentation method on the command line: listed by {@code salientsi list}, and {@code test --method
 * segmentation --selector threshold:0} on the 8 px U-Net exported from PyTorch gives the p-value of the
 * segmented region against a reference and against the background; a classifier, or a channel the
 * output does not have, is one line on stderr and exit 2.
 */
class SegmentationCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** backend-onnx's U-Net fixture (make_unet_fixtures.py). */
    private static final Path UNET = Path.of("..", "backend-onnx", "src", "test", "resources", "segmentation",
            "unet_8.onnx");

    @TempDir
    static Path dir;

    static Path x;
    static Path ref;

    @BeforeAll
    static void files() {
        x = TestData.writeGrey(dir.resolve("x.npy"), 31, 8, 3.0);
        ref = TestData.writeGrey(dir.resolve("r.npy"), 32, 8, 0);
    }

    @Test
    void listNamesTheMethod() throws Exception {
        CliRun r = CliRun.of("list", "--json");
        assertThat(r.code()).as("%s", r).isZero();
        boolean found = false;
        for (JsonNode m : JSON.readTree(r.out()).get("methods")) {
            found |= m.get("name").asText().equals("segmentation");
        }
        assertThat(found).as("segmentation in %s", r.out()).isTrue();
    }

    @Test
    void testGivesThePValueOfTheSegmentedRegionAgainstAReferenceAndTheBackground() throws Exception {
        CliRun withRef = CliRun.of("test", "--model", UNET.toString(), "--image", x.toString(), "--reference",
                ref.toString(), "--sigma", "1", "--method", "segmentation", "--selector", "threshold:0", "--json");
        assertThat(withRef.code()).as("%s", withRef).isZero();
        JsonNode a = JSON.readTree(withRef.out());
        assertThat(a.get("outcome").asText()).isEqualTo("tested");
        assertThat(a.get("selective_p").asDouble()).isBetween(0.0, 1.0);
        assertThat(a.get("provenance").get("method").asText()).isEqualTo("segmentation");
        assertThat(a.get("provenance").get("statistic").asText()).isEqualTo("ref-mean");
        CliRun background = CliRun.of("test", "--model", UNET.toString(), "--image", x.toString(), "--sigma", "1",
                "--method", "segmentation", "--selector", "threshold:0", "--json");
        assertThat(background.code()).as("%s", background).isZero();
        JsonNode b = JSON.readTree(background.out());
        assertThat(b.get("provenance").get("statistic").asText()).isEqualTo("contrast");
        assertThat(b.get("region")).isEqualTo(a.get("region"));
    }

    @Test
    void aClassifierOrAMissingChannelIsOneLineAndExit2() {
        CliRun classifier = CliRun.of("test", "--model", TestData.paperModel(8).toString(), "--image", x.toString(),
                "--reference", ref.toString(), "--sigma", "1", "--method", "segmentation");
        assertThat(classifier.code()).isEqualTo(2);
        assertThat(classifier.err().strip()).contains("spatial output").doesNotContain("\n");
        assertThat(classifier.out()).isEmpty();
        CliRun channel = CliRun.of("test", "--model", UNET.toString(), "--image", x.toString(), "--sigma", "1",
                "--method", "segmentation", "--method-option", "segmentation-channel=1");
        assertThat(channel.code()).isEqualTo(2);
        assertThat(channel.err().strip()).contains("not a channel").doesNotContain("\n");
    }
}
