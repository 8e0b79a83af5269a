package org.salientsi.cli.context;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.google.inject.Guice;
import java.io.InputStream;
import java.io.PrintWriter;
import org.salientsi.core.plugin.Plugins;
import org.salientsi.core.plugin.SalientModule;

/** What every command shares: the output streams, the plugins (loaded on first use) and the JSON mapper. */
public final class CliContext {

    private final InputStream in;
    private final PrintWriter out;
    private final PrintWriter err;
    private final ObjectMapper json = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);
    private volatile Plugins plugins;
    private volatile boolean debug;

    /**
     * @param out standard output
     * @param err standard error
     */
    public CliContext(PrintWriter out, PrintWriter err) {
        this(System.in, out, err);
    }

    /**
     * @param in standard input (what an option given as {@code -} reads)
     * @param out standard output
     * @param err standard error
     */
    public CliContext(InputStream in, PrintWriter out, PrintWriter err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** @return standard input */
    public InputStream in() {
        return in;
    }

    /** @return standard output */
    public PrintWriter out() {
        return out;
    }

    /** @return standard error */
    public PrintWriter err() {
        return err;
    }

    /** @return the JSON mapper */
    public ObjectMapper json() {
        return json;
    }

    /** @return the installed plugins, wired by Guice on first use */
    public Plugins plugins() {
        Plugins p = plugins;
        if (p == null) {
            synchronized (this) {
                p = plugins;
                if (p == null) {
                    p = Guice.createInjector(new SalientModule()).getInstance(Plugins.class);
                    plugins = p;
                }
            }
        }
        return p;
    }

    /** @return whether {@code --debug} was given */
    public boolean debug() {
        return debug;
    }

    /**
     * @param value whether to print stack traces
     */
    public void setDebug(boolean value) {
        debug = value;
    }
}
