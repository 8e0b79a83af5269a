package org.salientsi.cli.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.cli.context.CliContext;
import org.salientsi.server.ModelCatalog;
import org.salientsi.server.SalientServer;
import org.salientsi.server.StopSignals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code salientsi serve}: the test of {@code salientsi test} as an HTTP JSON service. The flags become the
 * configuration of the server module's {@link SalientServer} over a {@link ModelCatalog}; this command owns only
 * the process (the paper's models shipped in this jar, the printed address, signals, the exit code).
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Serve selective tests over HTTP (JSON).",
        description = {"Loads the models of a folder once and answers, until stopped:",
            "  POST /v1/test    one test: {\"model\": NAME, \"image\": ARRAY, \"reference\": ARRAY, \"sigma\": S, ...} "
                    + "-> the JSON object of 'salientsi test --json'. ARRAY is a nested array of numbers (H rows of W "
                    + "values, or H x W x C) or {\"npy\": BASE64 of a .npy file}, each with an optional \"name\" "
                    + "(the label of results and messages). Other fields: references (a list), covariance, method, "
                    + "selector, statistic, alternative, target, cam-layer, termination, range, confidence, as the "
                    + "options of 'salientsi test' with the same defaults.",
            "  GET /v1/models   the models: name (the file name without extension), backend, sha256, image_shape.",
            "  GET /health      status and load.",
            "  GET /metrics     requests by route and status, latency histogram, tests in flight (Prometheus text).",
            "  GET /openapi.json  the OpenAPI 3.1 description of every endpoint, body and error.",
            "Every GET endpoint answers HEAD; another method gets 405 with Allow. Every answer carries X-Request-Id "
                    + "(the client's if safe, else a new UUID), written with each request in the access log (stderr). "
                    + "Errors are RFC 9457 problem documents (application/problem+json: type, title, status, detail, "
                    + "instance, error_kind, request_id): bad requests get 400 with the command line's one-line "
                    + "message, options named as the request's fields; a numerical breakdown 422; a test that finds "
                    + "--threads tests running and --queue waiting gets 429 at once (retry later). SIGTERM or Ctrl-C "
                    + "stops gracefully: accepted requests finish and are answered (within --grace), new ones get 503.",
            "Limits: a body over 64 MiB gets 413, a body not sent as JSON (Content-Type: application/json) 415; a "
                    + "connection must send its request "
                    + "head within 20 s (else it is closed) and its body within 60 s (else 408); 512 connections at "
                    + "once; JSON nested at most 1000 deep. A test that runs out of memory gets 503, any other "
                    + "failure 500: every accepted request is answered.",
            "Exit codes: 0 after a graceful stop, 2 bad options or an unusable models folder, 1 internal failure.",
            ""},
        footer = {"", "Example (the paper's models on port 8080, then one test with curl):",
            "  salientsi serve --port 8080 --models examples/models/paper --threads 2 --queue 64",
            "  curl -s localhost:8080/v1/test -H 'Content-Type: application/json' \\",
            "       -d '{\"model\": \"model_8\", \"image\": [[...]], \"reference\": [[...]], \"sigma\": 1}'",
            "HTTP conventions: GET /openapi.json, and docs/http.md in the source repository."})
public final class ServeCommand implements Callable<Integer> {

    private static final long MAX_BODY_BYTES = 64L << 20;

    private final CliContext context;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "P",
            description = "TCP port to listen on, 0 for any free port (printed at start) (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDR",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every "
                    + "interface).")
    String host;

    @Option(names = "--models", paramLabel = "DIR",
            description = "Folder of model files (.h5, .zip, .onnx: every file an installed backend opens), each named "
                    + "in requests by its file name without extension. Default: the paper's four Keras models "
                    + "(model_8, model_16, model_32, model_64), shipped with SalientSI.")
    Path models;

    @Option(names = "--threads", paramLabel = "K",
            description = "Tests that run at once (default: the number of processors).")
    Integer threads;

    @Option(names = "--queue", defaultValue = "64", paramLabel = "Q",
            description = "Test requests that may wait for a free thread; beyond them a request gets 429 at once "
                    + "(default: ${DEFAULT-VALUE}).")
    int queue;

    @Option(names = "--grace", defaultValue = "30", paramLabel = "SECONDS",
            description = "On SIGTERM or Ctrl-C, how long accepted requests may take to finish (default: "
                    + "${DEFAULT-VALUE}).")
    double grace;

    @Option(names = "--debug", description = "Print the stack trace of an error (default: one line).")
    boolean debug;

    /**
     * @param context shared command context
     */
    public ServeCommand(CliContext context) {
        this.context = context;
    }

    /** The paper's models in a temporary folder, removed when the command ends or the JVM exits (SIGTERM). */
    private static Path extractPaperModels() throws IOException {
        Path dir = Files.createTempDirectory("salientsi-serve");
        dir.toFile().deleteOnExit(); // registered first, deleted last
        for (int size : new int[] {8, 16, 32, 64}) {
            DemoCommand.extract(dir, "model_" + size + ".h5");
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> f.toFile().deleteOnExit());
        }
        return dir;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        context.setDebug(debug);
        int k = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        SalientServer.Config config = new SalientServer.Config(host, port, k, queue, MAX_BODY_BYTES);
        if (!(grace >= 0) || Double.isInfinite(grace)) {
            throw new InvalidInputException("--grace must be a finite number of seconds >= 0, got " + grace);
        }
        Path extracted = models == null ? extractPaperModels() : null;
        try (ModelCatalog catalog = ModelCatalog.load(context.plugins(), extracted != null ? extracted : models)) {
            SalientServer server = SalientServer.start(catalog, context.json(), config);
            Duration wait = Duration.ofMillis(Math.round(grace * 1000));
            // SIGTERM and Ctrl-C stop the server, then this command returns and the process exits 0;
            // the hook covers the other ways the JVM may end (then with the JVM's exit status)
            StopSignals.install(() -> server.stop(wait));
            Thread hook = new Thread(() -> server.stop(wait), "salientsi-serve-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            context.out().printf("salientsi serve: listening on http://%s:%d/ with %d threads and a queue of %d; "
                            + "models: %s%n", host, server.port(), k, queue,
                    catalog.entries().stream().map(ModelCatalog.Entry::name).collect(Collectors.joining(", ")));
            context.out().flush();
            server.awaitStopped();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook has run
            }
        } finally {
            if (extracted != null) {
                try (Stream<Path> files = Files.list(extracted)) {
                    for (Path f : files.toList()) {
                        Files.deleteIfExists(f);
                    }
                }
                Files.deleteIfExists(extracted);
            }
        }
        return 0;
    }
}
