package org.salientsi.server;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Receives one request body without holding a thread: Jetty calls back when bytes arrive, and
 * between arrivals nothing waits. The body is refused, with the status of its answer, when it claims
 * or reaches more than the largest body (413), when the bytes it would hold exceed the server's
 * {@link ByteBudget} (503), when it has not arrived within its deadline (408) or when the connection
 * fails or stays silent (408). Memory grows with the bytes received (never with the length a client
 * claims) and is reserved from the budget before it is allocated; the reservation is released when
 * the request's answer is complete.
 */
final class BodyReader implements Runnable {

    /** What becomes of a body: exactly one of the two is called, once. */
    interface Outcome {
        /**
         * @param body the whole body
         */
        void received(byte[] body);

        /**
         * @param status the status of the answer (408, 413 or 503)
         * @param message one line saying why
         * @param kind the error kind of the answer ({@code bad-input} or {@code busy})
         */
        void refused(int status, String message, String kind);
    }

    private static final int FIRST_CAPACITY = 8 * 1024;

    private final Request request;
    private final long maxBytes;
    private final ByteBudget budget;
    private final Outcome outcome;
    private final Duration timeout;
    private final long claimed;
    /** Guarded by this. */
    private byte[] buffer = new byte[0];
    /** Guarded by this. */
    private int size;
    /** Guarded by this. */
    private long reserved;
    /** Guarded by this: received or refused. */
    private boolean finished;
    /** Guarded by this: the answer is complete; the reservation is released. */
    private boolean released;
    /** Guarded by this. */
    private Scheduler.Task deadline;

    private BodyReader(Request request, long maxBytes, ByteBudget budget, Duration timeout, Outcome outcome) {
        this.request = request;
        this.maxBytes = maxBytes;
        this.budget = budget;
        this.timeout = timeout;
        this.outcome = outcome;
        this.claimed = request.getLength();
    }

    /**
     * Starts receiving a body.
     *
     * @param request the request whose body it is
     * @param maxBytes the largest body
     * @param budget the bytes all requests may hold at once
     * @param timeout the time the whole body may take
     * @param outcome what to do with the body or the refusal (called on a Jetty thread, or on this one)
     */
    static void read(Request request, long maxBytes, ByteBudget budget, Duration timeout, Outcome outcome) {
        BodyReader reader = new BodyReader(request, maxBytes, budget, timeout, outcome);
        Request.addCompletionListener(request, failure -> reader.release());
        reader.start();
    }

    private void start() {
        if (claimed > maxBytes) {
            refuse(413, tooLarge(), "bad-input");
            return;
        }
        synchronized (this) {
            deadline = request.getComponents().getScheduler().schedule(this::expire, timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        run();
    }

    /** Reads what has arrived; asks to be called again when more arrives. */
    @Override
    public void run() {
        byte[] body = null;
        int status = 0;
        String message = null;
        synchronized (this) {
            while (!finished) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    finished = true;
                    Throwable failure = chunk.getFailure();
                    status = 408;
                    message = failure instanceof TimeoutException
                            ? "the request body stalled: no byte for the idle timeout"
                            : "the request body could not be read: " + failure;
                    break;
                }
                try {
                    status = append(chunk.getByteBuffer());
                } finally {
                    chunk.release();
                }
                if (status != 0) {
                    finished = true;
                    message = status == 413 ? tooLarge() : overBudget();
                    break;
                }
                if (chunk.isLast()) {
                    finished = true;
                    body = size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
                }
            }
            if (deadline != null) {
                deadline.cancel();
            }
        }
        if (body != null) {
            outcome.received(body);
        } else if (message != null) {
            outcome.refused(status, message, status == 503 ? "busy" : "bad-input");
        }
    }

    /** Appends the bytes of a chunk; returns 0, or the status of a refusal (413 or 503). */
    private int append(ByteBuffer bytes) {
        int n = bytes.remaining();
        if (n == 0) {
            return 0;
        }
        if (n > maxBytes - size) {
            return 413;
        }
        int needed = size + n;
        if (needed > buffer.length) {
            long capacity = Math.max(needed, Math.min(Math.max(FIRST_CAPACITY, 2L * buffer.length), maxBytes));
            if (claimed >= needed) {
                capacity = Math.min(capacity, claimed);
            }
            if (released || !budget.tryReserve(capacity - buffer.length)) {
                return 503;
            }
            reserved += capacity - buffer.length;
            buffer = Arrays.copyOf(buffer, (int) capacity);
        }
        bytes.get(buffer, size, n);
        size = needed;
        return 0;
    }

    private void expire() {
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
        }
        outcome.refused(408, "the request body did not arrive within " + timeout.toSeconds() + " s", "bad-input");
    }

    private void refuse(int status, String message, String kind) {
        synchronized (this) {
            finished = true;
        }
        outcome.refused(status, message, kind);
    }

    /** Gives the reserved bytes back: the answer is complete and the body is no longer held. */
    private void release() {
        long r;
        synchronized (this) {
            released = true;
            finished = true;
            r = reserved;
            reserved = 0;
            if (deadline != null) {
                deadline.cancel();
            }
        }
        budget.release(r);
    }

    private String overBudget() {
        return "server busy: the request bodies held now fill the memory set aside for them (" + budget.capacity()
                + " bytes); retry later";
    }

    private String tooLarge() {
        return "the request body is larger than " + maxBytes + " bytes";
    }
}
