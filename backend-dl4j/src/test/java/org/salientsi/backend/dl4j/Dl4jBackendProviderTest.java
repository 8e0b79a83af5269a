package org.salientsi.backend.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.salientsi.api.backend.ModelBackend;
import org.salientsi.api.backend.ModelBackendProvider;
import org.salientsi.api.spi.Capabilities;
import org.salientsi.api.spi.PluginRegistry;

/** The provider is found through ServiceLoader and describes itself. */
class Dl4jBackendProviderTest {

    @Test
    void providerIsFoundByThePluginRegistry() {
        PluginRegistry<ModelBackendProvider> registry = PluginRegistry.load(ModelBackendProvider.class, "backend");
        assertThat(registry.loadErrors()).isEmpty();
        assertThat(registry.names()).contains("dl4j");
        ModelBackendProvider provider = registry.get("DL4J");
        assertThat(provider).isInstanceOf(Dl4jBackendProvider.class);
        assertThat(provider.description()).isNotBlank();
        assertThat(provider.capabilities()).containsExactlyInAnyOrder(Capabilities.PIECEWISE_LINEAR_IR,
                Capabilities.NATIVE_PREDICT);
        assertThat(provider.hasCapability(Capabilities.NATIVE_PREDICT)).isTrue();
    }

    @Test
    void providerOpensKerasAndDl4jFilesByExtension() {
        ModelBackendProvider provider = new Dl4jBackendProvider();
        assertThat(provider.fileExtensions()).containsExactly(".h5", ".hdf5", ".keras", ".zip");
        assertThat(provider.canOpen(Path.of("models", "model_8.H5"))).isTrue();
        assertThat(provider.canOpen(Path.of("net.zip"))).isTrue();
        assertThat(provider.canOpen(Path.of("net.onnx"))).isFalse();
    }

    @Test
    void backendIsCreatedOnceAndNamesItsRuntimeVersion() {
        ModelBackend a = new Dl4jBackendProvider().backend();
        ModelBackend b = new Dl4jBackendProvider().backend();
        assertThat(a).isSameAs(b);
        assertThat(a.name()).isEqualTo("dl4j");
        assertThat(a.version()).isEqualTo("1.0.0-M2.1");
    }
}
