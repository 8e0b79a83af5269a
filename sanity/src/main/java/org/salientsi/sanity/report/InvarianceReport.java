package org.salientsi.sanity.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.salientsi.api.result.Provenance;
import org.salientsi.reports.html.Numbers;
import org.salientsi.reports.html.PageBuilder;
import org.salientsi.reports.picture.Pictures;
import org.salientsi.sanity.invariance.InvarianceCheck;

/**
 * Writes input-invariance results: {@code summary.json} in the DESIGN.md section 4 contract
 * ({@code equivalence}, and per method {@code verdict}, {@code pass_rate}, {@code median_d_rel},
 * {@code max_d_rel}), {@code invariance.csv} (one row per image and method) and {@code index.html} with
 * {@code A1}, {@code A2} and {@code A2 - A1} side by side for each method's worst images.
 */
public final class InvarianceReport {

    /** Worst images drawn per method. */
    public static final int PICTURES = 4;
    /** Screen pixels per map pixel. */
    private static final int SCALE = 4;

    private InvarianceReport() {
    }

    /**
     * @param results one per method (same shift and compensation)
     * @param shift the shift specification
     * @param compensation the compensation mode
     * @param provenance model and options
     * @return the JSON summary
     */
    public static Map<String, Object> summary(List<InvarianceCheck.Result> results, String shift, String compensation,
                                              Provenance provenance) {
        Map<String, Object> root = new LinkedHashMap<>();
        double eq = results.stream().mapToDouble(InvarianceCheck.Result::equivalence).max().orElse(Double.NaN);
        root.put("equivalence", Json.num(eq));
        root.put("shift", shift);
        root.put("compensation", compensation);
        Map<String, Object> methods = new LinkedHashMap<>();
        for (InvarianceCheck.Result r : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("verdict", r.verdict().label());
            m.put("pass_rate", Json.num(r.passRate()));
            m.put("median_d_rel", Json.num(r.medianRel()));
            m.put("max_d_rel", Json.num(r.maxRel()));
            InvarianceCheck.ImageResult w = r.worst();
            if (w != null) {
                m.put("worst_image", w.id());
                m.put("worst_d_max", Json.num(w.discrepancy().relMax()));
                m.put("worst_spearman", Json.num(w.discrepancy().spearman()));
                m.put("worst_top5_iou", Json.num(w.discrepancy().topIou5()));
            }
            methods.put(r.method(), m);
        }
        root.put("methods", methods);
        root.put("provenance", provenance);
        return root;
    }

    /**
     * @param results one per method
     * @param height map rows
     * @param width map columns
     * @param dir output directory (created)
     * @param summary the JSON summary ({@link #summary})
     * @throws IOException on write failure
     */
    public static void write(List<InvarianceCheck.Result> results, int height, int width, Path dir,
                             Map<String, Object> summary) throws IOException {
        Files.createDirectories(dir);
        Json.write(dir.resolve("summary.json"), summary);
        StringBuilder csv = new StringBuilder(Csv.line(List.of("method", "image", "pass", "d_rel", "d_max",
                "spearman", "top1_iou", "top5_iou", "noise_floor", "jittered_d_rel")));
        PageBuilder page = new PageBuilder("Input invariance (Kindermans et al.)");
        page.p("Shift " + summary.get("shift") + ", compensation " + summary.get("compensation")
                + "; equivalence gate max ||f1(x) - f2(x + m)|| / (1 + ||f1(x)||) = " + summary.get("equivalence")
                + ". An image passes when d_rel <= max(tau_rel, kappa x noise floor), at the image or at the image "
                + "moved by a jitter of 1e-12 (which breaks exact ties, such as a max-pool window over a uniform "
                + "background).");
        List<List<String>> rows = new ArrayList<>();
        for (InvarianceCheck.Result r : results) {
            rows.add(List.of(r.method(), r.verdict().label(), Numbers.f3(r.passRate()),
                    Numbers.g3(r.medianRel()), Numbers.g3(r.maxRel())));
            for (InvarianceCheck.ImageResult i : r.images()) {
                var d = i.discrepancy();
                csv.append(Csv.line(List.of(r.method(), i.id(), String.valueOf(i.pass()), Double.toString(d.relL2()),
                        Double.toString(d.relMax()), Double.toString(d.spearman()), Double.toString(d.topIou1()),
                        Double.toString(d.topIou5()), Double.toString(i.noiseFloor()),
                        Double.toString(i.jitteredRel()))));
            }
        }
        page.table(List.of("method", "verdict", "pass rate", "median d_rel", "max d_rel"), rows);
        Files.writeString(dir.resolve("invariance.csv"), csv.toString());
        Path pics = Files.createDirectories(dir.resolve("maps"));
        for (int m = 0; m < results.size(); m++) {
            InvarianceCheck.Result r = results.get(m);
            if (r.images().isEmpty()) {
                continue;
            }
            List<InvarianceCheck.ImageResult> worst = new ArrayList<>(r.images());
            worst.sort((a, b) -> Double.compare(b.discrepancy().relL2(), a.discrepancy().relL2()));
            List<List<String>> pr = new ArrayList<>();
            for (int k = 0; k < Math.min(PICTURES, worst.size()); k++) {
                InvarianceCheck.ImageResult i = worst.get(k);
                double[] diff = new double[i.a1().length];
                for (int p = 0; p < diff.length; p++) {
                    diff[p] = i.a2()[p] - i.a1()[p];
                }
                String base = m + "-" + k;
                Pictures.write(pics.resolve(base + "-a1.png"), Pictures.heat(i.a1(), height, width, SCALE));
                Pictures.write(pics.resolve(base + "-a2.png"), Pictures.heat(i.a2(), height, width, SCALE));
                Pictures.write(pics.resolve(base + "-diff.png"), Pictures.heat(diff, height, width, SCALE));
                pr.add(List.of(i.id(), "img:maps/" + base + "-a1.png", "img:maps/" + base + "-a2.png",
                        "img:maps/" + base + "-diff.png", Numbers.g3(i.discrepancy().relL2()),
                        i.pass() ? "pass" : "fail"));
            }
            page.h2(r.method() + ": worst images");
            page.table(List.of("image", "A1 = E(f1, x)", "A2 = E(f2, x + m)", "A2 - A1", "d_rel", ""), pr);
        }
        page.p("Provenance: " + summary.get("provenance"));
        page.write(dir.resolve("index.html"));
    }
}
