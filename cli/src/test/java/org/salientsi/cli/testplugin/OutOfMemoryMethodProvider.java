package org.salientsi.cli.testplugin;

import org.salientsi.api.ir.Network;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.saliency.SaliencyMethodProvider;
import org.salientsi.api.spi.Parameters;

/**
 * A test-only saliency method whose creation exhausts the heap (it asks for a 16 GiB array, more than the
 * test JVM may use), registered through {@code META-INF/services}: the command line must answer with one
 * line and exit code 1.
 */
public final class OutOfMemoryMethodProvider implements SaliencyMethodProvider {

    /** The method's name. */
    public static final String NAME = "test-out-of-memory";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "test only: runs out of memory";
    }

    @Override
    public SaliencyMethod create(Network network, Parameters parameters) {
        long[] huge = new long[Integer.MAX_VALUE - 8]; // 16 GiB: more than any test JVM's heap
        throw new IllegalStateException("allocated " + huge.length);
    }
}
