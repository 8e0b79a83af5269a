package org.salientsi.validation.spark;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.salientsi.core.engine.NoiseSpec;
import org.salientsi.core.engine.TestEngine;
import org.salientsi.core.engine.TestSpec;
import org.salientsi.core.search.Selection;

/**
 * How a search's regions are chosen, as it travels to a cluster's executors: the model's IR and the
 * names and parameters of the saliency method, the selector and the statistic. An executor rebuilds the
 * {@link Selection} from the plugins on its class path by name ({@link ShippedModel#executorPlugins}); it
 * loads no backend and reads no file.
 *
 * @param model the model's IR for the images' shape
 * @param method the saliency method's name
 * @param methodOptions its options (without {@code target} and {@code cam-layer})
 * @param target the explained output unit, or {@code null} for the default
 * @param camLayer the CAM layer, or {@code null}
 * @param selector the selector's specification
 * @param statistic the statistic's name, or {@code null} for the default (it plays no part in a walk)
 */
record ShippedSelection(ShippedModel model, String method, TreeMap<String, String> methodOptions, Integer target,
                        String camLayer, String selector, String statistic) implements Serializable {

    private static final long serialVersionUID = 1L;

    ShippedSelection {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(methodOptions, "methodOptions");
        Objects.requireNonNull(selector, "selector");
    }

    /**
     * @param model the compiled model
     * @param spec the test's specification
     * @return what executors need of both to choose regions
     */
    static ShippedSelection of(ShippedModel model, TestSpec spec) {
        return new ShippedSelection(model, spec.method(), new TreeMap<>(spec.methodOptions()), spec.target(),
                spec.camLayer(), spec.selector(), spec.statistic());
    }

    /**
     * @return the selection, built from the executor's plugins through the engine every command uses
     */
    Selection selection() {
        TestSpec spec = TestSpec.defaults().withMethod(method).withMethodOptions(Map.copyOf(methodOptions))
                .withTarget(target).withCamLayer(camLayer).withSelector(selector).withStatistic(statistic)
                .withNoise(NoiseSpec.sigma(1));
        return TestEngine.create(ShippedModel.executorPlugins(), model, model.backend(), spec)
                .selection(model.imageShape(), false);
    }
}
