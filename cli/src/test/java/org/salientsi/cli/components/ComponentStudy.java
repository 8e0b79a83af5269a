package org.salientsi.cli.components;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.result.ComponentResult;
import org.salientsi.api.result.ComponentTests;
import org.salientsi.core.engine.NoiseSpec;
import org.salientsi.core.engine.TestEngine;
import org.salientsi.core.engine.TestSpec;
import org.salientsi.core.plugin.Plugins;
import org.salientsi.core.region.ComponentSplit;
import org.salientsi.cli.TestData;
import org.salientsi.validation.study.ModelSource;
import org.salientsi.validation.generate.GaussianNoise;

/**
 * Draws images on one of the paper's models and tests their regions' components (CAM, a selector, {@code ref-mean}
 * against one fresh N(0, 1) reference, sigma 1): the test image is N(0, 1) noise plus {@code delta} on each of the
 * given blocks. A component is null when its contrast's mean is zero, i.e. when it overlaps no shifted block.
 */
final class ComponentStudy implements AutoCloseable {

    /** One tested component: its valid p-value and whether it is null. */
    record Tested(double p, boolean isNull) {
    }

    private final LoadedModel model;
    private final TestEngine engine;
    private final ImageShape shape;
    private final ComponentSplit split;

    /**
     * @param size the paper model's input side (8, 16, ...)
     * @param selector the region selector
     * @param split connectivity and minimum size
     */
    ComponentStudy(int size, String selector, ComponentSplit split) {
        Plugins plugins = Plugins.load();
        this.model = ModelSource.of(TestData.paperModel(size)).open(plugins);
        this.engine = TestEngine.create(plugins, model, model.backend(), TestSpec.defaults()
                .withNoise(NoiseSpec.sigma(1)).withSelector(selector).withConfidence(0).withSearchThreads(1));
        this.shape = model.imageShape();
        this.split = split;
    }

    /** @return the images' shape */
    ImageShape shape() {
        return shape;
    }

    /**
     * @param rng the draws
     * @param blocks {@code [top, left, side]} of each shifted block
     * @param delta the shift
     * @return the components of the drawn image's region with the truth of each (none if nothing was selected)
     */
    List<Tested> draw(SplittableRandom rng, List<int[]> blocks, double delta) {
        int n = shape.size();
        double[] x = new double[n];
        double[] r = new double[n];
        GaussianNoise.fill(rng, 1, x);
        GaussianNoise.fill(rng, 1, r);
        boolean[] signal = new boolean[n];
        int w = shape.width();
        for (int[] b : blocks) {
            for (int i = b[0]; i < b[0] + b[2]; i++) {
                for (int j = b[1]; j < b[1] + b[2]; j++) {
                    signal[i * w + j] = true;
                    x[i * w + j] += delta;
                }
            }
        }
        ComponentTests parts = engine.testComponents(Image.of(shape, x), List.of(Image.of(shape, r)), split);
        List<Tested> out = new ArrayList<>();
        for (ComponentResult c : parts.components()) {
            if (!c.tested()) {
                continue;
            }
            boolean isNull = true;
            for (int p : c.pixels()) {
                isNull &= !signal[p];
            }
            out.add(new Tested(c.validP(), isNull));
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        model.close();
    }
}
