package org.salientsi.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.UnknownPluginException;

class PluginRegistryTest {

    /** A registrable plugin with a chosen name and rank. */
    private record Fake(String name, int rank) implements TestWidgetProvider {
        @Override
        public String description() {
            return "fake " + name;
        }

        @Override
        public String greet() {
            return "fake " + name;
        }
    }

    private static PluginRegistry<TestWidgetProvider> registry(String kind, TestWidgetProvider... providers) {
        PluginRegistry<TestWidgetProvider> r = PluginRegistry.empty(TestWidgetProvider.class, kind);
        for (TestWidgetProvider p : providers) {
            r.register(p);
        }
        return r;
    }

    /** Runs {@code body} with a system property set, restoring the previous value afterwards. */
    private static void withProperty(String key, String value, Runnable body) {
        String old = System.getProperty(key);
        try {
            System.setProperty(key, value);
            body.run();
        } finally {
            if (old == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, old);
            }
        }
    }

    @Test
    void emptyRegistryHasNoProviders() {
        PluginRegistry<TestWidgetProvider> r = registry("test widget");
        assertThat(r.all()).isEmpty();
        assertThat(r.names()).isEmpty();
        assertThat(r.find("x")).isEmpty();
        assertThat(r.type()).isEqualTo(TestWidgetProvider.class);
        assertThat(r.kind()).isEqualTo("test widget");
    }

    @Test
    void explicitRegistrationIsFoundByName() {
        Fake cam = new Fake("cam", 10);
        PluginRegistry<TestWidgetProvider> r = registry("test widget", cam, new Fake("gradient", 20));
        assertThat(r.get("cam")).isSameAs(cam);
        assertThat(r.find("cam")).containsSame(cam);
    }

    @Test
    void lookupIgnoresCase() {
        Fake cam = new Fake("GradCam", 10);
        PluginRegistry<TestWidgetProvider> r = registry("test widget", cam);
        assertThat(r.get("gradcam")).isSameAs(cam);
        assertThat(r.get("GRADCAM")).isSameAs(cam);
        assertThat(r.find("gRaDcAm")).containsSame(cam);
    }

    @Test
    void findOfNullIsEmpty() {
        assertThat(registry("test widget", new Fake("a", 1)).find(null)).isEmpty();
    }

    @Test
    void registeringTheSameNameReplacesTheProvider() {
        Fake first = new Fake("cam", 10);
        Fake second = new Fake("CAM", 5);
        PluginRegistry<TestWidgetProvider> r = registry("test widget", first, second);
        assertThat(r.all()).containsExactly(second);
        assertThat(r.get("cam")).isSameAs(second);
    }

    @Test
    void unknownNameThrowsListingTheKnownNames() {
        PluginRegistry<TestWidgetProvider> r = registry("saliency method", new Fake("cam", 10),
                new Fake("gradient", 30), new Fake("gradcam", 20));
        assertThatThrownBy(() -> r.get("lime"))
                .isInstanceOf(UnknownPluginException.class)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("saliency method")
                .hasMessageContaining("'lime'")
                .hasMessageContaining("cam, gradcam, gradient");
        UnknownPluginException e = org.junit.jupiter.api.Assertions.assertThrows(UnknownPluginException.class,
                () -> r.get("lime"));
        assertThat(e.kind()).isEqualTo("saliency method");
        assertThat(e.name()).isEqualTo("lime");
        assertThat(e.known()).containsExactly("cam", "gradcam", "gradient");
    }

    @Test
    void unknownNameInAnEmptyRegistrySaysNoneInstalled() {
        assertThatThrownBy(() -> registry("backend").get("onnx"))
                .isInstanceOf(UnknownPluginException.class)
                .hasMessageContaining("(none installed)");
    }

    @Test
    void providersAreOrderedByRankThenName() {
        PluginRegistry<TestWidgetProvider> r = registry("test widget", new Fake("zeta", 1), new Fake("delta", 50),
                new Fake("alpha", 50), new Fake("omega", 100), new Fake("beta", 1), new Fake("mid", -5));
        assertThat(r.names()).containsExactly("mid", "beta", "zeta", "alpha", "delta", "omega");
        assertThat(r.all()).extracting(Plugin::name).containsExactly("mid", "beta", "zeta", "alpha", "delta", "omega");
    }

    @Test
    void defaultProviderHasTheLowestRank() {
        String kind = "test widget";
        assumeTrue(System.getenv("SALIENTSI_DEFAULT_TEST_WIDGET") == null, "environment sets the default");
        assumeTrue(System.getProperty("salientsi.default.test-widget") == null, "property already set");
        Fake low = new Fake("zzz", 3);
        PluginRegistry<TestWidgetProvider> r = registry(kind, new Fake("aaa", 7), low, new Fake("mmm", 100));
        assertThat(r.defaultProvider()).isSameAs(low);
    }

    @Test
    void defaultProviderBreaksRankTiesByName() {
        assumeTrue(System.getenv("SALIENTSI_DEFAULT_TEST_WIDGET") == null, "environment sets the default");
        Fake b = new Fake("bravo", 5);
        PluginRegistry<TestWidgetProvider> r = registry("test widget", new Fake("charlie", 5), b);
        assertThat(r.defaultProvider()).isSameAs(b);
    }

    @Test
    void defaultProviderOfAnEmptyRegistryIsAnError() {
        assumeTrue(System.getenv("SALIENTSI_DEFAULT_TEST_WIDGET") == null, "environment sets the default");
        assertThatThrownBy(() -> registry("test widget").defaultProvider())
                .isInstanceOf(UnknownPluginException.class)
                .hasMessageContaining("test widget");
    }

    @Test
    void systemPropertyOverridesTheDefault() {
        Fake preferred = new Fake("heavy", 900);
        PluginRegistry<TestWidgetProvider> r = registry("test widget", new Fake("light", 1), preferred);
        withProperty("salientsi.default.test-widget", "heavy",
                () -> assertThat(r.defaultProvider()).isSameAs(preferred));
        assertThat(System.getProperty("salientsi.default.test-widget")).isNull();
    }

    @Test
    void systemPropertyKeyIsTheKindInLowerCaseWithDashes() {
        Fake preferred = new Fake("heavy", 900);
        PluginRegistry<TestWidgetProvider> r = registry("Saliency Test Method", new Fake("light", 1), preferred);
        withProperty("salientsi.default.saliency-test-method", "  HEAVY ",
                () -> assertThat(r.defaultProvider()).isSameAs(preferred));
        // the key with spaces or capitals is not consulted
        withProperty("salientsi.default.Saliency Test Method", "heavy",
                () -> assertThat(r.defaultProvider().name()).isEqualTo("light"));
    }

    @Test
    void blankSystemPropertyFallsBackToTheLowestRank() {
        PluginRegistry<TestWidgetProvider> r = registry("test widget", new Fake("light", 1), new Fake("heavy", 900));
        withProperty("salientsi.default.test-widget", "   ",
                () -> assertThat(r.defaultProvider().name()).isEqualTo("light"));
    }

    @Test
    void systemPropertyNamingAnUnknownProviderIsAnError() {
        PluginRegistry<TestWidgetProvider> r = registry("test widget", new Fake("light", 1), new Fake("heavy", 900));
        withProperty("salientsi.default.test-widget", "medium",
                () -> assertThatThrownBy(r::defaultProvider)
                        .isInstanceOf(UnknownPluginException.class)
                        .hasMessageContaining("'medium'")
                        .hasMessageContaining("light, heavy"));
    }

    @Test
    void loadFindsProvidersListedInMetaInfServices() {
        PluginRegistry<TestWidgetProvider> r = PluginRegistry.load(TestWidgetProvider.class, "test widget");
        assertThat(r.names()).containsExactly("alpha", "beta");
        assertThat(r.get("ALPHA")).isInstanceOf(AlphaWidgetProvider.class);
        assertThat(r.get("beta").greet()).isEqualTo("hello from beta");
        assertThat(r.get("alpha").hasCapability(Capabilities.NATIVE_PREDICT)).isTrue();
        assertThat(r.get("beta").hasCapability(Capabilities.NATIVE_PREDICT)).isFalse();
        assertThat(r.get("beta").rank()).isEqualTo(100);
        assertThat(r.loadErrors()).isEmpty();
    }

    @Test
    void loadedRegistryAcceptsExplicitRegistrations() {
        PluginRegistry<TestWidgetProvider> r = PluginRegistry.load(TestWidgetProvider.class, "test widget");
        r.register(new Fake("gamma", 0));
        assertThat(r.names()).containsExactly("gamma", "alpha", "beta");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void loadSkipsBrokenProvidersAndKeepsTheirErrors() {
        PluginRegistry<FlakyGadgetProvider> r = PluginRegistry.load(FlakyGadgetProvider.class, "gadget");
        assertThat(r.names()).containsExactly("good");
        List<String> errors = r.loadErrors();
        assertThat(errors).hasSize(2);
        assertThat(errors).anyMatch(m -> m.contains("NoSuchGadget"));
        assertThat(errors).anyMatch(m -> m.contains("Exploding"));
    }

    @Test
    void loadOfAnInterfaceWithNoProvidersIsEmpty() {
        interface Unlisted extends Plugin {
        }
        PluginRegistry<Unlisted> r = PluginRegistry.load(Unlisted.class, "unlisted");
        assertThat(r.all()).isEmpty();
        assertThat(r.loadErrors()).isEmpty();
    }

    @Test
    void pluginDefaultsAreRank100AndNoCapabilities() {
        Plugin p = new Plugin() {
            @Override
            public String name() {
                return "p";
            }

            @Override
            public String description() {
                return "d";
            }
        };
        assertThat(p.rank()).isEqualTo(100);
        assertThat(p.capabilities()).isEqualTo(Set.of());
        assertThat(p.hasCapability(Capabilities.PIECEWISE_LINEAR)).isFalse();
    }

    @Test
    void toStringNamesKindAndProviders() {
        assertThat(registry("test widget", new Fake("b", 2), new Fake("a", 1)).toString())
                .contains("test widget").contains("[a, b]");
    }
}
