package org.salientsi.methods.archfixture;

/** Breaks "libraries never exit": ends the caller's JVM through Runtime. */
public final class CallsRuntimeExit {
    public void run() {
        Runtime.getRuntime().exit(3);
    }
}
