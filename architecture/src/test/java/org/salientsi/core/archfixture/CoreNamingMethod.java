package org.salientsi.core.archfixture;

import org.salientsi.methods.archfixture.PrintsToStdout;

/** Breaks "core knows only the api": core that calls a saliency method's class. */
public final class CoreNamingMethod {
    public void run() {
        new PrintsToStdout().run();
    }
}
