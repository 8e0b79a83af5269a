package org.salientsi.spark.cluster;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.salientsi.io.Npy;

/**
 * A batch on a real Spark standalone cluster (a master and a worker JVM on 127.0.0.1 whose class path holds only
 * Spark's jars) prints the local batch's lines, apart from wall times: in file-name order, with the same
 * Benjamini-Hochberg p-values, the same errors for an image larger than the model's input (refused by the driver
 * as it reads it) and for a reference that does not fit its image (refused on an executor), and the same exit code;
 * through the command line ({@code batch --executor spark --executor-option master=spark://...}). With
 * {@code -Pcluster} also through {@code spark-submit}, and a batch of {@value #BIG} images of 16 px timed on the
 * local batch, on {@code local[2]} and on the cluster with 1 and 2 executors (target/big-batch/big-batch.txt).
 */
class StandaloneBatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RUN = Duration.ofMinutes(20);
    private static final int BIG = 10_000;
    private static final boolean FULL = Boolean.getBoolean("salientsi.cluster.full");

    private static StandaloneCluster cluster;
    private static Path root;
    private static Path appJar;
    private static Path cliJar;
    private static Path models;
    private static Path images;
    private static Path references;
    private static Run local;

    /**
     * A finished command.
     *
     * @param lines its standard output, one JSON object per line
     * @param exit its exit code
     * @param seconds its wall time (JVM and Spark start-up included)
     * @param load the load averages before and after it ({@code /proc/loadavg}'s first three fields)
     */
    record Run(List<ObjectNode> lines, int exit, double seconds, String load) {
    }

    @BeforeAll
    static void start() throws Exception {
        appJar = StandaloneCluster.requiredFile("salientsi.appJar", "the application jar (mvn -pl spark-app -am "
                + "package)");
        cliJar = StandaloneCluster.requiredFile("salientsi.cliJar", "the command line's jar (mvn -pl cli -am package)");
        models = Path.of(System.getProperty("salientsi.paperModels", "../examples/models/paper"));
        root = StandaloneCluster.emptyFolder(Path.of("target", "batch-runs"));
        images = root.resolve("images");
        references = root.resolve("references");
        BatchImages.write(images, references, 20, 8, 20261207L);
        // two images that fail: one larger than the model's input, one whose reference does not fit it
        SplittableRandom rng = new SplittableRandom(7);
        Npy.write(images.resolve("zz-big.npy"), new int[] {16, 16}, BatchImages.noise(rng, 256));
        Npy.write(references.resolve("zz-big.npy"), new int[] {16, 16}, BatchImages.noise(rng, 256));
        Npy.write(images.resolve("zz-small-reference.npy"), new int[] {8, 8}, BatchImages.noise(rng, 64));
        Npy.write(references.resolve("zz-small-reference.npy"), new int[] {4, 4}, BatchImages.noise(rng, 16));
        List<String> options = Arrays.asList(System.getProperty("salientsi.sparkJvmOptions").trim().split("\\s+"));
        cluster = StandaloneCluster.start(Path.of(System.getProperty("salientsi.sparkHome")), root.resolve("logs"),
                options, FULL ? 2 : 1);
        local = run("local", cli(batch(8, images, references, "--executor", "local")));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theCommandLineTestsABatchOnTheClusterWithTheLocalBatchsLines() throws Exception {
        assertThat(local.exit()).as("an image failed").isEqualTo(2);
        assertThat(local.lines()).hasSize(22);
        assertThat(local.lines()).filteredOn(n -> n.path("bh_p").isNumber()).hasSizeGreaterThan(5);
        assertThat(local.lines()).filteredOn(n -> n.has("error")).extracting(n -> n.get("image").asText())
                .containsExactly("zz-big.npy", "zz-small-reference.npy");
        Run spark = run("cli", cli(batch(8, images, references, onCluster(0, "partitions=5"))));
        assertSameLines(spark, local);
        List<Path> logs = cluster.executorLogs();
        assertThat(logs).isNotEmpty();
        for (Path log : logs) {
            assertThat(Files.readString(log, StandardCharsets.UTF_8)).as(log.toString()).contains("Executor")
                    .doesNotContainIgnoringCase("nd4j").doesNotContainIgnoringCase("onnxruntime");
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "salientsi.cluster.full", matches = "true")
    void sparkSubmitTestsABatchWithTheLocalBatchsLines() throws Exception {
        List<String> command = cluster.java();
        command.addAll(List.of("-cp", cluster.sparkClassPath(), "org.apache.spark.deploy.SparkSubmit",
                "--master", cluster.url(), "--class", "org.salientsi.cli.Main", "--executor-memory", "512m",
                "--conf", "spark.driver.host=127.0.0.1", appJar.toString()));
        command.addAll(batch(8, images, references, "--executor", "spark"));
        assertSameLines(run("submit", command), local);
    }

    @Test
    @EnabledIfSystemProperty(named = "salientsi.cluster.full", matches = "true")
    void tenThousandImagesGiveTheLocalBatchsLinesOnLocalTwoAndOneAndTwoExecutors() throws Exception {
        // a folder of its own, so that the default run's cleaning does not delete 20,000 files
        Path big = StandaloneCluster.emptyFolder(Path.of("target", "big-batch"));
        BatchImages.write(big.resolve("images"), big.resolve("references"), BIG, 16, 1L);
        List<String> table = new ArrayList<>(List.of("where | wall (s) | images/s | load before -> after"));
        Run one = run("big-local", cli(batch(16, big.resolve("images"), big.resolve("references"), "--executor",
                "local")), big);
        table.add(row("local batch (one thread)", one));
        assertThat(one.exit()).isZero();
        assertThat(one.lines()).hasSize(BIG);
        Run local2 = run("big-local2", cli(batch(16, big.resolve("images"), big.resolve("references"), "--executor",
                "spark", "--executor-option", "master=local[2]")), big);
        table.add(row("spark local[2]", local2));
        assertSameLines(local2, one);
        for (int executors = 1; executors <= 2; executors++) {
            Run r = run("big-cluster-" + executors, cli(batch(16, big.resolve("images"), big.resolve("references"),
                    onCluster(executors))), big);
            table.add(row("standalone, " + executors + " executor(s) of 1 core", r));
            assertSameLines(r, one);
        }
        Files.write(big.resolve("big-batch.txt"), table, StandardCharsets.UTF_8);
        table.forEach(System.out::println);
    }

    private static String row(String where, Run r) {
        return String.format(Locale.ROOT, "%s | %.1f | %.0f | %s", where, r.seconds(), r.lines().size() / r.seconds(),
                r.load());
    }

    /** @return {@code batch} of the paper's model of {@code side} px on a folder with paired references */
    private static List<String> batch(int side, Path folder, Path refs, String... more) {
        List<String> args = new ArrayList<>(List.of("batch", "--model", models.resolve("model_" + side + ".h5")
                .toString(), "--images", folder.toString(), "--paired-references", refs.toString(), "--sigma", "1",
                "--json", "--quiet"));
        args.addAll(List.of(more));
        return args;
    }

    /**
     * @param executors executors of one core each, or 0 for the worker's default (one with all its cores)
     * @param more more executor options
     * @return the options of the cluster route
     */
    private static String[] onCluster(int executors, String... more) {
        List<String> args = new ArrayList<>(List.of("--executor", "spark", "--executor-option", "master="
                + cluster.url(), "--executor-option", "app-jar=" + appJar, "--executor-option",
                "spark.executor.memory=512m", "--executor-option", "spark.driver.host=127.0.0.1"));
        if (executors > 0) {
            args.addAll(List.of("--executor-option", "spark.executor.cores=1", "--executor-option",
                    "spark.cores.max=" + executors));
        }
        for (String option : more) {
            args.addAll(List.of("--executor-option", option));
        }
        return args.toArray(String[]::new);
    }

    private static List<String> cli(List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx1g", "-jar", cliJar.toString()));
        command.addAll(args);
        return command;
    }

    private static Run run(String name, List<String> command) throws IOException, InterruptedException {
        return run(name, command, root);
    }

    /** Runs a command, its standard output into {@code FOLDER/NAME.jsonl}, its log into the cluster's logs. */
    private static Run run(String name, List<String> command, Path folder) throws IOException,
            InterruptedException {
        Path out = folder.resolve(name + ".jsonl");
        String before = load();
        long start = System.nanoTime();
        int exit = cluster.run(name, command, RUN, out);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<ObjectNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            lines.add((ObjectNode) JSON.readTree(line));
        }
        assertThat(exit).as("exit code of %s; log:\n%s", name,
                StandaloneCluster.tail(root.resolve("logs").resolve(name + ".log"))).isIn(0, 2);
        return new Run(lines, exit, seconds, before + " -> " + load());
    }

    /** @return the 1, 5 and 15 minute load averages, as {@code uptime} shows them */
    private static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "(no /proc/loadavg)";
        }
    }

    /** The same lines, in the same order, but for the results' wall times and their runs' start. */
    private static void assertSameLines(Run got, Run expected) {
        assertThat(got.exit()).as("exit code").isEqualTo(expected.exit());
        assertThat(got.lines()).extracting(n -> n.get("image").asText())
                .containsExactlyElementsOf(expected.lines().stream().map(n -> n.get("image").asText()).toList())
                .isSorted();
        for (int i = 0; i < expected.lines().size(); i++) {
            assertThat(comparable(got.lines().get(i))).as("line %d", i).isEqualTo(comparable(expected.lines().get(i)));
        }
    }

    private static ObjectNode comparable(ObjectNode line) {
        ObjectNode n = line.deepCopy();
        n.remove("seconds");
        if (n.get("provenance") instanceof ObjectNode provenance) {
            provenance.remove("started");
        }
        return n;
    }
}
