package org.salientsi.examples.sanity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.ir.Network;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.eval.PointEvaluator;
import org.salientsi.reports.html.Numbers;
import org.salientsi.reports.html.PageBuilder;
import org.salientsi.sanity.SanityImage;
import org.salientsi.sanity.StudyProgress;
import org.salientsi.sanity.generalisation.LocalisationVsGeneralisation;
import org.salientsi.sanity.generalisation.ModelOutcome;
import org.salientsi.sanity.mask.MaskAgreement;
import org.salientsi.sanity.mask.MaskStudy;
import org.salientsi.sanity.mask.Masks;
import org.salientsi.sanity.report.Csv;
import org.salientsi.sanity.report.Json;
import org.salientsi.sanity.shift.CrossDistractor;
import org.salientsi.sanity.shift.RocAuc;

/**
 * Viviano et al.'s synthetic shift benchmark (SANITY.md sections 3.2, 3.3, 3.6) with {@link SmallCnn}:
 * the baseline (plain images), masked (zero outside the dilated cross mask, training only) and shuffled
 * (pixels outside the mask permuted, re-drawn every epoch) variants, each with several seeds; the epoch
 * with the best validation AUC is kept (validation images are shifted, as in the paper); then, in the IR,
 * the shifted-test AUC and the IoU of every saliency method on the positive test images, and whether IoU
 * predicts generalisation across the models. Writes {@code summary.json}, {@code models.csv} and
 * {@code index.html}. Arguments: {@code --seeds N} (5), {@code --epochs E} (20), {@code --train N} (500),
 * {@code --valid N} (128), {@code --test N} (128), {@code --lr R} (0.002), {@code --batch B} (16),
 * {@code --out DIR} ({@code target/sanity-shift}).
 */
public final class ShiftBenchmark {

    /** The training variants. */
    static final List<String> VARIANTS = List.of("baseline", "masked", "shuffled");
    /** Mask dilation (the blur of the synthetic masks, SANITY.md section 3.2). */
    static final double MASK_BLUR = 1.0;

    private ShiftBenchmark() {
    }

    /**
     * @param args see the class documentation
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Args a = Args.parse(args);
        int seeds = a.getInt("seeds", 5);
        int epochs = a.getInt("epochs", 20);
        double lr = Double.parseDouble(a.get("lr", "0.002"));
        int batch = a.getInt("batch", 16);
        Path out = Files.createDirectories(Path.of(a.get("out", "target/sanity-shift")));
        long start = System.nanoTime();
        List<CrossDistractor.Sample> train = CrossDistractor.generate(a.getInt("train", 500), 1L, false);
        List<CrossDistractor.Sample> valid = CrossDistractor.generate(a.getInt("valid", 128), 2L, true);
        List<CrossDistractor.Sample> test = CrossDistractor.generate(a.getInt("test", 128), 3L, true);
        List<ModelOutcome> outcomes = new ArrayList<>();
        List<String> methodNames = null;
        List<List<String>> rows = new ArrayList<>();
        for (String variant : VARIANTS) {
            for (int s = 1; s <= seeds; s++) {
                Trained t = train(variant, s, train, valid, epochs, lr, batch);
                Path zip = out.resolve("models").resolve(variant + "-" + s + ".zip");
                SmallCnn.save(t.net, zip);
                try (LoadedModel m = ModelIo.open(zip, CrossDistractor.SIZE)) {
                    Network net = m.network();
                    List<SaliencyMethod> methods = FashionMnistReliability.methods(net, s);
                    methodNames = methods.stream().map(SaliencyMethod::name).toList();
                    double auc = irAuc(net, test);
                    MaskStudy.Result r = new MaskStudy(CompiledNetwork.compile(net), methods, MaskAgreement.viviano())
                            .run(positives(test), false, StudyProgress.NONE);
                    Map<String, double[]> iou = new LinkedHashMap<>();
                    List<String> row = new ArrayList<>(List.of(variant, String.valueOf(s), String.valueOf(t.bestEpoch),
                            Numbers.f3(t.validAuc), Numbers.f3(auc)));
                    for (int k = 0; k < methodNames.size(); k++) {
                        iou.put(methodNames.get(k), r.perImage(k, 0));
                        row.add(Numbers.f3(r.mean(k)[0]));
                    }
                    outcomes.add(new ModelOutcome(variant + "-" + s, variant, auc, iou));
                    rows.add(row);
                    System.out.printf(Locale.ROOT, "%-9s seed %d: best epoch %d, valid AUC %.3f, test AUC %.3f, IoU %s "
                            + "(%.0f s)%n", variant, s, t.bestEpoch, t.validAuc, auc, row.subList(5, row.size()),
                            (System.nanoTime() - start) / 1e9);
                }
            }
        }
        LocalisationVsGeneralisation.Result lg = LocalisationVsGeneralisation.defaults().analyse(outcomes, methodNames);
        report(out, rows, methodNames, outcomes, lg, (System.nanoTime() - start) / 1e9, seeds, epochs);
    }

    /** A trained network with the epoch kept. */
    record Trained(MultiLayerNetwork net, int bestEpoch, double validAuc) {
    }

    static Trained train(String variant, int seed, List<CrossDistractor.Sample> train,
                         List<CrossDistractor.Sample> valid, int epochs, double lr, int batch) {
        MultiLayerNetwork net = SmallCnn.build(CrossDistractor.SIZE, 2, lr, seed);
        SplittableRandom rng = new SplittableRandom(seed * 1_000_003L);
        int[] y = train.stream().mapToInt(CrossDistractor.Sample::label).toArray();
        float[][] vx = floats(valid.stream().map(CrossDistractor.Sample::image).toList());
        int[] vy = valid.stream().mapToInt(CrossDistractor.Sample::label).toArray();
        INDArray best = null;
        int bestEpoch = 0;
        double bestAuc = -1;
        for (int e = 1; e <= epochs; e++) {
            List<double[]> xs = new ArrayList<>();
            for (CrossDistractor.Sample s : train) {
                boolean[] m = Masks.dilate(s.mask(), CrossDistractor.SIZE, CrossDistractor.SIZE, MASK_BLUR);
                xs.add(switch (variant) {
                    case "masked" -> Masks.zeroOutside(s.image(), m);
                    case "shuffled" -> Masks.shuffleOutside(s.image(), m, rng);
                    default -> s.image();
                });
            }
            SmallCnn.epoch(net, floats(xs), y, 2, batch, rng);
            double auc = RocAuc.of(positiveProbability(SmallCnn.predict(net, vx)), vy);
            if (auc > bestAuc) {
                bestAuc = auc;
                bestEpoch = e;
                best = net.params().dup();
            }
        }
        net.setParams(best);
        return new Trained(net, bestEpoch, bestAuc);
    }

    static double irAuc(Network net, List<CrossDistractor.Sample> test) {
        PointEvaluator eval = CompiledNetwork.compile(net).pointEvaluator();
        double[] p = new double[test.size()];
        int[] y = new int[test.size()];
        for (int i = 0; i < p.length; i++) {
            eval.evaluate(test.get(i).image());
            p[i] = eval.output()[1];
            y[i] = test.get(i).label();
        }
        return RocAuc.of(p, y);
    }

    static List<SanityImage> positives(List<CrossDistractor.Sample> test) {
        List<SanityImage> out = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            CrossDistractor.Sample s = test.get(i);
            if (s.label() == 1) {
                out.add(new SanityImage("test-" + i, s.image(), 1, s.mask()));
            }
        }
        return out;
    }

    private static double[] positiveProbability(double[][] p) {
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i][1];
        }
        return out;
    }

    private static float[][] floats(List<double[]> xs) {
        float[][] f = new float[xs.size()][];
        for (int i = 0; i < f.length; i++) {
            double[] d = xs.get(i);
            f[i] = new float[d.length];
            for (int k = 0; k < d.length; k++) {
                f[i][k] = (float) d[k];
            }
        }
        return f;
    }

    private static void report(Path out, List<List<String>> rows, List<String> methods, List<ModelOutcome> outcomes,
                               LocalisationVsGeneralisation.Result lg, double seconds, int seeds, int epochs)
            throws java.io.IOException {
        List<String> header = new ArrayList<>(List.of("variant", "seed", "best_epoch", "valid_auc", "test_auc"));
        methods.forEach(m -> header.add("iou_" + m));
        StringBuilder csv = new StringBuilder(Csv.line(header));
        rows.forEach(r -> csv.append(Csv.line(r)));
        Files.writeString(out.resolve("models.csv"), csv.toString());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("seeds", seeds);
        root.put("epochs", epochs);
        root.put("seconds", seconds);
        List<List<String>> agg = new ArrayList<>();
        Map<String, Object> variants = new LinkedHashMap<>();
        for (String v : VARIANTS) {
            List<ModelOutcome> vs = outcomes.stream().filter(o -> o.variant().equals(v)).toList();
            Map<String, Object> vm = new LinkedHashMap<>();
            double[] auc = vs.stream().mapToDouble(ModelOutcome::auc).toArray();
            vm.put("auc_mean", mean(auc));
            vm.put("auc_std", std(auc));
            List<String> row = new ArrayList<>(List.of(v, pm(auc)));
            Map<String, Object> iou = new LinkedHashMap<>();
            for (String m : methods) {
                double[] i = vs.stream().mapToDouble(o -> o.meanIou(m)).toArray();
                iou.put(m, List.of(mean(i), std(i)));
                row.add(pm(i));
            }
            vm.put("iou_mean_std", iou);
            variants.put(v, vm);
            agg.add(row);
        }
        root.put("variants", variants);
        List<Object> corr = new ArrayList<>();
        List<List<String>> cr = new ArrayList<>();
        for (LocalisationVsGeneralisation.MethodResult r : lg.methods()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", r.method());
            m.put("spearman", Json.num(r.spearman()));
            m.put("spearman_ci", Json.nums(r.spearmanCi()));
            m.put("kendall", Json.num(r.kendall()));
            m.put("kendall_ci", Json.nums(r.kendallCi()));
            m.put("permutation_p", Json.num(r.permutationP()));
            m.put("verdict", r.verdict());
            corr.add(m);
            cr.add(List.of(r.method(), Numbers.ci(r.spearman(), r.spearmanCi()[0], r.spearmanCi()[1]),
                    Numbers.ci(r.kendall(), r.kendallCi()[0], r.kendallCi()[1]), Numbers.f3(r.permutationP()),
                    r.verdict()));
        }
        root.put("iou_vs_auc", corr);
        root.put("method_agreement", Map.of("methods", lg.methodNames(), "spearman", Json.matrix(lg.agreement())));
        Json.write(out.resolve("summary.json"), root);
        PageBuilder page = new PageBuilder("Synthetic shift benchmark: localisation against generalisation");
        page.p(String.format(Locale.ROOT, "%d variants x %d seeds, %d epochs (best by shifted validation AUC), "
                + "%.0f s. IoU at the mask-size percentile after |.| and blur (sigma 1), on the positive test "
                + "images.", VARIANTS.size(), seeds, epochs, seconds));
        List<String> ah = new ArrayList<>(List.of("variant", "test AUC"));
        methods.forEach(m -> ah.add("IoU " + m));
        page.h2("Mean +- std over seeds").table(ah, agg);
        page.h2("Does IoU predict generalisation? (across the models)")
                .table(List.of("method", "Spearman [95% CI]", "Kendall [95% CI]", "permutation p", "verdict"), cr);
        List<String> mh = new ArrayList<>(List.of("method"));
        mh.addAll(methods);
        List<List<String>> mr = new ArrayList<>();
        for (int i = 0; i < methods.size(); i++) {
            List<String> r = new ArrayList<>(List.of(methods.get(i)));
            for (double d : lg.agreement()[i]) {
                r.add(Numbers.f3(d));
            }
            mr.add(r);
        }
        page.h2("Agreement between saliency methods (Spearman of per-image IoU)").table(mh, mr);
        page.h2("Models").table(header, rows);
        page.write(out.resolve("index.html"));
        System.out.println("| variant | test AUC | "
                + String.join(" | ", methods.stream().map(m -> "IoU " + m).toList()) + " |");
        agg.forEach(r -> System.out.println("| " + String.join(" | ", r) + " |"));
        lg.methods().forEach(r -> System.out.println(r.method() + ": " + r.verdict()));
        System.out.printf(Locale.ROOT, "report: %s (%.0f s)%n", out.resolve("index.html"), seconds);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }

    private static double std(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double d : v) {
            s += (d - m) * (d - m);
        }
        return v.length < 2 ? 0 : Math.sqrt(s / (v.length - 1));
    }

    private static String pm(double[] v) {
        return String.format(Locale.ROOT, "%.2f +- %.2f", mean(v), std(v));
    }
}
