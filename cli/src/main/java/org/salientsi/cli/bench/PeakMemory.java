package org.salientsi.cli.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak memory of this process since the last {@link #reset}: the resident set's high-water mark
 * ({@code VmHWM} of {@code /proc/self/status}, Linux; the whole process: heap, native memory, code) and
 * the JVM heap's (the sum of the heap memory pools' peak usage).
 *
 * @param rssBytes peak resident set size in bytes, or {@code -1} where {@code /proc} is not available
 * @param rssSinceReset whether the RSS peak was reset (by writing 5 to {@code /proc/self/clear_refs}); if
 *     not, it is the process's peak since its start
 * @param heapBytes sum of the heap pools' peak used bytes since the reset (an upper bound of the heap's
 *     peak, as the pools may peak at different times)
 */
public record PeakMemory(long rssBytes, boolean rssSinceReset, long heapBytes) {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    /** Checks the values. */
    public PeakMemory {
        if (rssBytes < -1 || heapBytes < 0) {
            throw new IllegalArgumentException("memory must be >= 0 bytes, got " + rssBytes + " and " + heapBytes);
        }
    }

    /**
     * Collects garbage, then resets the heap pools' peaks and (where allowed) the process's RSS peak.
     *
     * @return whether the RSS peak could be reset
     */
    public static boolean reset() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                pool.resetPeakUsage();
            }
        }
        try {
            Files.writeString(CLEAR_REFS, "5", StandardCharsets.US_ASCII);
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /**
     * @param rssSinceReset what the last {@link #reset} returned
     * @return the peaks since then
     */
    public static PeakMemory read(boolean rssSinceReset) {
        long heap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid() && pool.getPeakUsage() != null) {
                heap += pool.getPeakUsage().getUsed();
            }
        }
        return new PeakMemory(peakRss(), rssSinceReset, heap);
    }

    private static long peakRss() {
        try {
            for (String line : Files.readAllLines(STATUS, StandardCharsets.US_ASCII)) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.substring("VmHWM:".length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
