/**
 * The parts of {@code salientsi validate}: the progress bars of running studies
 * ({@link org.salientsi.cli.validate.StudyProgress}) and the paper's experiment as the subcommand
 * {@code salientsi validate paper} ({@link org.salientsi.cli.validate.PaperCommand}).
 */
package org.salientsi.cli.validate;
