/**
 * Runs a whole study: resumes from its checkpoint, hands the missing trials to an executor, streams
 * every finished row to the checkpoint and a listener, and reduces all rows to the summary
 * ({@link org.salientsi.validation.run.StudyRunner}).
 */
package org.salientsi.validation.run;
