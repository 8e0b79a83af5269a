/** The {@code salientsi} subcommands. */
package org.salientsi.cli.command;
