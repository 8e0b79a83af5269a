package org.salientsi.spark.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One p-value across a real Spark standalone cluster (a master and a worker JVM on 127.0.0.1 whose class
 * path holds only Spark's jars; two executors of one core): {@code salientsi test --executor spark} on a
 * small ResNet-class ONNX model (residual blocks with batch normalisation, max pool, global average
 * pooling, dense; {@code models/make_resnet16.py}) walks each side of T as 4 segments, one Spark task
 * each, and gives the single-machine result: the same truncation set (interval ends within
 * {@code 1e-9 max(|end|, sigma_T)}), selective p-value (within {@code 1e-12} relative), OC interval and
 * p-value, naive p-value, region and confidence interval (within {@code 1e-7}); only the wall time, the
 * pieces and certificates counted and the provenance's run and executor fields differ.
 */
class StandaloneSegmentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RUN = Duration.ofMinutes(5);
    private static final Path MODELS = Path.of("src", "test", "resources", "models").toAbsolutePath();

    @Test
    void onePValueWalkedAsSparkTasksEqualsTheSingleMachinesOne() throws Exception {
        Path appJar = existing("salientsi.appJar");
        Path cliJar = existing("salientsi.cliJar");
        Path root = Files.createDirectories(Path.of("target", "cluster-segments")).toAbsolutePath();
        List<String> options = Arrays.asList(System.getProperty("salientsi.sparkJvmOptions").trim().split("\\s+"));
        try (StandaloneCluster cluster = StandaloneCluster.start(Path.of(System.getProperty("salientsi.sparkHome")),
                root.resolve("logs"), options, 2)) {
            JsonNode local = test(cluster, root, "local");
            JsonNode spark = test(cluster, root, "spark", "--executor", "spark", "--executor-option",
                    "master=" + cluster.url(), "--executor-option", "app-jar=" + appJar, "--executor-option",
                    "segments=4", "--executor-option", "spark.executor.cores=1", "--executor-option",
                    "spark.executor.memory=512m", "--executor-option", "spark.driver.host=127.0.0.1");
            assertThat(spark.get("provenance").get("options").get("executor").asText()).isEqualTo("spark");
            assertThat(spark.get("provenance").get("options").get("search_segments").asText()).isEqualTo("4");
            assertThat(spark.get("intervals").size()).as("truncation set %s and %s", spark.get("intervals"),
                    local.get("intervals")).isEqualTo(local.get("intervals").size());
            double sigma = local.get("sigma_t").asDouble();
            for (int i = 0; i < local.get("intervals").size(); i++) {
                for (int e = 0; e < 2; e++) {
                    double a = spark.get("intervals").get(i).get(e).asDouble();
                    double b = local.get("intervals").get(i).get(e).asDouble();
                    assertThat(Math.abs(a - b)).as("interval %d end %d: %s and %s", i, e, a, b)
                            .isLessThanOrEqualTo(1e-9 * Math.max(sigma, Math.abs(b)));
                }
            }
            double p = local.get("selective_p").asDouble();
            assertThat(Math.abs(spark.get("selective_p").asDouble() - p)).isLessThanOrEqualTo(1e-12 * p);
            for (String field : new String[] {"ci", "p_bounds"}) {
                for (int e = 0; e < 2; e++) {
                    double a = spark.get(field).get(e).asDouble();
                    double b = local.get(field).get(e).asDouble();
                    assertThat(Math.abs(a - b)).as("%s %d", field, e).isLessThanOrEqualTo(1e-7 * Math.max(1,
                            Math.abs(b)));
                }
            }
            assertThat(comparable(spark)).isEqualTo(comparable(local));
        }
    }

    /** Runs {@code salientsi test --json} on the committed model and image pair; returns its JSON. */
    private static JsonNode test(StandaloneCluster cluster, Path root, String name, String... more)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(cluster.java());
        command.addAll(List.of("-Xmx1g", "-jar", System.getProperty("salientsi.cliJar"), "test", "--model",
                MODELS.resolve("resnet-16.onnx").toString(), "--image", MODELS.resolve("resnet-16-x.npy").toString(),
                "--reference", MODELS.resolve("resnet-16-r.npy").toString(), "--sigma", "1", "--json"));
        command.addAll(List.of(more));
        Path log = root.resolve("logs").resolve(name + ".log");
        int exit = cluster.run(name, command, RUN);
        assertThat(exit).as("exit code of %s; log:\n%s", name, StandaloneCluster.tail(log)).isZero();
        // the result is the log's one line that is a JSON object (Spark logs on the same stream)
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.startsWith("{\"image\"")) {
                return JSON.readTree(line);
            }
        }
        throw new AssertionError("no JSON result in the log of " + name + ":\n" + StandaloneCluster.tail(log));
    }

    /** The result without what may differ: the fields compared up to rounding, wall time, counts, run. */
    private static ObjectNode comparable(JsonNode result) {
        ObjectNode n = result.deepCopy();
        n.remove(List.of("seconds", "pieces", "intervals", "selective_p", "ci", "p_bounds"));
        ObjectNode prov = (ObjectNode) n.get("provenance");
        prov.remove(List.of("started", "jvm", "os"));
        ((ObjectNode) prov.get("options")).remove(List.of("executor", "search_segments", "segments_skipped",
                "segments_included"));
        return n;
    }

    private static Path existing(String property) {
        Path p = Path.of(System.getProperty(property, "")).toAbsolutePath();
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("missing " + p + "; run mvn verify (this test needs the packaged jars)");
        }
        return p;
    }
}
