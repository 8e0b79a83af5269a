package org.salientsi.methods.archfixture;

/** Breaks "libraries never print": prints a stack trace (to System.err) of an exception subtype. */
public final class PrintsStackTrace {
    public void run() {
        new IllegalStateException("lost").printStackTrace();
    }
}
