package org.salientsi.server;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A number of bytes that requests may hold at once, reserved before they are allocated and released
 * when the request is answered. Thread-safe and lock-free.
 */
final class ByteBudget {

    private final long capacity;
    private final AtomicLong held = new AtomicLong();

    /**
     * @param capacity the bytes that may be held at once, {@code >= 1}
     */
    ByteBudget(long capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a byte budget must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * @param bytes bytes to reserve, {@code >= 0}
     * @return whether they were reserved (else nothing was)
     */
    boolean tryReserve(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("cannot reserve " + bytes + " bytes");
        }
        long now;
        do {
            now = held.get();
            if (bytes > capacity - now) {
                return false;
            }
        } while (!held.compareAndSet(now, now + bytes));
        return true;
    }

    /**
     * @param bytes bytes reserved earlier and no longer held
     */
    void release(long bytes) {
        held.addAndGet(-bytes);
    }

    /** @return the bytes held now */
    long held() {
        return held.get();
    }

    /** @return the bytes that may be held at once */
    long capacity() {
        return capacity;
    }
}
