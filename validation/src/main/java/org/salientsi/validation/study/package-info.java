/**
 * What a validation study is ({@link org.salientsi.validation.study.Study}: a model, an image
 * generator, the selection and test options, a trial count and a master seed) and how one trial
 * runs ({@link org.salientsi.validation.study.TrialRunner}). A trial's data depend on the master
 * seed and the trial's index only ({@link org.salientsi.validation.study.TrialSeeds}), so any
 * executor, in any order, on any number of machines, gives the same
 * {@link org.salientsi.validation.study.TrialRow}s.
 */
package org.salientsi.validation.study;
