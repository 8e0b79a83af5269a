package org.salientsi.validation.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Relu;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.core.plugin.Plugins;
import org.salientsi.validation.generate.ImageGenerator;
import org.salientsi.validation.study.ModelSource;
import org.salientsi.validation.study.Study;
import org.salientsi.validation.study.TrialRow;
import org.salientsi.validation.study.TrialRunner;

/**
 * A model as executors get it: serialised and read back, the IR is the same network (node by node) and
 * gives the rows of the model opened by its backend; an executor's plugins hold no backend; a serial form
 * whose nodes do not fit is refused.
 */
class ShippedModelTest {

    private static Study study() {
        Path model = Path.of(System.getProperty("salientsi.paperModels", "../examples/models/paper"), "model_8.h5");
        return Study.of(ModelSource.of(model)).withTrials(6).withSeed(99L).withGenerator(ImageGenerator.signal(1.0));
    }

    private static Object roundTrip(Object value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }

    @Test
    void aShippedModelReadBackGivesTheBackendsRows() throws Exception {
        Study study = study();
        ShippedModel shipped = SparkTrialExecutor.compile(study);
        ShippedModel back = (ShippedModel) roundTrip(shipped);
        assertThat(back.network()).isNotSameAs(shipped.network());
        assertThat(back.network().describe()).isEqualTo(shipped.network().describe());
        assertThat(back.imageShape()).isEqualTo(shipped.imageShape());
        assertThat(back.sha256()).isEqualTo(study.model().sha256());
        TrialRunner executor = new TrialRunner(study, back, ShippedModel.executorPlugins());
        Plugins plugins = Plugins.load();
        try (var loaded = study.model().open(plugins)) {
            TrialRunner driver = new TrialRunner(study, loaded, plugins);
            for (int i = 0; i < 6; i++) {
                TrialRow a = executor.run(i);
                TrialRow b = driver.run(i);
                assertThat(a.sameOutcome(b)).as("trial %d", i).isTrue();
            }
        }
    }

    @Test
    void anExecutorLoadsNoBackend() {
        assertThat(ShippedModel.executorPlugins().backends().all()).isEmpty();
        assertThat(ShippedModel.executorPlugins().methods().all()).isNotEmpty();
        assertThat(Plugins.load().backends().all()).isNotEmpty();
    }

    @Test
    void aSerialisedNetworkIsCheckedAgainWhenRead() throws Exception {
        // a network whose serial form is altered to read a node that does not exist: the Builder refuses it
        Network.Builder b = Network.builder(TensorShape.of(1, 2, 2));
        Network net = b.build(b.add("relu", new Relu(), b.input()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(net);
        }
        byte[] data = bytes.toByteArray();
        // the relu's input array [0] is the last int array written: point it at node 7
        int at = lastIntArrayOfOne(data);
        data[at] = 7;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data))) {
            assertThatThrownBy(in::readObject).isInstanceOf(InvalidObjectException.class)
                    .hasMessageContaining("relu");
        }
        assertThat(((Network) roundTrip(net)).describe()).isEqualTo(net.describe());
    }

    /** @return the offset of the value of the last serialised int[] of length one */
    private static int lastIntArrayOfOne(byte[] data) {
        // an int[] is written as TC_ARRAY, its class descriptor or a back reference, the length 00 00 00 01 and
        // the four bytes of the value (big-endian): find the last length-one marker followed by 00 00 00 00
        for (int i = data.length - 8; i >= 0; i--) {
            if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 0 && data[i + 3] == 1 && data[i + 4] == 0
                    && data[i + 5] == 0 && data[i + 6] == 0 && data[i + 7] == 0) {
                return i + 7;
            }
        }
        throw new AssertionError("no int[1] in the serial form");
    }
}
