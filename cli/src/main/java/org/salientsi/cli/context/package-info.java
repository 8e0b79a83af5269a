/**
 * What every command of the command line is given: the {@link org.salientsi.cli.context.CliContext}
 * (standard streams, the installed plugins, the JSON mapper) and the {@link org.salientsi.cli.context.ExitCodes}
 * of a failure's kind. The root package builds the command tree on it; the commands use it; it uses neither.
 */
package org.salientsi.cli.context;
