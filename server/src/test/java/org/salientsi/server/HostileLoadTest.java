package org.salientsi.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} under a mixed hostile load on loopback: 64 clients that connect and send nothing, 32
 * that send a request head one byte every 300 ms and 32 that send a complete head and then a body
 * one byte every 300 ms, all connected at once and kept connected (the deadlines are set beyond the
 * test). Meanwhile {@code /health} is probed every 100 ms and two clients send normal tests on the
 * paper's 8x8 model. {@code /health} must answer (median of the probes under 1 s, every probe
 * answered) and the tests must keep being answered with the right result.
 *
 * <p>Bounded: 6 s of load, {@code -Dsalientsi.hostile.seconds=S} for longer. The figures
 * (health latency p50/p99/max, tests answered per second, the machine's load average beside them) go
 * to standard output and {@code target/serve-hostile.txt}.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class HostileLoadTest {

    private static final int SILENT = 64;
    private static final int SLOW_HEADS = 32;
    private static final int SLOW_BODIES = 32;
    private static final int TEST_CLIENTS = 2;
    private static final long BYTE_EVERY_MILLIS = 300;
    private static final int SECONDS = Integer.getInteger("salientsi.hostile.seconds", 6);

    @TempDir
    Path dir;

    @Test
    void healthAndTestsAreAnsweredWhileSilentAndSlowClientsHoldConnections() throws Exception {
        Path models = ServeFixture.models(Files.createDirectories(dir.resolve("models")), 8);
        int threads = Runtime.getRuntime().availableProcessors();
        ServeLimits limits = ServeLimits.defaults(64L << 20).withTimeouts(Duration.ofMinutes(5), Duration.ofMinutes(5));
        List<RawHttp> hostile = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(TEST_CLIENTS + 2);
        try (ServeFixture serve = new ServeFixture(models,
                new SalientServer.Config("127.0.0.1", 0, threads, 64, 64L << 20, limits))) {
            int port = serve.server().port();
            String body = ServeFixture.validRequest().toString();
            ServeFixture.Response first = serve.post("/v1/test", body);
            assertThat(first.status()).as("%s", first).isEqualTo(200);
            JsonNode expected = ServeFixture.comparable(first.json());

            for (int i = 0; i < SILENT; i++) {
                hostile.add(new RawHttp(port, 1000));
            }
            List<RawHttp> slow = new ArrayList<>();
            for (int i = 0; i < SLOW_HEADS + SLOW_BODIES; i++) {
                RawHttp c = new RawHttp(port, 1000);
                if (i >= SLOW_HEADS) {
                    c.send("POST /v1/test HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 100000\r\n\r\n{\"model\": \"model_8\", \"image\": ");
                }
                slow.add(c);
                hostile.add(c);
            }
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger slowFailures = new AtomicInteger();
            byte[] head = "POST /v1/test HTTP/1.1\r\nHost: localhost\r\nX-Pad: ".getBytes(StandardCharsets.ISO_8859_1);
            Future<?> writer = pool.submit(() -> {
                for (int k = 0; running.get(); k++) {
                    for (int i = 0; i < slow.size(); i++) {
                        byte b = i < SLOW_HEADS ? (k < head.length ? head[k] : (byte) 'a') : (byte) ' ';
                        try {
                            slow.get(i).send(new byte[] {b});
                        } catch (UncheckedIOException e) {
                            slowFailures.incrementAndGet();
                        }
                    }
                    Thread.sleep(BYTE_EVERY_MILLIS);
                }
                return null;
            });
            long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (serve.server().openConnections() < SILENT + SLOW_HEADS + SLOW_BODIES && System.nanoTime() < settle) {
                Thread.sleep(10);
            }
            assertThat(serve.server().openConnections()).as("hostile connections the server holds")
                    .isGreaterThanOrEqualTo(SILENT + SLOW_HEADS + SLOW_BODIES);

            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
            List<Long> health = Collections.synchronizedList(new ArrayList<>());
            List<String> wrong = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger tests = new AtomicInteger();
            long t0 = System.nanoTime();
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < TEST_CLIENTS; c++) {
                clients.add(pool.submit(() -> {
                    HttpRequest test = HttpRequest.newBuilder(serve.uri("/v1/test")).timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    while (System.nanoTime() < end) {
                        HttpResponse<String> r = client.send(test, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200
                                || !ServeFixture.comparable(ServeFixture.JSON.readTree(r.body())).equals(expected)) {
                            wrong.add(r.statusCode() + " " + r.body());
                        }
                        tests.incrementAndGet();
                    }
                    return null;
                }));
            }
            HttpRequest probe = HttpRequest.newBuilder(serve.uri("/health")).timeout(Duration.ofSeconds(10)).build();
            int failedProbes = 0;
            while (System.nanoTime() < end) {
                long s = System.nanoTime();
                try {
                    HttpResponse<String> r = client.send(probe, HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        health.add(System.nanoTime() - s);
                    } else {
                        failedProbes++;
                    }
                } catch (IOException e) {
                    failedProbes++;
                }
                Thread.sleep(100);
            }
            for (Future<?> f : clients) {
                f.get(60, TimeUnit.SECONDS);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            int stillOpen = serve.server().openConnections();
            running.set(false);
            writer.get(10, TimeUnit.SECONDS);

            long[] sorted = health.stream().mapToLong(Long::longValue).sorted().toArray();
            String report = String.format(Locale.ROOT, "serve under hostile load: %d silent + %d slow-head + %d "
                            + "slow-body connections (one byte every %d ms), %d server connections open at the end; "
                            + "over %.1f s: /health p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d probes, %d failed); "
                            + "%d tests answered by %d workers from %d clients, %.1f tests/s; load average %s",
                    SILENT, SLOW_HEADS, SLOW_BODIES, BYTE_EVERY_MILLIS, stillOpen, seconds,
                    percentile(sorted, 50), percentile(sorted, 99), percentile(sorted, 100), sorted.length,
                    failedProbes, tests.get(), threads, TEST_CLIENTS, tests.get() / seconds, loadAverage());
            System.out.println(report);
            Files.writeString(Path.of("target", "serve-hostile.txt"), report + System.lineSeparator());

            assertThat(failedProbes).as("health probes not answered 200").isZero();
            assertThat(sorted.length).as("health probes").isGreaterThan(SECONDS * 3);
            assertThat(percentile(sorted, 50)).as("median /health latency, ms").isLessThan(1000);
            assertThat(wrong).as("tests answered with anything but the right result").isEmpty();
            assertThat(tests.get()).as("tests answered").isGreaterThanOrEqualTo(SECONDS);
            assertThat(slowFailures.get()).as("slow clients cut off during the test").isZero();
            assertThat(stillOpen).as("hostile connections still held at the end")
                    .isGreaterThanOrEqualTo(SILENT + SLOW_HEADS + SLOW_BODIES);
        } finally {
            pool.shutdownNow();
            hostile.forEach(RawHttp::close);
        }
    }

    /** Nearest-rank percentile, in milliseconds. */
    private static double percentile(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sortedNanos.length);
        return sortedNanos[Math.max(0, rank - 1)] / 1e6;
    }

    /** The 1, 5 and 15 minute load averages ({@code /proc/loadavg}), or "unknown". */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2] + " (" + Runtime.getRuntime().availableProcessors() + " cores)";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
