package org.salientsi.cli.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load, which disturbs timings: other processes compete for its cores. */
public final class MachineLoad {

    private MachineLoad() {
    }

    /**
     * @return the 1-minute load average (runnable processes, averaged over the last minute) of
     *     {@code /proc/loadavg}, else of the JVM's {@code OperatingSystemMXBean}; NaN where unknown
     */
    public static double oneMinute() {
        try {
            String text = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim();
            return Double.parseDouble(text.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return load < 0 ? Double.NaN : load;
        }
    }
}
