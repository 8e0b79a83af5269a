package org.salientsi.methods.archfixture;

import java.io.PrintStream;

/** Breaks "libraries never print": keeps System.err to write to later. */
public final class PrintsToStderr {
    private final PrintStream err = System.err;

    public PrintStream stream() {
        return err;
    }
}
