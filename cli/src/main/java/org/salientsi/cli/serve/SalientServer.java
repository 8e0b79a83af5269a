package org.salientsi.cli.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.cli.Errors;
import org.salientsi.cli.run.TestRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP JSON service of {@code salientsi serve}: {@code POST /v1/test} runs the test of
 * {@code salientsi test} (the same {@link TestRunner}, so the same result, apart from {@code seconds}
 * and provenance), {@code GET /v1/models} lists the models, {@code GET /health} reports the load.
 *
 * <p>Built on the JDK's {@code com.sun.net.httpserver} (module {@code jdk.httpserver}, a supported,
 * exported JDK API): no dependency, and the part a service needs beyond parsing HTTP, admission
 * control, is this class's own. One dispatcher thread accepts connections and parses request headers;
 * tests run on a pool of {@code threads} workers with a queue of {@code queue} places. A test request
 * that finds every worker busy and the queue full is answered at once with 429 (and
 * {@code Retry-After}), never left to hang; an admitted request is always answered, by its worker.
 * Bad requests get 400 with the command line's one-line message
 * ({@code {"error": ..., "error_kind": "bad-input"}}), a numerical breakdown 422, an internal failure
 * 500.
 *
 * <p>{@link #stop(Duration)} is graceful: new test requests get 503 at once, every admitted request
 * (running or queued) finishes and is answered within the grace period, then the listener and the
 * connections close. Requests still queued when the grace period ends are answered 503.
 */
public final class SalientServer {

    private static final Logger LOG = LoggerFactory.getLogger(SalientServer.class);

    /**
     * How a server runs.
     *
     * @param host the address to listen on ({@code 127.0.0.1} keeps the service on this machine)
     * @param port the port, 0 for any free port
     * @param threads workers that run tests at once, {@code >= 1}
     * @param queue admitted requests that may wait for a worker, {@code >= 0}
     * @param maxBodyBytes the largest request body accepted (larger ones get 413)
     */
    public record Config(String host, int port, int threads, int queue, long maxBodyBytes) {

        /** Validates the values, naming the command-line option of a bad one. */
        public Config {
            if (host == null || host.isBlank()) {
                throw new InvalidInputException("--host needs an address such as 127.0.0.1");
            }
            if (port < 0 || port > 65535) {
                throw new InvalidInputException("--port must be in 0..65535 (0: any free port), got " + port);
            }
            if (threads < 1) {
                throw new InvalidInputException("--threads must be >= 1, got " + threads);
            }
            if (queue < 0) {
                throw new InvalidInputException("--queue must be >= 0, got " + queue);
            }
            if (maxBodyBytes < 1) {
                throw new InvalidInputException("the largest request body must be >= 1 byte, got " + maxBodyBytes);
            }
        }
    }

    private final ModelCatalog catalog;
    private final ObjectMapper json;
    private final ObjectMapper reader = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private final Config config;
    private final HttpServer http;
    private final ThreadPoolExecutor workers;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final LongAdder answered = new LongAdder();
    private final LongAdder rejected = new LongAdder();

    private SalientServer(ModelCatalog catalog, ObjectMapper json, Config config) throws IOException {
        this.catalog = catalog;
        this.json = json;
        this.config = config;
        BlockingQueue<Runnable> waiting = config.queue() == 0 ? new SynchronousQueue<>()
                : new ArrayBlockingQueue<>(config.queue());
        AtomicInteger count = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(config.threads(), config.threads(), 0, TimeUnit.MILLISECONDS, waiting,
                r -> {
                    Thread t = new Thread(r, "salientsi-serve-worker-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        workers.prestartAllCoreThreads();
        this.http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 256);
        http.createContext("/", this::dispatch);
        http.setExecutor(null); // the dispatcher thread routes; tests run on the workers
    }

    /**
     * Starts a server.
     *
     * @param catalog the models it serves (the caller closes them after {@link #stop})
     * @param json the mapper that writes results (the command line's)
     * @param config address, port, workers and queue
     * @return the running server
     * @throws IOException if the address cannot be bound
     */
    public static SalientServer start(ModelCatalog catalog, ObjectMapper json, Config config) throws IOException {
        SalientServer s = new SalientServer(catalog, json, config);
        s.http.start();
        LOG.info("listening on {}:{} with {} workers and a queue of {}", config.host(), s.port(), config.threads(),
                config.queue());
        return s;
    }

    /** @return the port the server listens on */
    public int port() {
        return http.getAddress().getPort();
    }

    /** @return the configuration */
    public Config config() {
        return config;
    }

    /**
     * Stops gracefully: refuses new tests (503), lets every admitted request finish and be answered
     * (at most {@code grace}), then closes the listener and the connections. Idempotent and
     * thread-safe: a second call waits for the first.
     *
     * @param grace the longest wait for admitted requests
     */
    public void stop(Duration grace) {
        if (!stopping.compareAndSet(false, true)) {
            awaitQuietly();
            return;
        }
        try {
            workers.shutdown();
            boolean drained = workers.awaitTermination(Math.max(0, grace.toMillis()), TimeUnit.MILLISECONDS);
            if (!drained) {
                List<Runnable> never = workers.shutdownNow();
                LOG.warn("grace period over: {} queued requests answered 503", never.size());
                for (Runnable r : never) {
                    if (r instanceof TestTask t) {
                        t.refuse();
                    }
                }
                workers.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            http.stop(0);
            stopped.countDown();
            LOG.info("stopped after {} answered and {} rejected requests", answered.sum(), rejected.sum());
        }
    }

    /**
     * Waits until {@link #stop} has finished.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    private void awaitQuietly() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Routes a request (on the dispatcher thread: everything here is quick). */
    private void dispatch(HttpExchange ex) {
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        try {
            switch (path) {
                case "/v1/test" -> {
                    if (!method.equals("POST")) {
                        notAllowed(ex, "POST");
                    } else if (stopping.get()) {
                        error(ex, 503, "server is shutting down; no new tests are accepted", "unavailable");
                    } else {
                        admit(ex);
                    }
                }
                case "/v1/models" -> {
                    if (method.equals("GET")) {
                        send(ex, 200, models());
                    } else {
                        notAllowed(ex, "GET");
                    }
                }
                case "/health" -> {
                    if (method.equals("GET")) {
                        send(ex, stopping.get() ? 503 : 200, health());
                    } else {
                        notAllowed(ex, "GET");
                    }
                }
                default -> error(ex, 404, "no endpoint " + method + " " + path
                        + "; there are POST /v1/test, GET /v1/models and GET /health", "bad-input");
            }
        } catch (IOException e) {
            LOG.debug("could not answer {} {}: {}", method, path, e.toString());
            ex.close();
        }
    }

    private void admit(HttpExchange ex) throws IOException {
        try {
            workers.execute(new TestTask(ex));
        } catch (RejectedExecutionException e) {
            rejected.increment();
            ex.getResponseHeaders().set("Retry-After", "1");
            error(ex, stopping.get() ? 503 : 429, stopping.get() ? "server is shutting down; no new tests are accepted"
                    : "server busy: " + config.threads() + " tests running and " + config.queue()
                            + " waiting; retry later", stopping.get() ? "unavailable" : "busy");
        }
    }

    /** One admitted test request: run and answered by a worker. */
    private final class TestTask implements Runnable {

        private final HttpExchange ex;

        TestTask(HttpExchange ex) {
            this.ex = ex;
        }

        @Override
        public void run() {
            try {
                SelectiveResult r = test(ex);
                send(ex, 200, json.writeValueAsBytes(r));
            } catch (IOException e) {
                LOG.debug("could not answer a test request: {}", e.toString());
                ex.close();
            } catch (RuntimeException e) {
                fail(e);
            }
        }

        void refuse() {
            try {
                error(ex, 503, "server stopped before this request ran; retry on another instance", "unavailable");
            } catch (IOException e) {
                ex.close();
            }
        }

        private void fail(RuntimeException e) {
            Errors.Kind kind = Errors.kind(e);
            int status = e instanceof BodyTooLargeException ? 413 : switch (kind) {
                case BAD_INPUT -> 400;
                case NUMERICAL -> 422;
                default -> 500;
            };
            if (kind == Errors.Kind.INTERNAL) {
                LOG.error("internal failure of a test request", e);
            }
            try {
                error(ex, status, Errors.message(e), kind.label());
            } catch (IOException io) {
                LOG.debug("could not answer a failed test request: {}", io.toString());
                ex.close();
            }
        }
    }

    private SelectiveResult test(HttpExchange ex) throws IOException {
        byte[] body = body(ex);
        JsonNode node;
        try {
            node = reader.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("the request body is not valid JSON: "
                    + e.getOriginalMessage().replace('\n', ' '));
        }
        TestRequest request = TestRequest.parse(node);
        TestRunner runner = catalog.runner(request.model(), request.settings());
        return runner.test(request.image(), request.references()).withImage(request.imageName());
    }

    /** A request body beyond the limit. */
    private static final class BodyTooLargeException extends InvalidInputException {
        private static final long serialVersionUID = 1L;

        BodyTooLargeException(String message) {
            super(message);
        }
    }

    private byte[] body(HttpExchange ex) throws IOException {
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > config.maxBodyBytes()) {
                    throw tooLarge();
                }
            } catch (NumberFormatException e) {
                throw new InvalidInputException("malformed Content-Length: " + length);
            }
        }
        try (InputStream in = ex.getRequestBody()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, config.maxBodyBytes() + 1));
            if (bytes.length > config.maxBodyBytes()) {
                throw tooLarge();
            }
            return bytes;
        }
    }

    private BodyTooLargeException tooLarge() {
        return new BodyTooLargeException("the request body is larger than " + config.maxBodyBytes() + " bytes");
    }

    private byte[] models() throws IOException {
        List<Map<String, Object>> list = new ArrayList<>();
        for (ModelCatalog.Entry e : catalog.entries()) {
            Map<String, Object> m = new LinkedHashMap<>();
            ImageShape s = e.model().imageShape();
            m.put("name", e.name());
            m.put("file", e.file().getFileName().toString());
            m.put("backend", e.backendLabel());
            m.put("sha256", e.model().sha256());
            m.put("image_shape", new int[] {s.height(), s.width(), s.channels()});
            m.put("fixed_size", e.model().fixedSize());
            list.add(m);
        }
        return json.writeValueAsBytes(Map.of("models", list));
    }

    private byte[] health() throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", stopping.get() ? "stopping" : "ok");
        m.put("models", catalog.entries().size());
        m.put("workers", config.threads());
        m.put("queue", config.queue());
        m.put("running", workers.getActiveCount());
        m.put("waiting", workers.getQueue().size());
        m.put("answered", answered.sum());
        m.put("rejected", rejected.sum());
        return json.writeValueAsBytes(m);
    }

    private void notAllowed(HttpExchange ex, String allowed) throws IOException {
        ex.getResponseHeaders().set("Allow", allowed);
        error(ex, 405, "method " + ex.getRequestMethod() + " is not allowed on " + ex.getRequestURI().getPath()
                + "; use " + allowed, "bad-input");
    }

    private void error(HttpExchange ex, int status, String message, String kind) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", message);
        m.put("error_kind", kind);
        send(ex, status, json.writeValueAsBytes(m));
    }

    private void send(HttpExchange ex, int status, byte[] body) throws IOException {
        try {
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(status, body.length);
            ex.getResponseBody().write(body);
        } finally {
            ex.close();
            answered.increment();
        }
    }
}
