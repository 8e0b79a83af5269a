package org.salientsi.cli.testplugin;

import org.salientsi.api.ir.Network;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.saliency.SaliencyMethodProvider;
import org.salientsi.api.spi.Parameters;

/**
 * A test-only saliency method whose creation recurses without end (a real {@link StackOverflowError}),
 * registered through {@code META-INF/services}: the command line must answer with one line and exit code 1.
 */
public final class StackOverflowMethodProvider implements SaliencyMethodProvider {

    /** The method's name. */
    public static final String NAME = "test-stack-overflow";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "test only: overflows the stack";
    }

    @Override
    public SaliencyMethod create(Network network, Parameters parameters) {
        return depth(0) > 0 ? null : null;
    }

    private static int depth(int d) {
        return depth(d + 1) + 1;
    }
}
