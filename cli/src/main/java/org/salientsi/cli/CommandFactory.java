package org.salientsi.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.salientsi.cli.context.CliContext;
import picocli.CommandLine;

/**
 * Creates the commands with the shared {@link CliContext}. Its no-argument constructor (standard streams) is the one
 * picocli's generators use at build time ({@code picocli.AutoComplete} and {@code picocli.codegen.docgen.manpage.
 * ManPageGenerator} with {@code --factory}): they build the command tree without running a command.
 */
public final class CommandFactory implements CommandLine.IFactory {

    private final CliContext context;

    /** A factory on the standard streams (for picocli's completion-script and man-page generators). */
    public CommandFactory() {
        this(new CliContext(System.in, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
    }

    /**
     * @param context what the commands share
     */
    public CommandFactory(CliContext context) {
        this.context = context;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        try {
            return cls.getDeclaredConstructor(CliContext.class).newInstance(context);
        } catch (NoSuchMethodException e) {
            return CommandLine.defaultFactory().create(cls);
        }
    }
}
