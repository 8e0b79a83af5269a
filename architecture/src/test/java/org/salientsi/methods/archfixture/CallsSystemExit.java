package org.salientsi.methods.archfixture;

/** Breaks "libraries never exit": ends the caller's JVM. */
public final class CallsSystemExit {
    public void run() {
        System.exit(3);
    }
}
