package org.salientsi.methods.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.salientsi.api.spi.Capabilities;
import org.salientsi.core.plugin.Plugins;
import org.salientsi.core.testing.TestNetworks;

/**
 * Every method and selector of DESIGN.md section 4 is found by {@link java.util.ServiceLoader} under its
 * documented name (what {@code --method}, {@code --selector} and {@code salientsi list} use), and the
 * capabilities say which methods have p-values.
 */
class PluginDiscoveryTest {

    private static final Plugins PLUGINS = Plugins.load();

    @Test
    void everyDocumentedMethodIsInstalledWithItsCapability() {
        assertThat(PLUGINS.methods().names()).contains("cam", "gradcam", "gradient", "signed-gradient",
                "grad-x-input", "smoothgrad", "integrated-gradients", "occlusion");
        for (String name : new String[] {"cam", "gradcam", "gradient", "signed-gradient", "grad-x-input", "smoothgrad",
            "integrated-gradients"}) {
            assertThat(PLUGINS.methods().get(name).capabilities()).as(name).contains(Capabilities.PIECEWISE_LINEAR);
            assertThat(PLUGINS.method(name, TestNetworks.paperCam(8, 1, true), org.salientsi.api.spi.Parameters.empty())
                    .can(Capabilities.PIECEWISE_LINEAR)).as(name).isTrue();
        }
        assertThat(PLUGINS.methods().get("occlusion").capabilities()).contains(Capabilities.MAP_ONLY);
        assertThat(PLUGINS.methods().get("attention").capabilities()).containsExactly(Capabilities.BOUNDS_MAPS);
        assertThat(PLUGINS.methods().defaultProvider().name()).isEqualTo("cam");
    }

    @Test
    void everyDocumentedSelectorSpecificationResolves() {
        assertThat(PLUGINS.selectors().names()).contains("threshold", "minmax", "top-k", "percentile", "smooth");
        assertThat(PLUGINS.selector("threshold:0").name()).isEqualTo("threshold:0");
        assertThat(PLUGINS.selector("minmax:0.5").name()).isEqualTo("minmax:0.5");
        assertThat(PLUGINS.selector("top-k:10").name()).isEqualTo("top-k:10");
        assertThat(PLUGINS.selector("percentile:95").name()).isEqualTo("percentile:95");
        assertThat(PLUGINS.selector("smooth:1.5+top-k:10").name()).isEqualTo("smooth:1.5+top-k:10");
        assertThat(PLUGINS.selector("SMOOTH:2+minmax:0.25").name()).isEqualTo("smooth:2+minmax:0.25");
    }
}
