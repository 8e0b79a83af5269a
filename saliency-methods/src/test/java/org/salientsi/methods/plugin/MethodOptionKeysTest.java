package org.salientsi.methods.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.UnknownOptionException;
import org.salientsi.api.ir.Network;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.saliency.SaliencyMethodProvider;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.spi.PluginRegistry;
import org.salientsi.core.plugin.Plugins;
import org.salientsi.core.testing.TestNetworks;

/**
 * Every option a method is given is used or refused: the methods of this module declare the keys they
 * read, a key outside them is refused with the known ones listed, and each declared key is really read
 * (a bad value for it is refused naming it).
 */
class MethodOptionKeysTest {

    private static final Plugins PLUGINS = Plugins.load();
    private static final Network NET = TestNetworks.paperCam(8, 1, true);

    /** For each method, a bad value per declared key (each must be refused, naming the key). */
    private static final Map<String, Map<String, String>> BAD_VALUES = Map.of(
            "cam", Map.of("target", "7", "cam-layer", "no_such_layer"),
            "gradcam", Map.of("target", "7", "cam-layer", "no_such_layer"),
            "gradient", Map.of("target", "7", "channels", "median"),
            "signed-gradient", Map.of("target", "7", "channels", "median"),
            "grad-x-input", Map.of("target", "7", "channels", "median"),
            "smoothgrad", Map.of("target", "7", "channels", "median", "m", "0", "noise", "-1", "seed", "x"),
            "integrated-gradients", Map.of("target", "7", "channels", "median", "m", "0", "baseline", "[1, 2"),
            "occlusion", Map.of("target", "7", "window", "0", "stride", "0", "baseline", "x"));

    @Test
    void everyBuiltInMethodDeclaresTheKeysItReads() {
        assertThat(PLUGINS.methods().names()).containsAll(BAD_VALUES.keySet());
        for (Map.Entry<String, Map<String, String>> e : BAD_VALUES.entrySet()) {
            SaliencyMethodProvider p = PLUGINS.methods().get(e.getKey());
            assertThat(p.optionKeys()).as(e.getKey()).contains(e.getValue().keySet());
            for (Map.Entry<String, String> bad : e.getValue().entrySet()) {
                assertThatThrownBy(() -> PLUGINS.method(e.getKey(), NET, Parameters.empty().with(bad.getKey(),
                        bad.getValue()))).as("%s with %s=%s", e.getKey(), bad.getKey(), bad.getValue())
                        .isInstanceOf(InvalidInputException.class)
                        .isNotInstanceOf(UnknownOptionException.class)
                        .hasMessageContaining(bad.getKey().equals("cam-layer") ? "no_such_layer" : bad.getKey());
            }
        }
    }

    @Test
    void anUnknownKeyIsRefusedWithTheKnownOnesListed() {
        Parameters typo = Parameters.empty().with("target", "0").with("cam_layer", "up");
        assertThatThrownBy(() -> PLUGINS.method("cam", NET, typo)).isInstanceOf(UnknownOptionException.class)
                .hasMessage("unknown option 'cam_layer' of saliency method 'cam'; known: cam-layer, target");
        // an option of another method
        assertThatThrownBy(() -> PLUGINS.method("gradient", NET, Parameters.empty().with("cam-layer", "up")))
                .isInstanceOf(UnknownOptionException.class).hasMessageContaining("known: channels, target");
        assertThatThrownBy(() -> PLUGINS.checkMethodOptions("occlusion", Parameters.empty().with("m", "4")))
                .isInstanceOf(UnknownOptionException.class)
                .hasMessageContaining("known: baseline, stride, target, window");
        // the declared keys pass
        assertThat(PLUGINS.method("cam", NET, Parameters.empty().with("target", "0").with("cam-layer", "up"))
                .name()).isEqualTo("cam");
    }

    @Test
    void aProviderThatDoesNotDeclareItsKeysGetsThemUnchecked() {
        SaliencyMethodProvider undeclared = new SaliencyMethodProvider() {
            @Override
            public String name() {
                return "legacy";
            }

            @Override
            public String description() {
                return "a provider written before option keys were declared";
            }

            @Override
            public SaliencyMethod create(Network network, Parameters parameters) {
                return PLUGINS.method("cam", network, Parameters.empty());
            }
        };
        SaliencyMethodProvider none = new SaliencyMethodProvider() {
            @Override
            public String name() {
                return "no-options";
            }

            @Override
            public String description() {
                return "a provider that reads no option";
            }

            @Override
            public Optional<Set<String>> optionKeys() {
                return Optional.of(Set.of());
            }

            @Override
            public SaliencyMethod create(Network network, Parameters parameters) {
                return PLUGINS.method("cam", network, Parameters.empty());
            }
        };
        Plugins plugins = new Plugins(PLUGINS.backends(),
                PluginRegistry.empty(SaliencyMethodProvider.class, "saliency method").register(undeclared)
                        .register(none), PLUGINS.selectors(), PLUGINS.statistics());
        assertThat(plugins.method("legacy", NET, Parameters.empty().with("anything", "1"))).isNotNull();
        assertThatThrownBy(() -> plugins.method("no-options", NET, Parameters.empty().with("anything", "1")))
                .isInstanceOf(UnknownOptionException.class)
                .hasMessage("unknown option 'anything' of saliency method 'no-options'; known: (none: it takes no "
                        + "option)");
    }
}
