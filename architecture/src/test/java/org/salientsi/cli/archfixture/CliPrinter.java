package org.salientsi.cli.archfixture;

/** Keeps "libraries never print or exit": the command line owns the console and the process. */
public final class CliPrinter {
    public void run() {
        System.out.println("p = 0.01");
        System.err.println("error: bad input");
        System.exit(2);
    }
}
