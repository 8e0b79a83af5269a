package org.salientsi.validation.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.core.engine.NoiseSpec;
import org.salientsi.core.engine.TestSpec;
import org.salientsi.core.search.NoiseModel;

/**
 * A test's specification as executors get it: serialised and read back, it is the driver's specification, every
 * option included; a covariance does not travel.
 */
class ShippedSpecTest {

    private static TestSpec everyOptionSet() {
        return TestSpec.defaults().withOption("method", "cam").withMethodOptions(Map.of("m", "3"))
                .withOption("target", "1").withOption("cam-layer", "conv2").withOption("selector", "top-k:5")
                .withOption("statistic", "contrast").withOption("alternative", "greater")
                .withOption("termination", "precision:0.01").withOption("skipping", "never")
                .withOption("range", "7.5").withOption("confidence", "0.9").withOption("sigma", "0.3")
                .withOption("search-threads", "3").withOption("max-seconds", "0.123456789")
                .withOption("search", "certified").withOption("width-limit", "1e-4");
    }

    private static Object roundTrip(Object value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }

    @Test
    void aSpecificationReadBackEqualsTheDriversWithEveryOption() throws Exception {
        TestSpec spec = everyOptionSet();
        TestSpec back = ((ShippedSpec) roundTrip(ShippedSpec.of(spec))).spec();
        assertThat(back).isEqualTo(spec);
        assertThat(back.timeLimit().toNanos()).isEqualTo(123_456_789L);
        assertThat(back.methodOptions()).containsEntry("m", "3");
    }

    @Test
    void theDefaultsReadBackAsTheDefaults() throws Exception {
        TestSpec spec = TestSpec.defaults().withOption("sigma", "1");
        assertThat(((ShippedSpec) roundTrip(ShippedSpec.of(spec))).spec()).isEqualTo(spec);
    }

    @Test
    void aCovarianceIsRefusedNamingTheOption() {
        NoiseSpec covariance = new NoiseSpec() {
            @Override
            public NoiseModel model(int n) {
                throw new AssertionError("not built");
            }

            @Override
            public String label() {
                return "cov.npy";
            }
        };
        TestSpec spec = TestSpec.defaults().withNoise(covariance);
        assertThatThrownBy(() -> ShippedSpec.of(spec)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--covariance").hasMessageContaining("--sigma");
    }
}
