package org.salientsi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code salientsi test --report}: one self-contained page with the image and its outlined region, the
 * heat map, the z-line plot, the p-values and the provenance; the pictures (found by their figure's id) are checked
 * pixel by pixel against the JSON of the same test.
 */
class TestReportTest {

    private static final Pattern PNG = Pattern.compile(
            "<figure[^>]* id=\"(panel-[a-z]+)\"><img src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");
    /** The contour of the selected region on the test page's pictures. */
    private static final int CONTOUR = 0x00d000;

    @TempDir
    static Path dir;

    static JsonNode result;
    static JsonNode map;
    static String html;
    static java.util.Map<String, BufferedImage> pictures = new java.util.HashMap<>();
    static Path model;

    @BeforeAll
    static void run() throws IOException {
        model = TestData.paperModel(8);
        // a block in the lower right: the region is part of the image, so its outline is inside the picture
        double[] x = TestData.image(41, 8, 1, 0);
        for (int h = 4; h < 8; h++) {
            for (int w = 4; w < 8; w++) {
                x[h * 8 + w] += 3;
            }
        }
        Path image = TestData.write(dir.resolve("x.npy"), new int[] {8, 8}, x);
        Path ref = TestData.writeGrey(dir.resolve("r.npy"), 42, 8, 0);
        Path report = dir.resolve("x.html");
        CliRun r = CliRun.of("test", "--model", model.toString(), "--image", image.toString(), "--reference",
                ref.toString(), "--sigma", "1", "--json", "--report", report.toString());
        assertThat(r.code()).as("%s", r).isZero();
        ObjectMapper json = new ObjectMapper();
        result = json.readTree(r.out());
        CliRun m = CliRun.of("map", "--model", model.toString(), "--image", image.toString(), "--json");
        map = json.readTree(m.out());
        html = Files.readString(report);
        Matcher matcher = PNG.matcher(html);
        while (matcher.find()) {
            pictures.put(matcher.group(1), ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(
                    matcher.group(2)))));
        }
    }

    @Test
    void thePageIsSelfContainedWithItsPanels() {
        assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("src=\"http", "href=\"http", "<link");
        assertThat(pictures).containsKeys("panel-x", "panel-r", "panel-diff", "panel-overlay", "panel-map",
                "panel-zline", "panel-zoom").doesNotContainValue(null);
        assertThat(html).contains("id=\"verdict\"", "at alpha = 0.05");
    }

    @Test
    void theRegionIsOutlinedOnTheImage() {
        BufferedImage img = pictures.get("panel-x");
        int scale = img.getWidth() / 8;
        assertThat(img.getHeight()).isEqualTo(8 * scale);
        int[][] region = new int[8][8];
        for (int h = 0; h < 8; h++) {
            for (int w = 0; w < 8; w++) {
                region[h][w] = result.get("region").get(h).get(w).asInt();
            }
        }
        int outlined = 0;
        for (int h = 0; h < 8; h++) {
            for (int w = 0; w < 8; w++) {
                int centre = img.getRGB(w * scale + scale / 2, h * scale + scale / 2) & 0xffffff;
                assertThat(centre).as("pixel centres are grey, not outline").isNotEqualTo(CONTOUR);
                boolean topEdge = region[h][w] == 1 && (h == 0 || region[h - 1][w] == 0);
                int top = img.getRGB(w * scale + scale / 2, h * scale) & 0xffffff;
                if (topEdge) {
                    assertThat(top).as("top edge of region pixel (%d, %d)", h, w).isEqualTo(CONTOUR);
                    outlined++;
                } else if (region[h][w] == 0) {
                    assertThat(top).as("no outline on unselected pixel (%d, %d)", h, w).isNotEqualTo(CONTOUR);
                }
            }
        }
        assertThat(outlined).isPositive();
    }

    @Test
    void theHeatMapIsRedWhereTheMapIsLargestAndFollowsItsSigns() {
        BufferedImage img = pictures.get("panel-map");
        int h = map.get("map").size();
        int w = map.get("map").get(0).size();
        int scale = img.getWidth() / w;
        double maxAbs = 0;
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                maxAbs = Math.max(maxAbs, Math.abs(map.get("map").get(i).get(j).asDouble()));
            }
        }
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                double v = map.get("map").get(i).get(j).asDouble();
                int rgb = img.getRGB(j * scale + scale / 2, i * scale + scale / 2) & 0xffffff;
                int red = (rgb >> 16) & 0xff;
                int blue = rgb & 0xff;
                // the diverging scale (ColorBrewer RdBu) is red above 0 and blue below, near white at 0
                if (v > 0.05 * maxAbs) {
                    assertThat(red).as("(%d, %d) = %s", i, j, v).isGreaterThan(blue);
                } else if (v < -0.05 * maxAbs) {
                    assertThat(blue).as("(%d, %d) = %s", i, j, v).isGreaterThan(red);
                }
                if (Math.abs(v) == maxAbs) {
                    assertThat(rgb).isIn(0xb2182b, 0x2166ac);
                }
            }
        }
    }

    @Test
    void theZLinePlotMarksTBetweenTheEndsOfTheSearchRange() {
        BufferedImage plot = pictures.get("panel-zline");
        assertThat(plot.getWidth()).isEqualTo(640);
        // the T line is the column with the most pixels of its red (0xd62728); the range ends are the two
        // columns with the most black pixels
        int[] red = new int[plot.getWidth()];
        int[] black = new int[plot.getWidth()];
        for (int xx = 0; xx < plot.getWidth(); xx++) {
            for (int yy = 0; yy < plot.getHeight() * 3 / 4; yy++) {
                int rgb = plot.getRGB(xx, yy) & 0xffffff;
                red[xx] += rgb == 0xd62728 ? 1 : 0;
                black[xx] += rgb == 0x000000 ? 1 : 0;
            }
        }
        int tColumn = argmax(red, 0, red.length);
        int left = argmax(black, 0, plot.getWidth() / 2);
        int right = argmax(black, plot.getWidth() / 2, plot.getWidth());
        double lo = result.get("search_range").get(0).asDouble();
        double hi = result.get("search_range").get(1).asDouble();
        double t = result.get("statistic").asDouble();
        double expected = (t - lo) / (hi - lo);
        double drawn = (tColumn - left) / (double) (right - left);
        assertThat(drawn).isCloseTo(expected, org.assertj.core.api.Assertions.within(0.01));
    }

    private static int argmax(int[] v, int from, int to) {
        int best = from;
        for (int i = from; i < to; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void thePValuesBoundsAndProvenanceAreOnThePage() throws IOException, NoSuchAlgorithmException {
        for (String key : new String[] {"selective_p", "oc_p", "naive_p", "statistic", "sigma_t"}) {
            assertThat(html).as(key).contains(String.format(Locale.ROOT, "%.4g", result.get(key).asDouble()));
        }
        double lo = result.get("p_bounds").get(0).asDouble();
        double hi = result.get("p_bounds").get(1).asDouble();
        assertThat(html).contains(String.format(Locale.ROOT, "[%.4g, %.4g]", lo, hi));
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(model)));
        assertThat(html).contains(sha, "threshold:0", "ref-mean", "two-sided", "Provenance", "95% selective CI");
        JsonNode run = result.get("provenance");
        assertThat(html).as("when and where the test ran").contains("started (UTC)", run.get("started").asText(),
                run.get("jvm").asText(), run.get("os").asText());
    }
}
