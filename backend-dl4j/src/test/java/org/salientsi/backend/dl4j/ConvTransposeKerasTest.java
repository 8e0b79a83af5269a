package org.salientsi.backend.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.error.UnsupportedLayerException;
import org.salientsi.api.ir.ConvTranspose;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Node;
import org.salientsi.api.ir.Padding;
import org.salientsi.api.ir.Sigmoid;
import org.salientsi.api.spi.Parameters;

/**
 * Keras {@code Conv2DTranspose} through DL4J's import ({@code Deconvolution2D}): the U-Net fixture of
 * {@code src/test/python/make_keras_unet.py} translates to {@link ConvTranspose} nodes ('valid' k2 s2, and
 * 'same' k3 s2 cropping one row and column at the top and left), ends in a sigmoid, and its output
 * matches the NumPy reference (in {@link PaperModelTest}) and DL4J (in {@link Dl4jConformanceTest}); an
 * output padding, which DL4J's importer would ignore, is refused naming the layer.
 */
class ConvTransposeKerasTest {

    @TempDir
    Path dir;

    @Test
    void conv2dTransposeLayersTranslateToTheIr() throws Exception {
        Path file = TestModels.resourceFile("keras/functional_unet.h5", dir);
        try (LoadedModel model = TestModels.backend().load(file, Parameters.empty())) {
            Network net = model.network();
            ConvTranspose[] ops = net.nodes().stream().map(Node::op).filter(ConvTranspose.class::isInstance)
                    .map(ConvTranspose.class::cast).toArray(ConvTranspose[]::new);
            assertThat(ops).hasSize(2);
            assertThat(ops[0].padding()).isEqualTo(Padding.NONE);
            assertThat(new int[] {ops[0].kernelH(), ops[0].strideH(), ops[0].inChannels(), ops[0].outChannels()})
                    .containsExactly(2, 2, 4, 3);
            assertThat(ops[1].padding()).isEqualTo(Padding.of(0, 0, 1, 1));
            assertThat(net.node(net.output()).op()).isInstanceOf(Sigmoid.class);
            assertThat(net.node(net.output()).shape().height()).isEqualTo(16);
        }
    }

    @Test
    void outputPaddingIsRefusedNamingTheLayer() {
        Path file = TestModels.resourceFile("keras/bad/conv_transpose_output_padding.h5", dir);
        UnsupportedLayerException e = catchThrowableOfType(UnsupportedLayerException.class,
                () -> TestModels.backend().load(file, Parameters.empty()));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("up_same").contains("output_padding").doesNotContain("\n");
        assertThat(Arrays.asList(e.layerName(), e.layerType())).containsExactly("up_same", "Conv2DTranspose");
    }
}
