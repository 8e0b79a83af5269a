package org.salientsi.server;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.function.IntSupplier;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.NanoTime;

/**
 * The server's metrics, in a registry of its own (several servers may run in one JVM), written in Prometheus'
 * text format (version 0.0.4) by the Prometheus Java client:
 * <ul>
 * <li>{@code salientsi_http_requests_total{route, method, status}}: answered requests;</li>
 * <li>{@code salientsi_http_request_duration_seconds{route}}: the time from the request's first byte to its
 * answer's last, a histogram with buckets from 1 ms to 5 min;</li>
 * <li>{@code salientsi_tests_in_flight}: test requests admitted and not yet answered (running or queued).</li>
 * </ul>
 * A request is counted when its answer is complete (Jetty calls {@link #log}), Jetty's own refusals included.
 * {@code route} is the endpoint's path template ({@code /problems/{type}}) or {@code unmatched}, and
 * {@code method} one of the standard methods or {@code other}, so that no client can grow the number of series.
 * Thread-safe.
 */
final class HttpMetrics implements RequestLog {

    /** The media type of the text format. */
    static final String MEDIA_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    /** The route label of a path no endpoint has. */
    static final String UNMATCHED = "unmatched";

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS",
            "TRACE", "CONNECT");

    /** Seconds: 1 ms to 5 min, about three buckets a decade. */
    private static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
        25, 50, 100, 300};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter requests;
    private final Histogram duration;

    /**
     * @param inFlight test requests admitted and not yet answered, read at each scrape
     */
    HttpMetrics(IntSupplier inFlight) {
        this.requests = Counter.builder().name("salientsi_http_requests_total")
                .help("HTTP requests answered, by route, method and status").labelNames("route", "method", "status")
                .withoutExemplars().register(registry);
        this.duration = Histogram.builder().name("salientsi_http_request_duration_seconds")
                .help("Time from a request's first byte to its answer's last, by route").labelNames("route")
                .classicOnly().classicUpperBounds(BUCKETS).withoutExemplars().register(registry);
        GaugeWithCallback.builder().name("salientsi_tests_in_flight")
                .help("Test requests admitted and not yet answered (running or queued)")
                .callback(cb -> cb.call(inFlight.getAsInt())).register(registry);
    }

    @Override
    public void log(Request request, Response response) {
        Endpoint e = Endpoint.of(request.getHttpURI() == null ? null : request.getHttpURI().getDecodedPath());
        String route = e == null ? UNMATCHED : e.template();
        String method = request.getMethod() != null && METHODS.contains(request.getMethod()) ? request.getMethod()
                : "other";
        requests.labelValues(route, method, Integer.toString(response.getStatus())).inc();
        duration.labelValues(route).observe(NanoTime.since(request.getBeginNanoTime()) / 1e9);
    }

    /** @return the metrics now, in Prometheus' text format (UTF-8) */
    byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }
}
