package org.salientsi.methods.archfixture;

/** Breaks "libraries never print": writes to System.out. */
public final class PrintsToStdout {
    public void run() {
        System.out.println("progress");
    }
}
