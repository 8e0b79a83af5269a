/**
 * Examples that embed SalientSI through its Java API, custom plugins, and the training programs of
 * the sanity-check experiments. The paper's trained Keras models live in examples/models/paper (MIT,
 * see its README).
 */
package org.salientsi.examples;
