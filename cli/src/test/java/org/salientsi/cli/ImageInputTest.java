package org.salientsi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image formats through the command line: a Fortran-order float32 array, a C-order float64 array
 * and an 8-bit PNG that hold the same pixels give the same test.
 */
class ImageInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Writes a float32 Fortran-order .npy by hand (the layout NumPy's np.asfortranarray(a).astype('<f4') saves). */
    private static void writeFortranFloat32(Path file, int height, int width, double[] rowMajor) throws IOException {
        String dict = "{'descr': '<f4', 'fortran_order': True, 'shape': (" + height + ", " + width + "), }";
        int pad = (64 - (10 + dict.length() + 1) % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer buf = ByteBuffer.allocate(10 + header.length() + 4 * rowMajor.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        buf.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (int w = 0; w < width; w++) {
            for (int h = 0; h < height; h++) {
                buf.putFloat((float) rowMajor[h * width + w]);
            }
        }
        Files.write(file, buf.array());
    }

    private static ObjectNode run(Path image, Path ref, String sigma, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("test", "--model", TestData.paperModel(8).toString(), "--image",
                image.toString(), "--reference", ref.toString(), "--sigma", sigma, "--json"));
        args.addAll(List.of(extra));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertThat(r.code()).as("%s", r).isZero();
        ObjectNode n = (ObjectNode) JSON.readTree(r.out());
        n.remove(List.of("seconds", "image"));
        ((ObjectNode) n.get("provenance").get("options")).remove("reference");
        ((ObjectNode) n.get("provenance")).remove("started");
        return n;
    }

    @Test
    void fortranOrderFloat32AndCOrderFloat64GiveTheSameTest() throws IOException {
        double[] x = TestData.image(51, 8, 1, 3.0);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) x[i]; // values that float32 holds exactly
        }
        Path c = TestData.write(dir.resolve("c.npy"), new int[] {8, 8}, x);
        Path f = dir.resolve("f.npy");
        writeFortranFloat32(f, 8, 8, x);
        Path ref = TestData.writeGrey(dir.resolve("r.npy"), 52, 8, 0);
        assertThat(run(f, ref, "1")).isEqualTo(run(c, ref, "1"));
    }

    @Test
    void an8BitGreyPngIsReadAsValuesOver255() throws IOException {
        double[] x = TestData.image(53, 8, 1, 3.0);
        BufferedImage png = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = png.getRaster();
        double[] scaled = new double[64];
        for (int i = 0; i < 64; i++) {
            int level = (int) Math.max(0, Math.min(255, Math.round(128 + 25 * x[i])));
            raster.setSample(i % 8, i / 8, 0, level);
            scaled[i] = level / 255.0;
        }
        Path p = dir.resolve("x.png");
        ImageIO.write(png, "png", p.toFile());
        Path npy = TestData.write(dir.resolve("x.npy"), new int[] {8, 8}, scaled);
        double[] r = TestData.image(54, 8, 1, 0);
        double[] rs = new double[64];
        BufferedImage refPng = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < 64; i++) {
            int level = (int) Math.max(0, Math.min(255, Math.round(128 + 25 * r[i])));
            refPng.getRaster().setSample(i % 8, i / 8, 0, level);
            rs[i] = level / 255.0;
        }
        Path refP = dir.resolve("r.png");
        ImageIO.write(refPng, "png", refP.toFile());
        Path refN = TestData.write(dir.resolve("r.npy"), new int[] {8, 8}, rs);
        // a selector that takes every pixel, whatever the map of these [0, 1] images
        JsonNode fromPng = run(p, refP, "0.1", "--selector", "threshold:-1e9");
        assertThat(fromPng).isEqualTo(run(npy, refN, "0.1", "--selector", "threshold:-1e9"));
        assertThat(fromPng.get("selective_p").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void anRgbPngAndTheSameArrayGiveTheSameMapOfAThreeChannelModel() throws IOException {
        BufferedImage png = new BufferedImage(8, 8, BufferedImage.TYPE_3BYTE_BGR);
        double[] expected = new double[8 * 8 * 3];
        for (int i = 0; i < 64; i++) {
            int rr = (i * 3) % 256;
            int gg = (i * 7 + 11) % 256;
            int bb = 255 - i * 2;
            png.setRGB(i % 8, i / 8, (rr << 16) | (gg << 8) | bb);
            expected[3 * i] = rr / 255.0;
            expected[3 * i + 1] = gg / 255.0;
            expected[3 * i + 2] = bb / 255.0;
        }
        Path p = dir.resolve("rgb.png");
        ImageIO.write(png, "png", p.toFile());
        Path npy = TestData.write(dir.resolve("rgb.npy"), new int[] {8, 8, 3}, expected);
        String model = TestData.model("rgb_multi.onnx").toString();
        String method = org.salientsi.cli.testplugin.NotPiecewiseMethodProvider.NAME;
        CliRun a = CliRun.of("map", "--model", model, "--image", p.toString(), "--method", method, "--json");
        CliRun b = CliRun.of("map", "--model", model, "--image", npy.toString(), "--method", method, "--json");
        assertThat(a.code()).as("%s", a).isZero();
        JsonNode fromPng = JSON.readTree(a.out());
        JsonNode fromNpy = JSON.readTree(b.out());
        assertThat(fromPng.get("map")).isEqualTo(fromNpy.get("map"));
        // the test method's map is the sum of squares over channels: pixel 9 is (27, 74, 237) / 255
        double v = (27.0 * 27 + 74.0 * 74 + 237.0 * 237) / (255.0 * 255);
        assertThat(fromPng.get("map").get(1).get(1).asDouble())
                .isCloseTo(v, org.assertj.core.api.Assertions.within(1e-12));
    }
}
