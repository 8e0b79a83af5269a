package org.salientsi.methods.archfixture;

/** Breaks "libraries never exit": halts the caller's JVM. */
public final class HaltsRuntime {
    public void run() {
        Runtime.getRuntime().halt(3);
    }
}
