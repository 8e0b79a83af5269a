package org.salientsi.api.spi;

/** Listed in META-INF/services/org.salientsi.api.spi.TestWidgetProvider; keeps the default rank. */
public final class BetaWidgetProvider implements TestWidgetProvider {

    /** Public no-argument constructor, as ServiceLoader needs. */
    public BetaWidgetProvider() {
    }

    @Override
    public String name() {
        return "beta";
    }

    @Override
    public String description() {
        return "the beta test widget";
    }

    @Override
    public String greet() {
        return "hello from beta";
    }
}
