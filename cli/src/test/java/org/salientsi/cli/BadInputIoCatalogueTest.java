package org.salientsi.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input catalogue of the file readers (issue 18): hostile {@code .npy} headers, sizes that would
 * exhaust memory, PNG headers, paths that are not regular files, and the entries {@code batch} cannot read.
 * Each {@code test} case exits with code 2 and prints one readable line on standard error that names the
 * file and the problem, no stack trace, and no p-value (nothing on standard output), within seconds and
 * without allocating what the file claims. Each {@code batch} entry gets its error line and the good images
 * their p-values. (Runs on Linux and macOS: FIFOs and {@code /dev/zero}.)
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class BadInputIoCatalogueTest {

    private static final BadInputCase.Log MESSAGES = new BadInputCase.Log();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String C8 = "{'descr': '<f8', 'fortran_order': False, 'shape': (8, 8), }";

    @TempDir
    static Path dir;

    static Path model8;
    static Path x;
    static Path ref;
    static Path batchDir;

    /** A batch entry that cannot be read: its file name and what its error line must say. */
    record Entry(String file, String[] names) {
        @Override
        public String toString() {
            return file;
        }
    }

    @BeforeAll
    static void files() throws IOException, InterruptedException {
        model8 = TestData.paperModel(8);
        x = TestData.writeGrey(dir.resolve("x.npy"), 11, 8, 3.0);
        ref = TestData.writeGrey(dir.resolve("r.npy"), 12, 8, 0);
        double[] pixels = TestData.image(13, 8, 1, 0);
        // .npy headers that numpy refuses, or that a regular expression misread
        npy("dup-descr.npy", "{'descr': '<f8', 'descr': '<f4', 'fortran_order': False, 'shape': (8, 8), }", pixels);
        npy("dup-fortran.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (8, 8), 'fortran_order': True}",
                pixels);
        npy("extra-key.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (8, 8), 'offset': 0}", pixels);
        npy("no-shape.npy", "{'descr': '<f8', 'fortran_order': False}", pixels);
        npy("import.npy", "{'descr': __import__('os').system('id'), 'fortran_order': False, 'shape': (8, 8)}",
                pixels);
        npy("product.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (8, 8*8)}", pixels);
        npy("tuple-sum.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (8,) + (8,)}", pixels);
        npy("negative.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (-8, -8)}", pixels);
        npy("overflow.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 4)}", pixels);
        npy("beyond-int.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (3000000000, 0)}", new double[0]);
        npy("gigabytes.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000)}", pixels);
        npy("fortran-int.npy", "{'descr': '<f8', 'fortran_order': 1, 'shape': (8, 8)}", pixels);
        npy("comment.npy", C8 + " # and more", pixels);
        npy("unterminated.npy", "{'descr': '<f8, 'fortran_order': False, 'shape': (8, 8)}", pixels);
        npy("structured.npy", "{'descr': [('r', '<f8')], 'fortran_order': False, 'shape': (8, 8)}", pixels);
        npy("complex.npy", "{'descr': '<c16', 'fortran_order': False, 'shape': (4, 8)}", pixels);
        npy("native-pipe.npy", "{'descr': '|f8', 'fortran_order': False, 'shape': (8, 8)}", pixels);
        Files.write(dir.resolve("trailing.npy"), concat(header(1, C8), doubles(pixels), new byte[8]));
        byte[] whole = concat(header(1, C8), doubles(pixels));
        Files.write(dir.resolve("short-data.npy"), Arrays.copyOf(whole, whole.length - 1));
        byte[] longHeader = concat(header(1, C8), doubles(pixels));
        ByteBuffer.wrap(longHeader).order(ByteOrder.LITTLE_ENDIAN).putShort(8, (short) 65000);
        Files.write(dir.resolve("header-beyond.npy"), longHeader);
        Files.write(dir.resolve("version4.npy"), concat(version(header(1, C8), 4), doubles(pixels)));
        Files.write(dir.resolve("huge-header.npy"), concat(header(2, C8 + " ".repeat(20_000)), doubles(pixels)));
        byte[] notUtf8 = concat(header(3, C8), doubles(pixels));
        notUtf8[14] = (byte) 0xff;
        Files.write(dir.resolve("not-utf8.npy"), notUtf8);
        // PNG headers
        Files.write(dir.resolve("huge.png"), png(20_000, 20_000, 8, 0));
        Files.write(dir.resolve("huge-rgb.png"), png(65_535, 65_535, 8, 2));
        Files.write(dir.resolve("colour7.png"), png(8, 8, 8, 7));
        Files.write(dir.resolve("zero-width.png"), png(0, 8, 8, 0));
        Files.write(dir.resolve("palette.png"), png(8, 8, 8, 3));
        // paths that are not regular files
        Files.createSymbolicLink(dir.resolve("zero.npy"), Path.of("/dev/zero"));
        Files.createSymbolicLink(dir.resolve("zero.png"), Path.of("/dev/zero"));
        Files.createSymbolicLink(dir.resolve("dangling.npy"), dir.resolve("gone.npy"));
        Files.createDirectories(dir.resolve("folder.npy"));
        mkfifo(dir.resolve("fifo.npy"));
        // a batch folder: two good images and every kind of entry that cannot be read
        batchDir = Files.createDirectories(dir.resolve("batch"));
        TestData.writeGrey(batchDir.resolve("a.npy"), 21, 8, 3.0);
        TestData.writeGrey(batchDir.resolve("z.npy"), 22, 8, 3.0);
        Files.createSymbolicLink(batchDir.resolve("b-dangling.npy"), batchDir.resolve("deleted.npy"));
        Files.createSymbolicLink(batchDir.resolve("c-zero.npy"), Path.of("/dev/zero"));
        mkfifo(batchDir.resolve("d-fifo.npy"));
        Files.createDirectories(batchDir.resolve("e-folder.npy"));
        Files.write(batchDir.resolve("f-huge.png"), png(20_000, 20_000, 8, 0));
        TestData.writeGrey(batchDir.resolve("g-larger-than-input.npy"), 23, 28, 0);
        Files.copy(dir.resolve("dup-fortran.npy"), batchDir.resolve("h-dup-fortran.npy"));
        Files.createSymbolicLink(batchDir.resolve("i-dangling.png"), batchDir.resolve("deleted.png"));
    }

    private static void mkfifo(Path p) throws IOException, InterruptedException {
        Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
        if (mk.waitFor() != 0) {
            throw new IOException("mkfifo " + p + " failed");
        }
    }

    private static void npy(String name, String header, double[] values) throws IOException {
        Files.write(dir.resolve(name), concat(header(1, header), doubles(values)));
    }

    /** The preamble and header of a .npy file of the given major version, without padding. */
    private static byte[] header(int major, String dict) {
        byte[] h = (dict + "\n").getBytes(major >= 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        int pre = major == 1 ? 10 : 12;
        ByteBuffer b = ByteBuffer.allocate(pre + h.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) major).put((byte) 0);
        if (major == 1) {
            b.putShort((short) h.length);
        } else {
            b.putInt(h.length);
        }
        return b.put(h).array();
    }

    private static byte[] version(byte[] file, int major) {
        byte[] copy = file.clone();
        copy[6] = (byte) major;
        return copy;
    }

    private static byte[] doubles(double[] v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double d : v) {
            b.putDouble(d);
        }
        return b.array();
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    /** A PNG whose IHDR claims the given size and kind (valid CRC), with an empty IDAT and IEND. */
    private static byte[] png(int width, int height, int depth, int colour) {
        ByteBuffer b = ByteBuffer.allocate(8 + 25 + 12 + 12);
        b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(b, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) depth).put((byte) colour)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(b, "IDAT", new byte[0]);
        chunk(b, "IEND", new byte[0]);
        return b.array();
    }

    private static void chunk(ByteBuffer b, String type, byte[] data) {
        CRC32 crc = new CRC32();
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        crc.update(t);
        crc.update(data);
        b.putInt(data.length).put(t).put(data).putInt((int) crc.getValue());
    }

    private static String f(String name) {
        return dir.resolve(name).toString();
    }

    /** {@code test} of the paper's 8x8 model on the image, against the reference, sigma 1. */
    private static String[] test(String image, String reference, String... extra) {
        List<String> a = new ArrayList<>(List.of("test", "--model", model8.toString(), "--image", image,
                "--reference", reference, "--sigma", "1"));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    private static String[] image(String name) {
        return test(f(name), ref.toString());
    }

    private static BadInputCase c(String name, String[] args, String... names) {
        return new BadInputCase(name, args, names);
    }

    static Stream<BadInputCase> catalogue() {
        String xs = x.toString();
        return Stream.of(
                // .npy headers parsed as the Python literal they are
                c(".npy header with a duplicate key", image("dup-descr.npy"), "dup-descr.npy", "duplicate key 'descr'"),
                c(".npy header with fortran_order twice (False, then True)", image("dup-fortran.npy"),
                        "dup-fortran.npy", "duplicate key 'fortran_order'"),
                c(".npy header with an extra key", image("extra-key.npy"), "extra-key.npy", "unexpected key 'offset'"),
                c(".npy header without shape", image("no-shape.npy"), "no-shape.npy", "no 'shape'"),
                c(".npy header with a Python call", image("import.npy"), "import.npy", "'__import__' is not a literal"),
                c(".npy shape with an expression (8, 8*8)", image("product.npy"), "product.npy", "malformed"),
                c(".npy shape as a sum of tuples", image("tuple-sum.npy"), "tuple-sum.npy", "malformed"),
                c(".npy shape with negative dimensions", image("negative.npy"), "negative.npy", "negative dimension"),
                c(".npy shape whose element count overflows", image("overflow.npy"), "overflow.npy", "overflows"),
                c(".npy dimension beyond 2^31 - 1", image("beyond-int.npy"), "beyond-int.npy", "exceeds"),
                c(".npy claiming 80 GB in a small file", image("gigabytes.npy"), "gigabytes.npy", "truncated",
                        "80000000000 bytes"),
                c(".npy fortran_order that is not a bool", image("fortran-int.npy"), "fortran-int.npy",
                        "fortran_order 1"),
                c(".npy header with text after its dict", image("comment.npy"), "comment.npy", "text after"),
                c(".npy header with an unterminated string", image("unterminated.npy"), "unterminated.npy",
                        "malformed"),
                c(".npy of a structured dtype", image("structured.npy"), "structured.npy", "malformed"),
                c(".npy of a complex dtype", image("complex.npy"), "complex.npy", "'<c16'"),
                c(".npy float64 with the byte order '|'", image("native-pipe.npy"), "native-pipe.npy", "'|f8'"),
                c(".npy with bytes after its data", image("trailing.npy"), "trailing.npy", "8 bytes after its data"),
                c(".npy one byte short", image("short-data.npy"), "short-data.npy", "truncated", "511"),
                c(".npy header length beyond the file", image("header-beyond.npy"), "header-beyond.npy",
                        "65000 bytes"),
                c(".npy format version 4.0", image("version4.npy"), "version4.npy", "version 4.0"),
                c(".npy header over numpy's 10,000-byte limit", image("huge-header.npy"), "huge-header.npy",
                        "more than 10000"),
                c(".npy version 3.0 header that is not UTF-8", image("not-utf8.npy"), "not-utf8.npy", "UTF-8"),
                // PNG headers, read before the decoder
                c("PNG claiming 20,000 x 20,000 pixels", image("huge.png"), "huge.png", "20000 x 20000",
                        "400000000 values"),
                c("PNG claiming 65,535 x 65,535 RGB pixels", image("huge-rgb.png"), "huge-rgb.png", "3 channels"),
                c("PNG of colour type 7", image("colour7.png"), "colour7.png", "colour type 7"),
                c("PNG of width 0", image("zero-width.png"), "zero-width.png", "IHDR size 0 x 8"),
                c("palette PNG, refused from its header", image("palette.png"), "palette.png", "palette"),
                c("PNG claiming 20,000 x 20,000 pixels as the reference", test(xs, f("huge.png")), "huge.png",
                        "20000 x 20000"),
                // paths that are not regular files
                c("image symlinked to /dev/zero", image("zero.npy"), "zero.npy", "not a regular file"),
                c("PNG symlinked to /dev/zero", image("zero.png"), "zero.png", "not a regular file"),
                c("reference symlinked to /dev/zero", test(xs, f("zero.npy")), "zero.npy", "not a regular file"),
                c("covariance symlinked to /dev/zero", new String[] {"test", "--model", model8.toString(), "--image",
                    xs, "--reference", ref.toString(), "--covariance", f("zero.npy")}, "zero.npy",
                        "not a regular file"),
                c("covariance with a duplicated fortran_order", new String[] {"test", "--model", model8.toString(),
                    "--image", xs, "--reference", ref.toString(), "--covariance", f("dup-fortran.npy")},
                        "dup-fortran.npy", "duplicate key"),
                c("image that is a FIFO", image("fifo.npy"), "fifo.npy", "not a regular file"),
                c("image that is a folder named x.npy", image("folder.npy"), "folder.npy", "is a folder"),
                c("image that is a dangling symbolic link", image("dangling.npy"), "dangling.npy",
                        "symbolic link to a missing file"),
                c("map of an image symlinked to /dev/zero",
                        new String[] {"map", "--model", model8.toString(), "--image", f("zero.npy")}, "zero.npy"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void badInputIsOneLineExitTwoAndNoPValue(BadInputCase c) {
        CliRun r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CliRun.of(c.args()),
                () -> c + " did not finish within 60 s");
        c.assertRefused(r, MESSAGES);
    }

    static Stream<Entry> batchEntries() {
        return Stream.of(
                new Entry("b-dangling.npy", new String[] {"symbolic link to a missing file"}),
                new Entry("c-zero.npy", new String[] {"not a regular file"}),
                new Entry("d-fifo.npy", new String[] {"not a regular file"}),
                new Entry("e-folder.npy", new String[] {"is a folder"}),
                new Entry("f-huge.png", new String[] {"20000 x 20000", "the 64 of the model's input (8x8x1)"}),
                new Entry("g-larger-than-input.npy", new String[] {"(28, 28): 784 values", "model's input"}),
                new Entry("h-dup-fortran.npy", new String[] {"duplicate key 'fortran_order'"}),
                new Entry("i-dangling.png", new String[] {"symbolic link to a missing file"}));
    }

    private static Map<String, JsonNode> batchLines;
    private static CliRun batchRun;

    /** The JSON batch over the folder, run once for all its entries. */
    private static synchronized Map<String, JsonNode> batch() throws IOException {
        if (batchLines == null) {
            batchRun = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> CliRun.of("batch", "--model",
                    model8.toString(), "--images", batchDir.toString(), "--reference", ref.toString(), "--sigma", "1",
                    "--json"));
            batchLines = new HashMap<>();
            for (String line : batchRun.out().strip().split("\n")) {
                JsonNode n = JSON.readTree(line);
                batchLines.put(n.get("image").asText(), n);
            }
        }
        return batchLines;
    }

    @ParameterizedTest(name = "batch entry {0}")
    @MethodSource("batchEntries")
    void batchWritesAnErrorLineForEveryEntryItCannotRead(Entry e) throws IOException {
        Map<String, JsonNode> lines = batch();
        assertThat(lines).as("%s", batchRun).containsKey(e.file());
        JsonNode n = lines.get(e.file());
        assertThat(n.has("selective_p")).as("no p-value for %s", n).isFalse();
        assertThat(n.get("error_kind").asText()).isEqualTo("bad-input");
        String error = n.get("error").asText();
        MESSAGES.add("batch entry " + e.file() + "  ->  " + error);
        assertThat(error).contains(e.file()).contains(e.names()).doesNotContain("Exception", "java.");
    }

    @Test
    void theBatchGoesOnPastItsUnreadableEntriesAndExitsTwo() throws IOException {
        Map<String, JsonNode> lines = batch();
        assertThat(batchRun.code()).as("%s", batchRun).isEqualTo(2);
        assertThat(batchRun.err()).isEmpty();
        assertThat(lines).hasSize(2 + (int) batchEntries().count());
        assertThat(lines.get("a.npy").has("selective_p")).as("%s", batchRun).isTrue();
        assertThat(lines.get("z.npy").has("selective_p")).as("%s", batchRun).isTrue();
        assertThat(lines.get("z.npy").get("bh_p").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void theCatalogueHasAtLeastTwentyFiveNewCases() {
        assertThat(catalogue().count() + batchEntries().count()).isGreaterThanOrEqualTo(25);
    }

    /** Keeps the messages for review (target/cli-bad-input-io-messages.txt). */
    @AfterAll
    static void writeMessages() throws IOException {
        MESSAGES.write("cli-bad-input-io-messages.txt");
    }
}
