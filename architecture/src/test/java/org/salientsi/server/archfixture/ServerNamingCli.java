package org.salientsi.server.archfixture;

import org.salientsi.cli.archfixture.CliPrinter;

/** Breaks "the server sits on the facade": an endpoint that names the command line. */
public final class ServerNamingCli {
    public CliPrinter cli;
}
