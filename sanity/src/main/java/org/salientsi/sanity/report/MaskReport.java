package org.salientsi.sanity.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.salientsi.api.image.Region;
import org.salientsi.api.result.Provenance;
import org.salientsi.reports.html.Numbers;
import org.salientsi.reports.html.PageBuilder;
import org.salientsi.reports.picture.Pictures;
import org.salientsi.sanity.SanityImage;
import org.salientsi.sanity.mask.MaskScores;
import org.salientsi.sanity.mask.MaskStudy;

/**
 * Writes a {@link MaskStudy.Result}: {@code summary.json} (mean scores per method), {@code masks.csv}
 * (one row per image and method), and {@code index.html} with a table and, for the first images, the
 * input with its mask outlined beside each method's processed map.
 */
public final class MaskReport {

    /** Images drawn side by side in the page. */
    public static final int PICTURES = 12;
    /** Screen pixels per map pixel. */
    private static final int SCALE = 4;

    private MaskReport() {
    }

    /**
     * @param result the scores
     * @param processing the map processing ({@link org.salientsi.sanity.mask.MaskAgreement#spec()})
     * @param seconds wall time
     * @param provenance model and options
     * @return the JSON summary
     */
    public static Map<String, Object> summary(MaskStudy.Result result, String processing, double seconds,
                                              Provenance provenance) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("images", result.images().size());
        root.put("skipped", result.skipped());
        root.put("processing", processing);
        Map<String, Object> methods = new LinkedHashMap<>();
        for (int m = 0; m < result.methods().size(); m++) {
            double[] mean = result.mean(m);
            Map<String, Object> mm = new LinkedHashMap<>();
            for (int k = 0; k < MaskScores.NAMES.length; k++) {
                mm.put(MaskScores.NAMES[k], Json.num(mean[k]));
            }
            methods.put(result.methods().get(m), mm);
        }
        root.put("methods", methods);
        root.put("seconds", seconds);
        root.put("provenance", provenance);
        return root;
    }

    /**
     * @param result the scores (with processed maps for pictures)
     * @param images the images, to draw the inputs (matched by id)
     * @param height rows
     * @param width columns
     * @param dir output directory (created)
     * @param summary the JSON summary ({@link #summary})
     * @throws IOException on write failure
     */
    public static void write(MaskStudy.Result result, List<SanityImage> images, int height, int width, Path dir,
                             Map<String, Object> summary) throws IOException {
        Files.createDirectories(dir);
        Json.write(dir.resolve("summary.json"), summary);
        List<String> header = new ArrayList<>(List.of("image", "method"));
        header.addAll(List.of(MaskScores.NAMES));
        StringBuilder csv = new StringBuilder(Csv.line(header));
        for (int n = 0; n < result.images().size(); n++) {
            for (int m = 0; m < result.methods().size(); m++) {
                List<String> cells = new ArrayList<>(List.of(result.images().get(n), result.methods().get(m)));
                for (double v : result.scores()[n][m].values()) {
                    cells.add(Double.toString(v));
                }
                csv.append(Csv.line(cells));
            }
        }
        Files.writeString(dir.resolve("masks.csv"), csv.toString());
        PageBuilder page = new PageBuilder("Saliency-mask agreement");
        page.p(result.images().size() + " images with a mask (" + result.skipped() + " skipped); maps: "
                + summary.get("processing") + "; IoU, IoP and IoT at the mask-size percentile (Viviano et al.).");
        List<List<String>> table = new ArrayList<>();
        for (int m = 0; m < result.methods().size(); m++) {
            double[] mean = result.mean(m);
            List<String> row = new ArrayList<>(List.of(result.methods().get(m)));
            for (double v : mean) {
                row.add(Numbers.f3(v));
            }
            table.add(row);
        }
        List<String> th = new ArrayList<>(List.of("method"));
        th.addAll(List.of(MaskScores.NAMES));
        page.table(th, table);
        if (result.maps().length > 0) {
            Map<String, SanityImage> byId = new LinkedHashMap<>();
            images.forEach(i -> byId.put(i.id(), i));
            Path pics = Files.createDirectories(dir.resolve("maps"));
            List<List<String>> pr = new ArrayList<>();
            for (int n = 0; n < Math.min(PICTURES, result.images().size()); n++) {
                SanityImage im = byId.get(result.images().get(n));
                String base = "maps/" + n;
                double[] grey = java.util.Arrays.copyOf(im.chw(), height * width);
                Region mask = im.mask() == null ? null : Region.of(height, width, im.mask());
                Pictures.write(pics.resolve(n + "-input.png"), Pictures.grey(grey, height, width, mask,
                        Pictures.MASK_OUTLINE, SCALE));
                List<String> row = new ArrayList<>(List.of(im.id(), "img:" + base + "-input.png"));
                for (int m = 0; m < result.methods().size(); m++) {
                    String f = n + "-m" + m + ".png";
                    Pictures.write(pics.resolve(f), Pictures.heat(result.maps()[n][m], height, width, mask,
                            Pictures.MASK_OUTLINE, SCALE));
                    row.add("img:maps/" + f);
                    row.add(Numbers.f3(result.scores()[n][m].iou()));
                }
                pr.add(row);
            }
            List<String> ph = new ArrayList<>(List.of("image", "input (mask outlined)"));
            for (String m : result.methods()) {
                ph.add(m);
                ph.add("IoU");
            }
            page.h2("Maps side by side (first channel of the input; processed maps, blue-white-red)");
            page.table(ph, pr);
        }
        page.p("Provenance: " + summary.get("provenance"));
        page.write(dir.resolve("index.html"));
    }
}
