package org.salientsi.api.spi;

import java.util.Set;

/** Listed in META-INF/services/org.salientsi.api.spi.TestWidgetProvider. */
public final class AlphaWidgetProvider implements TestWidgetProvider {

    /** Public no-argument constructor, as ServiceLoader needs. */
    public AlphaWidgetProvider() {
    }

    @Override
    public String name() {
        return "alpha";
    }

    @Override
    public String description() {
        return "the alpha test widget";
    }

    @Override
    public int rank() {
        return 20;
    }

    @Override
    public Set<String> capabilities() {
        return Set.of(Capabilities.NATIVE_PREDICT);
    }

    @Override
    public String greet() {
        return "hello from alpha";
    }
}
