package org.salientsi.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.CustomRequestLog;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.Slf4jRequestLogWriter;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.image.ImageShape;
import org.salientsi.core.engine.TestEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP JSON service of {@code salientsi serve}: {@code POST /v1/test} runs the test of
 * {@code salientsi test} (the same {@link TestEngine}, so the same result, apart from {@code seconds}
 * and provenance), {@code GET /v1/models} lists the models, {@code GET /health} reports the load,
 * {@code GET /metrics} counts requests and tests ({@link HttpMetrics}), {@code GET /openapi.json} describes every
 * endpoint ({@link OpenApiDocument}) and {@code GET /problems/{type}} each problem type ({@link ProblemType}).
 * The endpoints are the table {@link Endpoint}: one written for {@code GET} also answers {@code HEAD}, another
 * method gets 405 with {@code Allow}. Every answer carries {@code X-Request-Id} ({@link RequestIds}); every
 * answered request is a line of the access log (SLF4J logger {@value #ACCESS_LOG}, level INFO) and counts in the
 * metrics.
 *
 * <p>Built on Jetty's core server (no servlet API): a few selector and handler threads serve any
 * number of connections, and no client can hold one of them: request heads must arrive within a
 * deadline ({@link HeadDeadline}), bodies are received asynchronously within theirs
 * ({@link BodyReader}), answers are written asynchronously, and connections, threads and the memory
 * of bodies are bounded ({@link ServeLimits}). Tests run on a pool of {@code threads} workers with a
 * queue of {@code queue} places; a test whose body has arrived and that finds every worker busy and
 * the queue full is answered at once with 429 (and {@code Retry-After}), never left to hang; an
 * admitted request is always answered, by its worker, whatever it throws (see {@link TestEndpoint}).
 * Errors are RFC 9457 problem documents ({@link Problem}, {@code application/problem+json}): bad requests get
 * 400 with the command line's one-line message in HTTP words (options named as the request's fields), a body
 * not sent as UTF-8 JSON 415, a body beyond the limit 413, a body that does not arrive in time 408, a numerical
 * breakdown 422, an internal failure 500, a request the server has no memory for 503; Jetty's own refusals (a
 * request it cannot parse, headers too large) have the same shape ({@link JsonErrorPages}).
 *
 * <p>{@link #stop(Duration)} is graceful: new test requests get 503 at once, every admitted request
 * (running or queued) finishes and is answered within the grace period, then the listener and the
 * connections close. Requests still queued when the grace period ends are answered 503.
 */
public final class SalientServer {

    private static final Logger LOG = LoggerFactory.getLogger(SalientServer.class);

    /** Jetty's threads: acceptor, selector and handlers (which never block and never run a test). */
    private static final int HTTP_THREADS = 16;

    /** The SLF4J logger of the access log: one line per answered request. */
    public static final String ACCESS_LOG = "org.salientsi.server.access";

    /**
     * An access log line: client address, request line, status, bytes sent (headers included), milliseconds,
     * request id
     * (Jetty's {@link CustomRequestLog} format).
     */
    private static final String ACCESS_FORMAT = "%{client}a \"%r\" %s %O %{ms}T ms request_id=%{X-Request-Id}o";

    /** The media type of JSON answers. */
    private static final String JSON_TYPE = "application/json";

    /** The media type a test body is sent as (or {@code application/*+json}), in UTF-8. */
    private static final String BODY_TYPE = "application/json";

    /**
     * How a server runs.
     *
     * @param host the address to listen on ({@code 127.0.0.1} keeps the service on this machine)
     * @param port the port, 0 for any free port
     * @param threads workers that run tests at once, {@code >= 1}
     * @param queue admitted requests that may wait for a worker, {@code >= 0}
     * @param maxBodyBytes the largest request body accepted (larger ones get 413)
     * @param limits timeouts, connections and memory granted to clients
     */
    public record Config(String host, int port, int threads, int queue, long maxBodyBytes, ServeLimits limits) {

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
            if (limits == null) {
                throw new InvalidInputException("the server's limits are missing");
            }
            if (limits.bodyBudgetBytes() < maxBodyBytes) {
                throw new InvalidInputException("the body budget (" + limits.bodyBudgetBytes() + " bytes) must hold "
                        + "the largest body (" + maxBodyBytes + " bytes)");
            }
        }

        /**
         * A configuration with the default limits ({@link ServeLimits#defaults}).
         *
         * @param host the address to listen on
         * @param port the port, 0 for any free port
         * @param threads workers that run tests at once
         * @param queue admitted requests that may wait for a worker
         * @param maxBodyBytes the largest request body accepted
         */
        public Config(String host, int port, int threads, int queue, long maxBodyBytes) {
            this(host, port, threads, queue, maxBodyBytes, ServeLimits.defaults(maxBodyBytes));
        }
    }

    private final ModelCatalog catalog;
    private final ObjectMapper json;
    private final Config config;
    private final TestEndpoint endpoint;
    private final ByteBudget budget;
    private final HeadDeadline heads;
    private final Server http;
    private final ServerConnector connector;
    private final ThreadPoolExecutor workers;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicInteger admitted = new AtomicInteger();
    private final LongAdder answered = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final HttpMetrics metrics;
    private final byte[] openApi;
    private volatile int port;

    private SalientServer(ModelCatalog catalog, ObjectMapper json, Config config) {
        this.catalog = catalog;
        this.json = json;
        this.config = config;
        ServeLimits limits = config.limits();
        this.endpoint = new TestEndpoint(catalog, json, config.maxBodyBytes(), limits.maxJsonTokens());
        this.budget = new ByteBudget(limits.bodyBudgetBytes());
        this.heads = new HeadDeadline(limits.headerTimeout());
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

        // Jetty queues at most a few jobs a connection, and connections are bounded
        QueuedThreadPool pool = new QueuedThreadPool(HTTP_THREADS, 4);
        pool.setName("salientsi-serve-http");
        pool.setDaemon(true);
        this.http = new Server(pool);
        HttpConfiguration hc = new HttpConfiguration();
        hc.setSendServerVersion(false);
        hc.setSendXPoweredBy(false);
        this.connector = new ServerConnector(http, 1, 1, new HttpConnectionFactory(hc));
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        connector.setAcceptQueueSize(256);
        connector.addBean(heads);
        http.addConnector(connector);
        http.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
        http.setErrorHandler(new JsonErrorPages(json));
        this.metrics = new HttpMetrics(admitted::get);
        this.openApi = OpenApiDocument.load(json);
        Slf4jRequestLogWriter access = new Slf4jRequestLogWriter();
        access.setLoggerName(ACCESS_LOG);
        CustomRequestLog accessLog = new CustomRequestLog(access, ACCESS_FORMAT);
        http.addBean(accessLog); // started and stopped with the server (its writer makes its logger at start)
        http.setRequestLog(new RequestLog.Collection(accessLog, metrics));
        http.setHandler(new Routes());
        http.setStopAtShutdown(false);
    }

    /**
     * Starts a server.
     *
     * @param catalog the models it serves (the caller closes them after {@link #stop})
     * @param json the mapper that writes results (the command line's)
     * @param config address, port, workers, queue and limits
     * @return the running server
     * @throws IOException if the address cannot be bound
     */
    public static SalientServer start(ModelCatalog catalog, ObjectMapper json, Config config) throws IOException {
        SalientServer s = new SalientServer(catalog, json, config);
        try {
            s.http.start();
        } catch (Exception e) {
            s.workers.shutdownNow();
            try {
                s.http.stop();
            } catch (Exception ignored) {
                // the start failed: nothing more to release
            }
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot serve on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        s.port = s.connector.getLocalPort();
        s.heads.start(s.http.getScheduler());
        LOG.info("listening on {}:{} with {} workers and a queue of {}", config.host(), s.port(), config.threads(),
                config.queue());
        return s;
    }

    /** @return the port the server listens on */
    public int port() {
        return port;
    }

    /** @return the configuration */
    public Config config() {
        return config;
    }

    /** @return connections open now (for tests and the load report) */
    int openConnections() {
        return heads.openConnections();
    }

    /** @return connections closed so far for not sending a request head in time */
    long headTimeouts() {
        return heads.closedForTimeout();
    }

    /** @return request bytes held now */
    long bodyBytesHeld() {
        return budget.held();
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
            // the answers are written asynchronously: let the last ones reach their clients
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (admitted.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                http.stop();
            } catch (Exception e) {
                LOG.warn("stopping the HTTP server: {}", e.toString());
            }
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

    /** Routes a request (on a Jetty thread: everything here is quick and never blocks). */
    private final class Routes extends Handler.Abstract {

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Connection connection = request.getConnectionMetaData().getConnection();
            heads.busy(connection);
            Request.addCompletionListener(request, failure -> heads.idle(connection));
            try {
                String id = RequestIds.of(request.getHeaders().get(RequestIds.HEADER));
                request.setAttribute(RequestIds.ATTRIBUTE, id);
                response.getHeaders().put(RequestIds.HEADER, id);
                route(request, response, callback);
            } catch (Throwable t) { // every request is answered, whatever fails
                failed(request, response, callback, t);
            }
            return true;
        }
    }

    private void route(Request request, Response response, Callback callback) throws IOException {
        String path = request.getHttpURI().getDecodedPath();
        String method = request.getMethod();
        Endpoint endpoint = Endpoint.of(path);
        if (endpoint == null) {
            problem(request, response, callback, Problem.of(404, "no endpoint " + path + "; the endpoints are "
                    + Stream.of(Endpoint.values()).map(e -> e.methods().get(0) + " " + e.template())
                    .collect(Collectors.joining(", ")) + " (described at /openapi.json)"));
            return;
        }
        if (!endpoint.allows(method)) {
            response.getHeaders().put(HttpHeader.ALLOW, endpoint.allow());
            problem(request, response, callback, Problem.of(405, "method " + method + " is not allowed on " + path
                    + "; use " + endpoint.allow()));
            return;
        }
        switch (endpoint) {
            case TEST -> {
                if (stopping.get()) {
                    problem(request, response, callback, new Problem(503, ProblemType.UNAVAILABLE,
                            "server is shutting down; no new tests are accepted"));
                } else {
                    receive(request, response, callback);
                }
            }
            case MODELS -> send(request, response, callback, 200, JSON_TYPE, models());
            case HEALTH -> send(request, response, callback, stopping.get() ? 503 : 200, JSON_TYPE, health());
            case METRICS -> send(request, response, callback, 200, HttpMetrics.MEDIA_TYPE, metrics.scrape());
            case OPENAPI -> send(request, response, callback, 200, JSON_TYPE, openApi);
            case PROBLEM_TYPE -> {
                ProblemType type = ProblemType.of(endpoint.parameter(path));
                if (type == null) {
                    problem(request, response, callback, Problem.of(404, "no problem type " + path
                            + "; the types are " + Stream.of(ProblemType.values()).map(ProblemType::uri)
                            .collect(Collectors.joining(", "))));
                } else {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("type", type.uri());
                    m.put("title", type.title());
                    m.put("description", type.description());
                    send(request, response, callback, 200, JSON_TYPE, json.writeValueAsBytes(m));
                }
            }
            default -> throw new IllegalStateException("no handler for " + endpoint);
        }
    }

    /** Checks the body's type, then receives it without holding a thread and admits the test. */
    private void receive(Request request, Response response, Callback callback) {
        String unsupported = mediaTypeProblem(request);
        if (unsupported != null) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            response.getHeaders().put("Accept-Post", BODY_TYPE + "; charset=utf-8");
            problem(request, response, callback, Problem.of(415, unsupported));
            return;
        }
        BodyReader.read(request, config.maxBodyBytes(), budget, config.limits().bodyTimeout(),
                new BodyReader.Outcome() {
                    @Override
                    public void received(byte[] body) {
                        admit(body, request, response, callback);
                    }

                    @Override
                    public void refused(int status, String message, String kind) {
                        try {
                            response.getHeaders().put(HttpHeader.CONNECTION, "close");
                            if (status == 503) {
                                rejected.increment();
                                response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
                            }
                            problem(request, response, callback, new Problem(status, ProblemType.of(kind), message));
                        } catch (Throwable t) {
                            failed(request, response, callback, t);
                        }
                    }
                });
    }

    /** @return why a request's body is not one this service reads, or {@code null} */
    private static String mediaTypeProblem(Request request) {
        String encoding = request.getHeaders().get(HttpHeader.CONTENT_ENCODING);
        if (encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity")) {
            return "unsupported Content-Encoding '" + encoding.strip() + "'; send the JSON body uncompressed";
        }
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type == null || type.isBlank()) {
            return "missing Content-Type; send the body as JSON with Content-Type: " + BODY_TYPE;
        }
        String[] parts = type.split(";");
        String base = parts[0].strip().toLowerCase(Locale.ROOT);
        if (!base.equals(BODY_TYPE) && !(base.startsWith("application/") && base.endsWith("+json"))) {
            return "unsupported Content-Type '" + type.strip() + "'; send the body as JSON (application/json, UTF-8)";
        }
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if (kv[0].strip().equalsIgnoreCase("charset") && kv.length == 2) {
                String charset = kv[1].strip().replace("\"", "");
                if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
                    return "unsupported charset '" + charset + "'; send the JSON body in UTF-8";
                }
            }
        }
        return null;
    }

    private void admit(byte[] body, Request request, Response response, Callback callback) {
        if (stopping.get()) {
            problem(request, response, callback, new Problem(503, ProblemType.UNAVAILABLE,
                    "server is shutting down; no new tests are accepted"));
            return;
        }
        admitted.incrementAndGet();
        try {
            Runnable done = admitted::decrementAndGet;
            workers.execute(new TestTask(body, request, response, Callback.from(callback, done)));
        } catch (RejectedExecutionException e) {
            admitted.decrementAndGet();
            rejected.increment();
            boolean down = stopping.get();
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
            problem(request, response, callback, down
                    ? new Problem(503, ProblemType.UNAVAILABLE, "server is shutting down; no new tests are accepted")
                    : new Problem(429, ProblemType.BUSY, "server busy: " + config.threads() + " tests running and "
                            + config.queue() + " waiting; retry later"));
        }
    }

    /** One admitted test request: run and answered by a worker. */
    private final class TestTask implements Runnable {

        private final byte[] body;
        private final Request request;
        private final Response response;
        private final Callback callback;

        TestTask(byte[] body, Request request, Response response, Callback callback) {
            this.body = body;
            this.request = request;
            this.response = response;
            this.callback = callback;
        }

        @Override
        public void run() {
            try {
                TestEndpoint.Answer a = endpoint.answer(body);
                if (a.problem() != null) {
                    problem(request, response, callback, a.problem());
                } else {
                    send(request, response, callback, a.status(), JSON_TYPE, a.json());
                }
            } catch (Throwable t) {
                failed(request, response, callback, t);
            }
        }

        void refuse() {
            try {
                problem(request, response, callback, new Problem(503, ProblemType.UNAVAILABLE,
                        "server stopped before this request ran; retry on another instance"));
            } catch (Throwable t) {
                callback.failed(t);
            }
        }
    }

    /** Answers a request whose handling failed: 503 when out of memory, else 500; or gives up the exchange. */
    private void failed(Request request, Response response, Callback callback, Throwable t) {
        try {
            if (response.isCommitted()) {
                callback.failed(t);
                return;
            }
            if (t instanceof OutOfMemoryError) {
                LOG.warn("a request ran out of memory; answered 503");
                problem(request, response, callback, new Problem(503, ProblemType.UNAVAILABLE,
                        "the server ran out of memory for this request; retry later"));
            } else {
                LOG.error("internal failure of a request", t);
                problem(request, response, callback, new Problem(500, ProblemType.INTERNAL,
                        "internal error (" + t.getClass().getSimpleName() + ")"));
            }
        } catch (Throwable again) {
            callback.failed(t);
        }
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

    /** Answers with a problem document naming the request's path and id. */
    private void problem(Request request, Response response, Callback callback, Problem p) {
        Object id = request.getAttribute(RequestIds.ATTRIBUTE);
        send(request, response, callback, p.status(), Problem.MEDIA_TYPE,
                p.json(json, request.getHttpURI().getPath(), id == null ? null : id.toString()));
    }

    /** Answers with a body, or with its headers only when the request is {@code HEAD}. */
    private void send(Request request, Response response, Callback callback, int status, String type, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        answered.increment();
        if (HttpMethod.HEAD.is(request.getMethod())) {
            response.write(true, null, callback);
        } else {
            response.write(true, ByteBuffer.wrap(body), callback);
        }
    }
}
