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
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A study on a real Spark standalone cluster (a master and a worker JVM on 127.0.0.1 whose class path
 * holds only Spark's jars) gives the local executor's rows and summary, apart from wall times and the
 * executor's name: through the command line ({@code validate --executor spark --executor-option
 * master=spark://...}, shipping the application jar) and through {@code spark-submit}. The executors get
 * the model as its IR and load no backend.
 */
class StandaloneClusterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RUN = Duration.ofMinutes(10);
    private static final int TRIALS = Integer.getInteger("salientsi.cluster.trials", 40);

    private static StandaloneCluster cluster;
    private static Path root;
    private static Path appJar;
    private static Path cliJar;
    private static Path model;
    private static Path local;

    @BeforeAll
    static void start() throws Exception {
        appJar = StandaloneCluster.requiredFile("salientsi.appJar", "the application jar (mvn -pl spark-app -am "
                + "package)");
        cliJar = StandaloneCluster.requiredFile("salientsi.cliJar", "the command line's jar (mvn -pl cli -am package)");
        model = Path.of(System.getProperty("salientsi.paperModels", "../examples/models/paper"), "model_8.h5");
        Path sparkHome = Path.of(System.getProperty("salientsi.sparkHome"));
        root = StandaloneCluster.emptyFolder(Path.of("target", "cluster-runs"));
        List<String> options = Arrays.asList(System.getProperty("salientsi.sparkJvmOptions").trim().split("\\s+"));
        cluster = StandaloneCluster.start(sparkHome, root.resolve("logs"), options, 1);
        local = root.resolve("local");
        run("local", cli("--executor", "local", "--threads", "2", "--out", local.toString()));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theCommandLineRunsAStudyOnTheClusterWithTheLocalExecutorsRows() throws Exception {
        Path out = root.resolve("cli");
        run("cli", cli("--executor", "spark", "--executor-option", "master=" + cluster.url(),
                "--executor-option", "app-jar=" + appJar, "--executor-option", "spark.executor.memory=512m",
                "--executor-option", "spark.driver.host=127.0.0.1", "--out", out.toString()));
        assertSameStudy(out);
        assertExecutorsLoadedNoBackend();
    }

    @Test
    void sparkSubmitRunsTheApplicationJarWithTheLocalExecutorsRows() throws Exception {
        Path out = root.resolve("submit");
        List<String> command = cluster.java();
        command.addAll(List.of("-cp", cluster.sparkClassPath(), "org.apache.spark.deploy.SparkSubmit",
                "--master", cluster.url(), "--class", "org.salientsi.cli.Main", "--executor-memory", "512m",
                "--conf", "spark.driver.host=127.0.0.1", appJar.toString()));
        command.addAll(study("--executor", "spark", "--out", out.toString()));
        run("submit", command);
        assertSameStudy(out);
    }

    @Test
    @EnabledIfSystemProperty(named = "salientsi.cluster.full", matches = "true")
    void aDriverRunFromTheApplicationJarShipsItself() throws Exception {
        Path out = root.resolve("app");
        List<String> command = cluster.java();
        command.addAll(List.of("-cp", appJar + java.io.File.pathSeparator + cluster.sparkClassPath(),
                "org.salientsi.cli.Main"));
        command.addAll(study("--executor", "spark", "--executor-option", "master=" + cluster.url(),
                "--executor-option", "spark.executor.memory=512m", "--out", out.toString()));
        run("app", command);
        assertSameStudy(out);
    }

    private static List<String> study(String... more) {
        List<String> args = new ArrayList<>(List.of("validate", "--model", model.toString(), "--trials",
                Integer.toString(TRIALS), "--sigma", "1", "--delta", "1", "--seed", "20261207", "--quiet"));
        args.addAll(List.of(more));
        return args;
    }

    private static List<String> cli(String... more) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx1g", "-jar", cliJar.toString()));
        command.addAll(study(more));
        return command;
    }

    private static void run(String name, List<String> command) throws IOException, InterruptedException {
        int exit = cluster.run(name, command, RUN);
        assertThat(exit).as("exit code of %s; log:\n%s", name,
                StandaloneCluster.tail(root.resolve("logs").resolve(name + ".log"))).isZero();
    }

    private static void assertSameStudy(Path out) throws IOException {
        List<JsonNode> rows = rows(out);
        assertThat(rows).hasSize(TRIALS);
        assertThat(rows).isEqualTo(rows(local));
        ObjectNode summary = summary(out);
        assertThat(summary.get("trials").asInt()).isEqualTo(TRIALS);
        assertThat(summary).isEqualTo(summary(local));
        assertThat(JSON.readTree(out.resolve("summary.json").toFile()).get("executor").asText()).isEqualTo("spark");
    }

    /** @return the checkpoint's trial rows without their wall times, by trial index */
    private static List<JsonNode> rows(Path out) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("trials.jsonl"), StandardCharsets.UTF_8)) {
            JsonNode node = JSON.readTree(line);
            if (node.has("trial")) {
                ((ObjectNode) node).remove("seconds");
                rows.add(node);
            }
        }
        rows.sort(Comparator.comparingInt(n -> n.get("trial").asInt()));
        return rows;
    }

    /** @return the summary without wall times, provenance and the executor's name */
    private static ObjectNode summary(Path out) throws IOException {
        ObjectNode n = (ObjectNode) JSON.readTree(out.resolve("summary.json").toFile());
        n.remove(List.of("seconds", "trial_seconds", "trials_per_second", "provenance", "executor"));
        return n;
    }

    /** The executors' logs exist and show no model backend (ND4J logs its native backend when it loads). */
    private static void assertExecutorsLoadedNoBackend() throws IOException {
        List<Path> logs = cluster.executorLogs();
        assertThat(logs).isNotEmpty();
        for (Path log : logs) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(text).as(log.toString()).contains("Executor").doesNotContainIgnoringCase("nd4j")
                    .doesNotContainIgnoringCase("onnxruntime");
        }
    }
}
