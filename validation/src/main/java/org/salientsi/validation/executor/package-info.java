/**
 * Where trials run: the {@link org.salientsi.validation.executor.TrialExecutor} SPI, found through
 * {@link java.util.ServiceLoader} by name ({@code --executor local|spark}), and its default, a local
 * thread pool ({@link org.salientsi.validation.executor.LocalTrialExecutor}). Another module
 * (salientsi-validation-spark) adds {@code spark}. Every executor runs the same
 * {@link org.salientsi.validation.study.TrialRunner}, so the rows do not depend on it.
 */
package org.salientsi.validation.executor;
