package org.salientsi.sanity.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.salientsi.api.ir.Network;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.testing.TestNetworks;
import org.salientsi.methods.cam.CamMethod;
import org.salientsi.sanity.SanityImage;
import org.salientsi.sanity.StudyProgress;
import org.salientsi.sanity.map.ControlMethods;
import org.salientsi.sanity.perturb.Metric;
import org.salientsi.sanity.perturb.PerturbationConfig;
import org.salientsi.sanity.perturb.PerturbationMetrics;
import org.salientsi.sanity.perturb.PerturbationUnit;
import org.salientsi.sanity.perturb.Replacement;
import org.salientsi.sanity.reliability.ReliabilityOptions;
import org.salientsi.sanity.report.MetricsReport;

/** The reliability study end to end on a seeded CAM network, and its report. */
class MetricsStudyTest {

    private static final long IMAGE_SEED = 20240611L;

    private final Network net = TestNetworks.paperCam(8, 3L, false);
    private final CompiledNetwork program = CompiledNetwork.compile(net);

    private List<SaliencyMethod> methods() {
        return List.of(new CamMethod.Provider().create(net, Parameters.empty()),
                ControlMethods.get(ControlMethods.RANDOM, net, 5L), ControlMethods.get(ControlMethods.SOBEL, net, 5L));
    }

    private static List<SanityImage> images(int n) {
        SplittableRandom rng = new SplittableRandom(IMAGE_SEED);
        List<SanityImage> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] x = new double[64];
            for (int j = 0; j < x.length; j++) {
                x[j] = rng.nextDouble();
            }
            out.add(SanityImage.of("img" + i, x));
        }
        return out;
    }

    private MetricsStudy study(int threads) {
        return MetricsStudy.of(program, methods(), Set.copyOf(ControlMethods.NAMES))
                .withVariants(List.of(PerturbationConfig.defaults().withSteps(20),
                        PerturbationConfig.defaults().withReplacement(Replacement.parse("uniform:0:1"))
                                .withUnit(PerturbationUnit.parse("patch:2:sum")).withSteps(0)))
                .withReliability(new ReliabilityOptions(100, 0.95, 1L, Set.copyOf(ControlMethods.NAMES)))
                .withThreads(threads).withCurves(true);
    }

    @Test
    void scoresMatchTheEngineAndDoNotDependOnThreads() {
        List<SanityImage> images = images(6);
        MetricsResult one = study(1).run(images, null, Provenance.empty(), StudyProgress.NONE);
        MetricsResult two = study(2).run(images, null, Provenance.empty(), StudyProgress.NONE);
        assertThat(one.variants()).hasSize(2);
        for (int v = 0; v < 2; v++) {
            for (String metric : one.variants().get(v).matrices().keySet()) {
                assertThat(two.variants().get(v).matrices().get(metric).scores())
                        .isDeepEqualTo(one.variants().get(v).matrices().get(metric).scores());
            }
        }
        // entry (image 2, cam) of the first variant, recomputed directly
        PerturbationMetrics engine = new PerturbationMetrics(program, one.variants().get(0).config());
        double[] mean = SanityImage.channelMean(images, 1);
        var c = engine.prepare(2, images.get(2).chw(), null, mean);
        var map = methods().get(0).map(program.pointEvaluator().evaluate(images.get(2).chw()));
        double direct = engine.score(c, map, EnumSet.of(Metric.AOPC_LERF)).get(Metric.AOPC_LERF);
        assertThat(one.variants().get(0).matrices().get("aopc-lerf").get(2, 0)).isEqualTo(direct);
        assertThat(one.variants().get(0).steps()).isEqualTo(20);
        assertThat(one.variants().get(1).steps()).isEqualTo(16);
        assertThat(one.forwardPasses()).isPositive();
    }

    @Test
    void reportWritesJsonCsvHtmlAndPlots(@TempDir Path dir) throws Exception {
        MetricsResult r = study(2).run(images(5), null, Provenance.empty().withModel("abc", "ir"), StudyProgress.NONE);
        MetricsReport.write(r, dir, "test");
        JsonNode json = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertThat(json.get("images").asInt()).isEqualTo(5);
        JsonNode morf = json.get("variants").get(0).get("metrics").get("aopc-morf");
        assertThat(morf.get("alpha_ordinal").has("ci")).isTrue();
        assertThat(morf.get("inter_method").get("spearman")).hasSize(3);
        assertThat(json.get("variants").get(1).get("config").get("replacement").asText()).isEqualTo("uniform:0:1");
        assertThat(json.get("provenance").get("model_sha256").asText()).isEqualTo("abc");
        List<String> csv = Files.readAllLines(dir.resolve("scores-v0-aopc-morf.csv"));
        assertThat(csv).hasSize(6);
        assertThat(csv.get(0)).isEqualTo("image,cam,control-random,control-sobel");
        assertThat(dir.resolve("index.html")).content().contains("alpha ordinal").contains("curves-v0.png");
        assertThat(Files.size(dir.resolve("alpha.png"))).isPositive();
        assertThat(Files.size(dir.resolve("curves-v1.png"))).isPositive();
        assertThat(dir.resolve("curves-v0.csv")).exists();
    }
}
