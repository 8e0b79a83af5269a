package org.salientsi.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.salientsi.api.error.InvalidPixelException;
import org.salientsi.api.error.ShapeMismatchException;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;

/**
 * Reading .npy files as NumPy wrote them (io/src/test/python/make_npy_fixtures.py, with the values NumPy
 * holds in npy/values.tsv), and refusing every header or size NumPy's format does not allow.
 */
class NpyTest {

    private static final String C_2X3 = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }";
    private static final double[] SIX = {0, 0.25, 0.5, 0.75, 1.0, 1.25};

    /** A line of values.tsv: what NumPy holds for one fixture. */
    record Fixture(String file, String descr, boolean fortran, int[] shape, double[] values) {
        @Override
        public String toString() {
            return file;
        }
    }

    private static Path npy(String name) throws URISyntaxException {
        return Path.of(NpyTest.class.getResource("npy/" + name).toURI());
    }

    static List<Fixture> fixtures() throws IOException, URISyntaxException {
        List<Fixture> out = new ArrayList<>();
        for (String line : Files.readAllLines(npy("values.tsv"))) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            int[] shape = f[3].isEmpty() ? new int[0] : Arrays.stream(f[3].split(",")).mapToInt(Integer::parseInt)
                    .toArray();
            double[] values = f[4].equals("refused") ? null : f[4].isEmpty() ? new double[0]
                    : Arrays.stream(f[4].split(" ")).mapToDouble(NpyTest::pythonFloat).toArray();
            out.add(new Fixture(f[0], f[1], Boolean.parseBoolean(f[2]), shape, values));
        }
        return out;
    }

    private static double pythonFloat(String repr) {
        return switch (repr) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> Double.parseDouble(repr);
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void readsWhatNumpyWroteAsNumpyHoldsIt(Fixture f) throws Exception {
        NpyHeader h = Npy.readHeader(npy(f.file()));
        assertThat(h.dtype().descr()).isEqualTo(f.descr());
        assertThat(h.fortranOrder()).isEqualTo(f.fortran());
        assertThat(h.shape()).containsExactly(f.shape());
        if (f.values() == null) {
            assertThatThrownBy(() -> Npy.read(npy(f.file()))).isInstanceOf(FileFormatException.class)
                    .hasMessageContaining(f.file()).hasMessageContaining("element 1 = 9007199254740993")
                    .hasMessageContaining("2^53");
            return;
        }
        NpyArray a = Npy.read(npy(f.file()));
        assertThat(a.file()).isEqualTo(f.file());
        assertThat(a.dtype().descr()).isEqualTo(f.descr());
        assertThat(a.shape()).containsExactly(f.shape());
        assertThat(a.data()).containsExactly(f.values());
        assertThat(Npy.parse(f.file(), Files.readAllBytes(npy(f.file())))).isEqualTo(a);
    }

    @Test
    void theFixturesCoverEveryVersionByteOrderMemoryOrderAndKind() throws Exception {
        List<Fixture> all = fixtures();
        assertThat(all).hasSizeGreaterThanOrEqualTo(20);
        assertThat(all.stream().map(f -> f.descr().charAt(0)).distinct()).contains('<', '>', '|');
        assertThat(all.stream().filter(Fixture::fortran)).hasSizeGreaterThanOrEqualTo(4);
        List<Integer> versions = new ArrayList<>();
        for (Fixture f : all) {
            versions.add(Npy.readHeader(npy(f.file())).major());
        }
        assertThat(versions).contains(1, 2, 3);
        assertThat(all.stream().map(f -> f.descr().substring(1)).distinct())
                .contains("b1", "i1", "u1", "i2", "u2", "i4", "u4", "i8", "u8", "f4", "f8");
    }

    @Test
    void fortranOrderIsTransposedToCOrderNotReadAsIs() throws Exception {
        NpyArray f = Npy.read(npy("fortran_f8.npy"));
        NpyArray c = Npy.read(npy("c_f8.npy"));
        assertThat(f.data()).containsExactly(c.data());
        // numpy: (arange(24).reshape(2, 3, 4) - 7.5) / 3, element [0, 1, 2] = (6 - 7.5) / 3
        Image img = Npy.read(npy("big_endian_fortran_f8.npy")).toImage();
        assertThat(img.get(0, 1, 2)).isEqualTo(-0.5);
        assertThat(img.get(1, 2, 3)).isEqualTo((23 - 7.5) / 3);
    }

    @Test
    void imagesAndCovariancesAreFloatArraysOnly() throws Exception {
        assertThatThrownBy(() -> Npy.read(npy("int32_fortran.npy")).toImage()).isInstanceOf(FileFormatException.class)
                .hasMessageContaining("int32_fortran.npy").hasMessageContaining("'<i4'")
                .hasMessageContaining("astype('float64')");
        assertThatThrownBy(() -> Npy.read(npy("bool.npy")).toSquareMatrix(2)).isInstanceOf(FileFormatException.class)
                .hasMessageContaining("'|b1'");
        assertThatThrownBy(() -> Npy.read(npy("special_f8.npy")).toImage()).isInstanceOf(InvalidPixelException.class)
                .hasMessageContaining("special_f8.npy").hasMessageContaining("row 0, column 0");
        assertThatThrownBy(() -> Npy.read(npy("rank4_fortran_f8.npy")).toImage())
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("(H, W)");
        assertThatThrownBy(() -> Npy.read(npy("empty_f8.npy")).toImage()).isInstanceOf(ShapeMismatchException.class);
    }

    @Test
    void headerAttacksAreRefusedWithTheFileAndTheProblem() {
        String[][] cases = {
            {"{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), 'fortran_order': True}",
                "duplicate key 'fortran_order'"},
            {"{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), 'extra': 1}", "unexpected key 'extra'"},
            {"{'descr': '<f8', 'fortran_order': False}", "no 'shape'"},
            {"{'descr': __import__('os').system('ls'), 'fortran_order': False, 'shape': (6,)}", "'__import__'"},
            {"{'descr': '<f8', 'fortran_order': False, 'shape': (2, 1*3)}", "expected ',' or ')'"},
            {"{'descr': '<f8', 'fortran_order': False, 'shape': (-2, -3)}", "negative dimension"},
            {"{'descr': '<f8', 'fortran_order': 0, 'shape': (2, 3)}", "fortran_order 0"},
            {"{'descr': '<f8', 'fortran_order': False, 'shape': 6}", "must be a tuple"},
            {"{'descr': '<f8', 'fortran_order': False, 'shape': (2, 'x')}", "tuple of integers"},
            {"{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (6,)}", "expected a string, True"},
            {"{'descr': ('<f8',), 'fortran_order': False, 'shape': (6,)}", "not structured arrays"},
            {"{'descr': '<c16', 'fortran_order': False, 'shape': (3,)}", "dtype '<c16'"},
            {"{'descr': '|f8', 'fortran_order': False, 'shape': (6,)}", "dtype '|f8'"},
            {"{'descr': 'f8', 'fortran_order': False, 'shape': (6,)}", "dtype 'f8'"},
            {"{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3)} # comment", "text after the header"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> Npy.parse("h.npy", NpyBytes.v1(c[0], SIX))).as(c[0])
                    .isInstanceOf(FileFormatException.class).hasMessageStartingWith("h.npy ")
                    .hasMessageContaining(c[1]);
        }
    }

    @Test
    void versionsOneTwoAndThreeAreReadAndOthersRefused() {
        byte[] data = doubles(SIX);
        for (int major = 1; major <= 3; major++) {
            NpyArray a = Npy.parse("v.npy", NpyBytes.of(major, 0, C_2X3 + "\n", data));
            assertThat(a.shape()).containsExactly(2, 3);
            assertThat(a.data()).containsExactly(SIX);
        }
        for (int[] v : new int[][] {{0, 0}, {4, 0}, {1, 1}, {255, 0}}) {
            assertThatThrownBy(() -> Npy.parse("v.npy", NpyBytes.of(v[0], v[1], C_2X3, data)))
                    .isInstanceOf(FileFormatException.class)
                    .hasMessageContaining("format version " + v[0] + "." + v[1]);
        }
        // Python 2's longs, as NumPy reads them in versions 1.0 and 2.0 only
        String longs = "{'descr': '<f8', 'fortran_order': False, 'shape': (2L, 3L), }";
        assertThat(Npy.parse("l.npy", NpyBytes.of(2, 0, longs, data)).shape()).containsExactly(2, 3);
        assertThatThrownBy(() -> Npy.parse("l.npy", NpyBytes.of(3, 0, longs, data)))
                .isInstanceOf(FileFormatException.class);
        // version 3.0 is UTF-8; a non-ASCII byte sequence that is not UTF-8 is refused
        byte[] bad = NpyBytes.of(3, 0, C_2X3, data);
        bad[12 + 3] = (byte) 0xC3;
        assertThatThrownBy(() -> Npy.parse("u.npy", bad)).isInstanceOf(FileFormatException.class)
                .hasMessageContaining("not valid UTF-8");
    }

    @Test
    void sizesAreCheckedAgainstTheFileBeforeAllocating() {
        byte[] six = doubles(SIX);
        assertThatThrownBy(() -> Npy.parse("t.npy", NpyBytes.of(1, 0, C_2X3, Arrays.copyOf(six, 47))))
                .isInstanceOf(FileFormatException.class).hasMessageContaining("t.npy is truncated")
                .hasMessageContaining("needs 48 bytes of data, the file has 47");
        assertThatThrownBy(() -> Npy.parse("x.npy", NpyBytes.of(1, 0, C_2X3, Arrays.copyOf(six, 56))))
                .isInstanceOf(FileFormatException.class).hasMessageContaining("8 bytes after its data");
        // a shape of 2^62 float64 values: 2^65 bytes overflow, refused from the header
        String huge = "{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 2, 2), }";
        assertThatThrownBy(() -> Npy.parse("o.npy", NpyBytes.of(1, 0, huge, six)))
                .isInstanceOf(SizeLimitException.class).hasMessageContaining("o.npy")
                .hasMessageContaining("overflows");
        // 8.9e18 elements fit a long, their 1.8e19 bytes do not (found by NpyFuzzTest)
        String bytes = "{'descr': '>u2', 'fortran_order': False, 'shape': (3, 666666, 666666666, 6666), }";
        assertThatThrownBy(() -> Npy.parse("b.npy", NpyBytes.of(1, 0, bytes, six)))
                .isInstanceOf(SizeLimitException.class).hasMessageContaining("byte count overflows");
        // a zero dimension makes an empty array whatever the others are (found by NpyFuzzTest)
        String empty = "{'descr': '>u1', 'fortran_order': False, 'shape': (31666666, 666666666, 666, 0), }";
        assertThat(Npy.parse("e.npy", NpyBytes.of(1, 0, empty, new byte[0])).size()).isZero();
        String big = "{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999999,), }";
        assertThatThrownBy(() -> Npy.parse("o.npy", NpyBytes.of(1, 0, big, six)))
                .isInstanceOf(SizeLimitException.class).hasMessageContaining("overflows");
        String claims = "{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }";
        assertThatThrownBy(() -> Npy.parse("c.npy", NpyBytes.of(1, 0, claims, six)))
                .isInstanceOf(FileFormatException.class).hasMessageContaining("needs 80000000000 bytes");
        // a header length beyond the file, and beyond NumPy's 10,000-byte header limit
        byte[] cut = NpyBytes.of(1, 0, C_2X3, six);
        ByteBuffer.wrap(cut).order(ByteOrder.LITTLE_ENDIAN).putShort(8, (short) 60000);
        assertThatThrownBy(() -> Npy.parse("h.npy", cut)).isInstanceOf(FileFormatException.class)
                .hasMessageContaining("header claims 60000 bytes");
        byte[] v2 = NpyBytes.of(2, 0, C_2X3, six);
        ByteBuffer.wrap(v2).order(ByteOrder.LITTLE_ENDIAN).putInt(8, -1);
        assertThatThrownBy(() -> Npy.parse("h.npy", v2)).hasMessageContaining("header claims 4294967295 bytes");
        String padded = C_2X3 + " ".repeat(Npy.MAX_HEADER_BYTES);
        assertThatThrownBy(() -> Npy.parse("p.npy", NpyBytes.of(2, 0, padded, six)))
                .isInstanceOf(FileFormatException.class).hasMessageContaining("more than 10000");
    }

    @Test
    void theElementLimitIsCheckedBeforeAllocating() {
        byte[] file = NpyBytes.v1(C_2X3, SIX);
        assertThat(Npy.parse("l.npy", file, ReadLimits.maxElements(6)).size()).isEqualTo(6);
        assertThatThrownBy(() -> Npy.parse("l.npy", file, ReadLimits.maxElements(5)))
                .isInstanceOf(SizeLimitException.class).hasMessageContaining("l.npy has shape (2, 3): 6 values")
                .hasMessageContaining("maximum of 5")
                .satisfies(e -> assertThat(((SizeLimitException) e).limit()).isEqualTo(5));
        assertThatThrownBy(() -> Npy.parse("l.npy", file, ReadLimits.forInput(ImageShape.of(1, 5, 1))))
                .isInstanceOf(SizeLimitException.class).hasMessageContaining("the 5 of the model's input (1x5x1)");
        assertThat(ReadLimits.DEFAULT.maxElements()).isEqualTo(16_777_216L);
    }

    @Test
    void scalarsVectorsAndEmptyShapesAreRead() {
        assertThat(Npy.parse("s.npy", NpyBytes.v1("{'descr': '<f8', 'fortran_order': False, 'shape': ()}", 4.5))
                .data()).containsExactly(4.5);
        assertThat(Npy.parse("v.npy", NpyBytes.v1("{'descr': '<f8', 'fortran_order': True, 'shape': (2,)}", 1, 2))
                .data()).containsExactly(1, 2);
        assertThat(Npy.parse("e.npy", NpyBytes.v1("{'fortran_order': False, 'shape': (0, 5), 'descr': '>f4'}"))
                .size()).isZero();
    }

    @Test
    void boolBytesOtherThanZeroAndOneAreRefused() {
        byte[] file = NpyBytes.of(1, 0, "{'descr': '|b1', 'fortran_order': False, 'shape': (3,)}",
                new byte[] {1, 0, 2});
        assertThatThrownBy(() -> Npy.parse("b.npy", file)).isInstanceOf(FileFormatException.class)
                .hasMessageContaining("bool element 2 stored as byte 2");
    }

    @Test
    void notNumpyAtAll() {
        assertThatThrownBy(() -> Npy.parse("text.npy", "hello world, not numpy".getBytes()))
                .isInstanceOf(FileFormatException.class).hasMessageContaining("not a .npy file");
        assertThatThrownBy(() -> Npy.parse("empty.npy", new byte[0]))
                .isInstanceOf(FileFormatException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> Npy.parse("short.npy", new byte[] {(byte) 0x93, 'N', 'U'}))
                .isInstanceOf(FileFormatException.class).hasMessageContaining("too short");
    }

    @Test
    void writtenFilesReadBackInEveryWrittenType(@TempDir Path dir) throws Exception {
        double[] v = {1.5, -2, 3e-300, 4, Double.NaN, -0.0};
        Path f8 = dir.resolve("w.npy");
        Npy.write(f8, new int[] {2, 3}, v);
        assertThat(Npy.read(f8).data()).containsExactly(v);
        assertThat(Npy.read(f8).dtype()).isEqualTo(NpyDtype.FLOAT64);
        Path f4 = dir.resolve("w4.npy");
        Npy.write(f4, new int[] {3, 2}, v, new NpyDtype(NpyDtype.Kind.FLOAT32, ByteOrder.BIG_ENDIAN));
        NpyArray a = Npy.read(f4);
        assertThat(a.dtype().descr()).isEqualTo(">f4");
        assertThat(a.data()).containsExactly(1.5, -2, 0, 4, Double.NaN, -0.0);
        Image img = Image.of("i", ImageShape.of(2, 1, 3), new double[] {1, 2, 3, 4, 5, 6});
        Path fi = dir.resolve("img.npy");
        Npy.write(fi, img);
        assertThat(Npy.read(fi).shape()).containsExactly(2, 1, 3);
        assertThat(Npy.read(fi).toImage().toArray()).containsExactly(img.toArray());
        assertThat(Npy.read(fi).toImage().name()).isEqualTo("img.npy");
        assertThat((Files.size(fi) - 48) % 64).as("data aligned to 64 bytes, as NumPy aligns it").isZero();
        assertThatThrownBy(() -> Npy.encode(new int[] {1}, new double[] {1}, new NpyDtype(NpyDtype.Kind.INT32,
                ByteOrder.LITTLE_ENDIAN))).hasMessageContaining("float32 and float64");
        assertThatThrownBy(() -> Npy.encode(new int[] {2}, new double[] {1}, NpyDtype.FLOAT64))
                .hasMessageContaining("needs 2 values, got 1");
    }

    private static byte[] doubles(double... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double d : v) {
            b.putDouble(d);
        }
        return b.array();
    }
}
