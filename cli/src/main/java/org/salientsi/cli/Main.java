package org.salientsi.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.salientsi.cli.context.ExitCodes;
import org.salientsi.facade.ErrorMessages;
import org.salientsi.server.SalientServer;

/** Entry point of the {@code salientsi} launcher. */
public final class Main {

    private Main() {
    }

    /**
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs a command with the given streams (for tests and embedding).
     *
     * @param args command-line arguments
     * @param out standard output
     * @param err standard error
     * @return the exit code: 0 success, 1 internal failure, numerical breakdown or exhausted memory or stack,
     *     2 bad input or usage, 3 nothing to test
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.in, out, err);
    }

    /**
     * Runs a command with the given streams (for tests and embedding).
     *
     * @param args command-line arguments
     * @param in standard input (what an option given as {@code -} reads)
     * @param out standard output
     * @param err standard error
     * @return the exit code, as {@link #run(String[], PrintStream, PrintStream)}
     */
    public static int run(String[] args, java.io.InputStream in, PrintStream out, PrintStream err) {
        boolean debug = Arrays.asList(args).contains("--debug");
        configureLogging(debug);
        NativeMemory.capDefaults();
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // reports draw PNGs; no window is ever opened
        }
        PrintWriter o = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter e = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        try {
            return Cli.commandLine(in, o, e).execute(args);
        } catch (OutOfMemoryError | StackOverflowError x) {
            // what the size checks did not catch: one line, never a stack trace (the failed allocation is gone)
            if (debug) {
                x.printStackTrace(e);
            }
            e.println("salientsi: " + ErrorMessages.message(x));
            return ExitCodes.EXIT_INTERNAL;
        } finally {
            o.flush();
            e.flush();
        }
    }

    private static void configureLogging(boolean debug) {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null || debug) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", debug ? "debug" : "warn");
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        // serve's access log: one line per request at INFO, shown unless the user sets its level
        String access = "org.slf4j.simpleLogger.log." + SalientServer.ACCESS_LOG;
        if (System.getProperty(access) == null) {
            System.setProperty(access, "info");
        }
    }
}
