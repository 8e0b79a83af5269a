package org.salientsi.backend.dl4j.io;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.inputs.InputType;

/**
 * A model read by DL4J, before translation.
 *
 * @param model a {@link org.deeplearning4j.nn.graph.ComputationGraph} or a
 *     {@link org.deeplearning4j.nn.multilayer.MultiLayerNetwork}, in the precision it was saved in
 * @param inputType the input type the file records (Keras files), or {@code null} (DL4J zips do not
 *     record it)
 * @param description what was read, for logs (for example {@code "Keras 2.8.0 Functional model"})
 */
public record Imported(Model model, InputType inputType, String description) {
}
