package org.salientsi.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code --noise-from DIR} and {@code --sigma-upper BETA}: hostile folders (mismatched shapes, one image, NaN
 * pixels, zero variance, a group of one, no images, no folder) and bad option combinations are refused with
 * the assertions of {@link BadInputCatalogueTest} (exit 2, one line naming the folder, file or option, nothing
 * on standard output); a good folder gives the estimate, its degrees of freedom and its source in the JSON.
 */
class NoiseFromBadInputTest {

    private static final BadInputCase.Log MESSAGES = new BadInputCase.Log();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Path model8;
    static Path x;
    static Path ref;
    static double[][] scans = new double[3][];

    @BeforeAll
    static void files() throws IOException {
        model8 = TestData.paperModel(8);
        x = TestData.writeGrey(dir.resolve("x.npy"), 11, 8, 3.0);
        ref = TestData.writeGrey(dir.resolve("r.npy"), 12, 8, 0);
        for (int i = 0; i < 3; i++) {
            scans[i] = TestData.image(40 + i, 8, 1, 0);
            put("good/scan" + i + ".npy", new int[] {8, 8}, scans[i]);
        }
        put("pairs/a/1.npy", new int[] {8, 8}, scans[0]);
        put("pairs/a/2.npy", new int[] {8, 8}, scans[1]);
        put("pairs/b/1.npy", new int[] {8, 8}, scans[2]);
        put("pairs/b/2.npy", new int[] {8, 8}, scans[0]);
        put("one/scan.npy", new int[] {8, 8}, scans[0]);
        put("shapes/a.npy", new int[] {8, 8}, scans[0]);
        put("shapes/b.npy", new int[] {16, 16}, TestData.image(50, 16, 1, 0));
        double[] nan = scans[1].clone();
        nan[7] = Double.NaN;
        put("nan/a.npy", new int[] {8, 8}, scans[0]);
        put("nan/b.npy", new int[] {8, 8}, nan);
        put("copies/a.npy", new int[] {8, 8}, scans[0]);
        put("copies/b.npy", new int[] {8, 8}, scans[0]);
        put("lonely/a/1.npy", new int[] {8, 8}, scans[0]);
        put("lonely/a/2.npy", new int[] {8, 8}, scans[1]);
        put("lonely/b/1.npy", new int[] {8, 8}, scans[2]);
        Files.createDirectories(dir.resolve("empty"));
        Files.writeString(dir.resolve("empty/readme.txt"), "no scans\n");
    }

    private static void put(String name, int[] shape, double[] values) throws IOException {
        Files.createDirectories(dir.resolve(name).getParent());
        TestData.write(dir.resolve(name), shape, values);
    }

    private static String f(String name) {
        return dir.resolve(name).toString();
    }

    /** {@code test} with the paper's 8x8 model, the image and the reference, then the noise options. */
    private static String[] test(String... noise) {
        List<String> a = new ArrayList<>(List.of("test", "--model", model8.toString(), "--image", x.toString(),
                "--reference", ref.toString()));
        a.addAll(List.of(noise));
        return a.toArray(String[]::new);
    }

    private static BadInputCase c(String name, String[] args, String... names) {
        return new BadInputCase(name, args, names);
    }

    static Stream<BadInputCase> catalogue() {
        return Stream.of(
                c("noise folder missing", test("--noise-from", f("nowhere")), "--noise-from", "nowhere",
                        "not a folder"),
                c("noise folder without images", test("--noise-from", f("empty")), "--noise-from", "empty",
                        "no .npy or .png"),
                c("one scan", test("--noise-from", f("one")), "--noise-from", "one", "at least two"),
                c("a scene with one scan", test("--noise-from", f("lonely")), "lonely", "at least two"),
                c("scans of two shapes", test("--noise-from", f("shapes")), "b.npy", "a.npy", "one shape"),
                c("NaN pixel in a scan", test("--noise-from", f("nan")), "b.npy", "NaN"),
                c("identical scans", test("--noise-from", f("copies")), "copies", "zero variance"),
                c("sigma-upper without noise-from", test("--sigma", "1", "--sigma-upper", "0.05"), "sigma-upper",
                        "--noise-from"),
                c("sigma-upper not a probability", test("--noise-from", f("good"), "--sigma-upper", "1.5",
                        "--alternative", "abs"), "sigma-upper", "1.5"),
                c("sigma-upper with a two-sided test", test("--noise-from", f("good"), "--sigma-upper", "0.05"),
                        "sigma-upper", "abs", "two-sided"),
                c("sigma and noise-from", test("--sigma", "1", "--noise-from", f("good")), "--sigma",
                        "--noise-from"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void badNoiseInputIsOneLineExitTwoAndNoPValue(BadInputCase c) {
        c.assertRefused(CliRun.of(c.args()), MESSAGES);
    }

    @AfterAll
    static void writeMessages() throws IOException {
        MESSAGES.write("cli-noise-from-messages.txt");
    }

    @Test
    void repeatedScansGiveThePooledEstimateWithItsDegreesOfFreedom() throws Exception {
        CliRun r = CliRun.of(test("--noise-from", f("good"), "--json"));
        assertThat(r.code()).as("%s", r).isZero();
        JsonNode j = JSON.readTree(r.out());
        // pooled within-scene variance, two-pass: sum over pixels of sum_j (s_j - mean)^2 / (64 (3 - 1))
        double ss = 0;
        for (int i = 0; i < 64; i++) {
            double mean = (scans[0][i] + scans[1][i] + scans[2][i]) / 3;
            for (double[] s : scans) {
                ss += (s[i] - mean) * (s[i] - mean);
            }
        }
        double sigma = Math.sqrt(ss / 128);
        assertThat(j.get("sigma_source").asText()).isEqualTo("estimated");
        assertThat(j.get("sigma_df").asDouble()).isEqualTo(128.0);
        assertThat(j.get("provenance").get("sigma").asDouble()).isCloseTo(sigma, within(1e-12 * sigma));
        assertThat(j.get("provenance").get("options").get("sigma_df").asText()).isEqualTo("128");
        assertThat(j.get("provenance").get("options").get("noise_from").asText()).endsWith("good");
        assertThat(j.get("statistic_distribution").asText()).isEqualTo("normal");
    }

    @Test
    void pairsOfScansPoolAcrossScenesAndTheUpperLimitExceedsTheEstimate() throws Exception {
        CliRun r = CliRun.of(test("--noise-from", f("pairs"), "--sigma-upper", "0.05", "--alternative", "abs",
                "--json"));
        assertThat(r.code()).as("%s", r).isZero();
        JsonNode j = JSON.readTree(r.out());
        double ss = 0;
        for (int i = 0; i < 64; i++) {
            ss += Math.pow(scans[0][i] - scans[1][i], 2) / 2 + Math.pow(scans[2][i] - scans[0][i], 2) / 2;
        }
        double estimate = Math.sqrt(ss / 128);
        assertThat(j.get("sigma_source").asText()).isEqualTo("upper-limit");
        assertThat(j.get("sigma_df").asDouble()).isEqualTo(128.0);
        JsonNode options = j.get("provenance").get("options");
        assertThat(options.get("sigma_estimate").asDouble()).isCloseTo(estimate, within(1e-12 * estimate));
        assertThat(options.get("sigma_upper_beta").asText()).isEqualTo("0.05");
        // chi-square 0.05-quantile with 128 df is 102.8674 (mpmath): the limit is sqrt(128 / 102.8674) = 1.115491 s
        assertThat(j.get("provenance").get("sigma").asDouble() / estimate).isCloseTo(1.115491, within(1e-6));
    }
}
