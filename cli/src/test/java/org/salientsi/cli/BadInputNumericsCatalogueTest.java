package org.salientsi.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.salientsi.validation.checkpoint.StudyFolderLock;

/**
 * The bad-input catalogue of numerics at the extremes, method options and study folders (issue 18), with
 * the assertions of {@link BadInputCatalogueTest}: each case exits with code 2, prints one readable line
 * on standard error that names the option, file or folder, no stack trace, and nothing on standard
 * output (no p-value).
 */
class BadInputNumericsCatalogueTest {

    private static final BadInputCase.Log MESSAGES = new BadInputCase.Log();
    private static final int N = 64;

    @TempDir
    static Path dir;

    static Path model8;
    static Path x;
    static Path ref;
    /** A study folder that the test holds locked while the catalogue runs (as a first run would). */
    static StudyFolderLock held;

    private static double[] scaledIdentity(double s) {
        double[] m = new double[N * N];
        for (int i = 0; i < N; i++) {
            m[i * N + i] = s;
        }
        return m;
    }

    @BeforeAll
    static void files() throws IOException {
        model8 = TestData.paperModel(8);
        x = TestData.writeGrey(dir.resolve("x.npy"), 11, 8, 3.0);
        ref = TestData.writeGrey(dir.resolve("r.npy"), 12, 8, 0);
        // covariances of 8x8 images at the ends of the double range
        double[] asymmetric = scaledIdentity(1e-200);
        asymmetric[1] = 0.5e-200;
        asymmetric[N] = 0.5001e-200; // differs by 1e-4 of the largest variance
        TestData.write(dir.resolve("cov-asym-1e-200.npy"), new int[] {N, N}, asymmetric);
        double[] indefinite = scaledIdentity(1e-200);
        indefinite[1] = 2e-200;
        indefinite[N] = 2e-200; // the 2x2 block [[1, 2], [2, 1]] has eigenvalue -1
        TestData.write(dir.resolve("cov-indef-1e-200.npy"), new int[] {N, N}, indefinite);
        double[] singular = new double[N * N];
        java.util.Arrays.fill(singular, 1e200); // rank one
        TestData.write(dir.resolve("cov-rank1-1e200.npy"), new int[] {N, N}, singular);
        double[] nearlySingular = scaledIdentity(1);
        nearlySingular[1] = 1;
        nearlySingular[N] = 1;
        nearlySingular[N + 1] = 1 + 0x1p-52; // a pivot of 2^-52: singular within rounding
        TestData.write(dir.resolve("cov-near-singular.npy"), new int[] {N, N}, nearlySingular);
        TestData.write(dir.resolve("cov-subnormal.npy"), new int[] {N, N}, scaledIdentity(1e-310));
        double[] infinite = scaledIdentity(1);
        infinite[3 * N + 3] = Double.POSITIVE_INFINITY;
        TestData.write(dir.resolve("cov-inf.npy"), new int[] {N, N}, infinite);
        Files.writeString(dir.resolve("results.txt"), "a file, not a folder\n");
        held = StudyFolderLock.acquire(dir.resolve("busy-study"));
    }

    @AfterAll
    static void release() {
        held.close();
    }

    private static String f(String name) {
        return dir.resolve(name).toString();
    }

    /** {@code test} with the paper's 8x8 model, the image and the reference, then the noise and extra options. */
    private static String[] test(String... extra) {
        List<String> a = new ArrayList<>(List.of("test", "--model", model8.toString(), "--image", x.toString(),
                "--reference", ref.toString()));
        a.addAll(List.of(extra));
        if (!a.contains("--sigma") && !a.contains("--covariance")) {
            a.addAll(List.of("--sigma", "1"));
        }
        return a.toArray(String[]::new);
    }

    /** {@code validate} of 4 trials on the paper's 8x8 model into {@code out}, then extra options. */
    private static String[] validate(String out, String... extra) {
        List<String> a = new ArrayList<>(List.of("validate", "--model", model8.toString(), "--trials", "4",
                "--out", out, "--quiet"));
        a.addAll(List.of(extra));
        if (!a.contains("--sigma")) {
            a.addAll(List.of("--sigma", "1"));
        }
        return a.toArray(String[]::new);
    }

    private static BadInputCase c(String name, String[] args, String... names) {
        return new BadInputCase(name, args, names);
    }

    static Stream<BadInputCase> catalogue() {
        return Stream.of(
                // sigma at the ends of the double range
                c("sigma subnormal (1e-320)", test("--sigma", "1e-320"), "--sigma", "smallest normal"),
                c("sigma the smallest subnormal (4.9e-324)", test("--sigma", "4.9e-324"), "--sigma"),
                c("sigma just below the smallest normal", test("--sigma", "2.2e-308"), "--sigma"),
                c("sigma that underflows to zero (1e-400)", test("--sigma", "1e-400"), "--sigma"),
                c("sigma that overflows to infinity (1e400)", test("--sigma", "1e400"), "--sigma"),
                c("sigma negative zero", test("--sigma", "-0.0"), "--sigma"),
                c("sigma whose search range overflows (1e308)", test("--sigma", "1e308"), "sigma",
                        "in smaller units"),
                // covariances judged relative to their scale
                c("covariance not symmetric at scale 1e-200",
                        test("--covariance", f("cov-asym-1e-200.npy")), "--covariance", "cov-asym-1e-200.npy",
                        "not symmetric"),
                c("covariance indefinite at scale 1e-200",
                        test("--covariance", f("cov-indef-1e-200.npy")), "cov-indef-1e-200.npy", "positive definite"),
                c("covariance of rank one at scale 1e200",
                        test("--covariance", f("cov-rank1-1e200.npy")), "cov-rank1-1e200.npy", "positive definite"),
                c("covariance singular within rounding",
                        test("--covariance", f("cov-near-singular.npy")), "cov-near-singular.npy",
                        "positive definite"),
                c("covariance of subnormal variances",
                        test("--covariance", f("cov-subnormal.npy")), "cov-subnormal.npy", "smallest normal"),
                c("covariance with an infinite variance",
                        test("--covariance", f("cov-inf.npy")), "cov-inf.npy", "non-finite"),
                c("validate: sigma subnormal", validate(f("study-subnormal"), "--sigma", "1e-320"), "--sigma"),
                // method options: used or refused
                c("unknown method option", test("--method-option", "foo=1"), "foo", "cam", "known: cam-layer, target"),
                c("misspelt method option", test("--method-option", "cam_layer=up"), "cam_layer", "cam-layer"),
                c("option of another method (cam-layer for gradient)",
                        test("--method", "gradient", "--method-option", "cam-layer=up"), "cam-layer", "gradient",
                        "channels"),
                c("option flag of another method (--channels for cam)", test("--channels", "sum"), "channels",
                        "cam"),
                c("method option for a plugin method that takes none",
                        test("--method", "test-squared-input", "--method-option", "scale=2"), "scale",
                        "test-squared-input"),
                c("map: unknown method option", new String[] {"map", "--model", model8.toString(), "--image",
                    x.toString(), "--method-option", "foo=1"}, "foo", "known"),
                c("batch: unknown method option", new String[] {"batch", "--model", model8.toString(), "--images",
                    x.toString(), "--sigma", "1", "--method-option", "foo=1"}, "foo", "known"),
                c("validate: unknown method option", validate(f("study-option"), "--method-option", "foo=1"),
                        "foo", "known"),
                // study folders
                c("validate: study folder in use by another run", validate(f("busy-study")), "busy-study",
                        "in use"),
                c("validate paper: folder in use by another run",
                        new String[] {"validate", "paper", "--trials", "2", "--out", f("busy-study"), "--quiet"},
                        "busy-study", "in use"),
                c("validate: study folder under a file", validate(f("results.txt") + "/study"),
                        "results.txt/study"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void badInputIsOneLineExitTwoAndNoPValue(BadInputCase c) {
        CliRun r = CliRun.of(c.args());
        c.assertRefused(r, MESSAGES);
    }

    /** Keeps the messages for review (target/cli-bad-input-numerics-messages.txt). */
    @AfterAll
    static void writeMessages() throws IOException {
        MESSAGES.write("cli-bad-input-numerics-messages.txt");
    }

    @Test
    void theCatalogueHasAtLeastTwelveCases() {
        assertThat(catalogue().count()).isGreaterThanOrEqualTo(12);
    }

    /**
     * The good twin of the sigma cases: noise of 1e-300 on an image of that scale is representable and gives
     * a p-value (that it is the p-value of the image at scale 1 is shown on a bias-free network by
     * {@code ScaleInvarianceTest} in saliency-methods; the paper's model has biases).
     */
    @Test
    void extremeButRepresentableNoiseGivesAPValue() throws IOException {
        double s = 1e-300;
        double[] xs = TestData.image(11, 8, 1, 3.0);
        double[] rs = TestData.image(12, 8, 1, 0);
        for (int i = 0; i < xs.length; i++) {
            xs[i] *= s;
            rs[i] *= s;
        }
        Path tinyX = TestData.write(dir.resolve("x-1e-300.npy"), new int[] {8, 8}, xs);
        Path tinyR = TestData.write(dir.resolve("r-1e-300.npy"), new int[] {8, 8}, rs);
        CliRun tiny = CliRun.of("test", "--model", model8.toString(), "--image", tinyX.toString(), "--reference",
                tinyR.toString(), "--sigma", "1e-300", "--selector", "top-k:8", "--json");
        assertThat(tiny.code()).as("%s", tiny).isZero();
        assertThat(pValue(tiny.out())).isBetween(0.0, 1.0);
    }

    private static double pValue(String json) {
        int at = json.indexOf("\"selective_p\"");
        String rest = json.substring(json.indexOf(':', at) + 1).strip();
        int end = 0;
        while (end < rest.length() && "0123456789.eE+-".indexOf(rest.charAt(end)) >= 0) {
            end++;
        }
        return Double.parseDouble(rest.substring(0, end));
    }
}
