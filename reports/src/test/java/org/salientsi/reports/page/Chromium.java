package org.salientsi.reports.page;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Screenshots of pages in Debian's headless Chromium ({@code /usr/bin/chromium}), each run with a new empty profile
 * and no network features, as a person would see the page in a window of the given size; and what to look for in
 * them.
 */
final class Chromium {

    static final Path BINARY = Path.of("/usr/bin/chromium");

    private Chromium() {
    }

    /**
     * @param page an HTML file
     * @param png where the screenshot goes
     * @param width the window's width, CSS pixels (device scale 1)
     * @param height the window's height
     * @return the screenshot
     */
    static BufferedImage screenshot(Path page, Path png, int width, int height) throws IOException,
            InterruptedException {
        Path profile = Files.createTempDirectory("salientsi-chromium-");
        try {
            Files.deleteIfExists(png);
            Process p = new ProcessBuilder(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                    "--force-device-scale-factor=1", "--user-data-dir=" + profile,
                    "--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                    page.toAbsolutePath().toUri().toString()))
                    .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("chromium did not finish within 120 s");
            }
            if (!Files.exists(png)) {
                throw new IOException("chromium wrote no screenshot (exit " + p.exitValue() + "): "
                        + Files.readString(profile.resolve("chromium.log")));
            }
            return ImageIO.read(png.toFile());
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /**
     * @param img a screenshot
     * @param rgb a colour
     * @param tolerance the largest difference per channel that still counts as that colour
     * @return the longest horizontal run of pixels of that colour in any row
     */
    static int longestRun(BufferedImage img, int rgb, int tolerance) {
        int best = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            int run = 0;
            for (int x = 0; x < img.getWidth(); x++) {
                run = near(img.getRGB(x, y), rgb, tolerance) ? run + 1 : 0;
                best = Math.max(best, run);
            }
        }
        return best;
    }

    /** @return how many pixels of the screenshot have that colour */
    static long count(BufferedImage img, int rgb, int tolerance) {
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if (near(img.getRGB(x, y), rgb, tolerance)) {
                    n++;
                }
            }
        }
        return n;
    }

    static boolean near(int a, int b, int tolerance) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff)) > tolerance) {
                return false;
            }
        }
        return true;
    }
}
