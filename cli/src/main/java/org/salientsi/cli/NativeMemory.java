package org.salientsi.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Caps the native (off-heap) memory of the JavaCPP libraries (ND4J and DL4J of the dl4j backend) before they
 * load, so that a model or image that needs more fails with an {@link OutOfMemoryError} (one line, exit
 * code 1) instead of exhausting the machine.
 *
 * <p>Defaults, applied only to the properties not set on the command line:
 * <ul>
 *   <li>{@value #MAX_BYTES} (JavaCPP's arrays, ND4J's buffers): {@value #DEFAULT_MAX_BYTES};</li>
 *   <li>{@value #MAX_PHYSICAL_BYTES} (the whole process: heap, native and the JVM's own):
 *       {@code maxbytes} plus the heap's maximum ({@code -Xmx}) plus 1 GiB.</li>
 * </ul>
 * Override them through the launcher, for example
 * {@code SALIENTSI_JAVA_OPTS="-Dorg.bytedeco.javacpp.maxbytes=8g -Dorg.bytedeco.javacpp.maxphysicalbytes=16g"}
 * ({@code 0} lifts a cap). JavaCPP reads them once, when its first native object is created.
 */
public final class NativeMemory {

    /** JavaCPP's cap on its native allocations. */
    public static final String MAX_BYTES = "org.bytedeco.javacpp.maxbytes";
    /** JavaCPP's cap on the process's resident memory, checked when it allocates. */
    public static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxphysicalbytes";
    /** The default of {@link #MAX_BYTES}: 4 GiB (the largest Keras file holds 1 GiB of float32 weights). */
    public static final String DEFAULT_MAX_BYTES = "4g";

    private static final long GIB = 1L << 30;

    private NativeMemory() {
    }

    /**
     * @param heapMax the JVM's maximum heap in bytes ({@code Runtime.maxMemory()})
     * @return the default value of each property
     */
    public static Map<String, String> defaults(long heapMax) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(MAX_BYTES, DEFAULT_MAX_BYTES);
        long physical = 4 * GIB + Math.max(heapMax, 0) + GIB;
        d.put(MAX_PHYSICAL_BYTES, Long.toString(physical));
        return d;
    }

    /** Sets each property that is not already set to its default. */
    public static void capDefaults() {
        long heapMax = Runtime.getRuntime().maxMemory();
        Map<String, String> d = defaults(heapMax == Long.MAX_VALUE ? 0 : heapMax);
        String userMax = System.getProperty(MAX_BYTES, System.getProperty("org.bytedeco.javacpp.maxBytes"));
        if (userMax == null) {
            System.setProperty(MAX_BYTES, d.get(MAX_BYTES));
        }
        if (System.getProperty(MAX_PHYSICAL_BYTES,
                System.getProperty("org.bytedeco.javacpp.maxPhysicalBytes")) == null && userMax == null) {
            System.setProperty(MAX_PHYSICAL_BYTES, d.get(MAX_PHYSICAL_BYTES));
        }
    }
}
