package org.salientsi.api.spi;

/** A provider interface that exists only in tests, found through META-INF/services. */
public interface TestWidgetProvider extends Plugin {

    /** @return a value that shows which provider answered */
    String greet();
}
