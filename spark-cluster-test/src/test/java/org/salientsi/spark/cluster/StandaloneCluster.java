package org.salientsi.spark.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster on 127.0.0.1: a master and one worker, each a JVM of its own whose class path
 * is Spark's {@code jars/} folder only, as Spark's launch scripts would start them. The worker launches its
 * executors from the same {@code SPARK_HOME}.
 */
final class StandaloneCluster implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(120);

    private final Path sparkHome;
    private final Path logs;
    private final List<String> jvmOptions;
    private final int port;
    private final Process master;
    private final Process worker;
    private final Path workDir;

    private StandaloneCluster(Path sparkHome, Path logs, List<String> jvmOptions, int cores) throws IOException {
        this.sparkHome = sparkHome;
        this.logs = logs;
        this.jvmOptions = jvmOptions;
        Files.createDirectories(logs);
        // Spark's launcher finds jars/ under SPARK_HOME when a RELEASE file marks it as a distribution
        Files.writeString(sparkHome.resolve("RELEASE"), "Spark 4.0.1 (jars of the salientsi cluster test)\n");
        this.workDir = Files.createDirectories(logs.resolve("work"));
        this.port = freePort();
        this.master = launch("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                "--port", Integer.toString(port), "--webui-port", Integer.toString(freePort())));
        this.worker = launch("worker", List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                "--cores", Integer.toString(cores), "--memory", "1g", "--work-dir", workDir.toString(),
                "--webui-port", Integer.toString(freePort()), url()));
        await(logs.resolve("worker.log"), "Successfully registered with master");
    }

    /**
     * Starts a master and a worker and waits until the worker has registered.
     *
     * @param sparkHome a folder holding {@code jars/} (Spark's jars only)
     * @param logs where the processes' output and the worker's work folder go
     * @param jvmOptions Spark's module openings for Java 17
     * @param cores the worker's cores
     * @return the running cluster
     */
    static StandaloneCluster start(Path sparkHome, Path logs, List<String> jvmOptions, int cores) throws IOException {
        return new StandaloneCluster(sparkHome, logs, jvmOptions, cores);
    }

    /** @return the master's URL */
    String url() {
        return "spark://127.0.0.1:" + port;
    }

    /** @return the executors' logs ({@code stderr} of each executor of each application so far) */
    List<Path> executorLogs() throws IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(workDir)) {
            return files.filter(p -> p.getFileName().toString().equals("stderr")).toList();
        }
    }

    /** @return the environment every JVM of the cluster (and its drivers) runs with */
    Map<String, String> environment() {
        return Map.of("SPARK_HOME", sparkHome.toString(), "SPARK_SCALA_VERSION", "2.13",
                "SPARK_LOCAL_IP", "127.0.0.1", "JAVA_HOME", System.getProperty("java.home"));
    }

    /** @return {@code java} with Spark's module openings */
    List<String> java() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Xmx512m");
        return command;
    }

    /** @return the class path of Spark's own jars */
    String sparkClassPath() {
        return sparkHome.resolve("jars") + "/*";
    }

    /**
     * Runs a command to its end with the cluster's environment.
     *
     * @param name the log file's name
     * @param command the command
     * @param timeout the longest it may take
     * @return its exit code
     */
    int run(String name, List<String> command, Duration timeout) throws IOException, InterruptedException {
        return run(name, command, timeout, null);
    }

    /**
     * Runs a command to its end with the cluster's environment.
     *
     * @param name the log file's name (standard error, and standard output unless {@code stdout} is given)
     * @param command the command
     * @param timeout the longest it may take
     * @param stdout the file that receives its standard output, or {@code null} for the log
     * @return its exit code
     */
    int run(String name, List<String> command, Duration timeout, Path stdout) throws IOException,
            InterruptedException {
        Path log = logs.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(command);
        if (stdout == null) {
            pb.redirectErrorStream(true).redirectOutput(log.toFile());
        } else {
            pb.redirectOutput(stdout.toFile()).redirectError(log.toFile());
        }
        pb.environment().putAll(environment());
        Process p = pb.start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(name + " did not finish within " + timeout + "; log:\n" + tail(log));
        }
        return p.exitValue();
    }

    /**
     * @param property a system property naming a file the build made
     * @param what what it is, for the message
     * @return the file's absolute path
     * @throws IllegalStateException if it is not there
     */
    static Path requiredFile(String property, String what) {
        Path p = Path.of(System.getProperty(property, "")).toAbsolutePath();
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("missing " + what + ": " + p + "; run mvn verify (this test needs the "
                    + "packaged jars)");
        }
        return p;
    }

    /**
     * @param dir a folder to create, or to empty when it exists
     * @return the folder's absolute path
     */
    static Path emptyFolder(Path dir) throws IOException {
        Path root = Files.createDirectories(dir).toAbsolutePath();
        try (java.util.stream.Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!p.equals(root)) {
                    Files.delete(p);
                }
            }
        }
        return root;
    }

    /** @return the last lines of a log, for failure messages */
    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private Process launch(String name, List<String> main) throws IOException {
        List<String> command = java();
        command.add("-cp");
        command.add(sparkClassPath());
        command.addAll(main);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile());
        pb.environment().putAll(environment());
        return pb.start();
    }

    private void await(Path log, String line) throws IOException {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(line)) {
                return;
            }
            if (!master.isAlive() || !worker.isAlive()) {
                break;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException("the cluster did not start: no '" + line + "' in " + log + "\nmaster:\n"
                + tail(logs.resolve("master.log")) + "\nworker:\n" + tail(log));
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the worker (and its executors) and the master. */
    @Override
    public void close() {
        for (Process p : Arrays.asList(worker, master)) {
            if (p == null) {
                continue;
            }
            List<ProcessHandle> children = p.descendants().toList();
            p.destroy();
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }
}
