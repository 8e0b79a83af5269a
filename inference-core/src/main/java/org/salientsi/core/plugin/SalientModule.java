package org.salientsi.core.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.salientsi.core.search.SelectiveTest;

/**
 * Binds the installed plugins (found with {@link java.util.ServiceLoader}) and the default selective
 * test. Install it in an injector:
 *
 * <pre>{@code
 * Plugins plugins = Guice.createInjector(new SalientModule()).getInstance(Plugins.class);
 * }</pre>
 *
 * <p>To add plugins that {@code ServiceLoader} cannot see, register them on the registries of the
 * injected {@link Plugins} ({@code plugins.methods().register(...)}).
 */
public final class SalientModule extends AbstractModule {

    @Provides
    @Singleton
    Plugins plugins() {
        return Plugins.load();
    }

    @Provides
    SelectiveTest defaultTest() {
        return SelectiveTest.withDefaults();
    }
}
