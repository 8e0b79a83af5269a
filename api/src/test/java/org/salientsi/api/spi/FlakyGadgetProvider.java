package org.salientsi.api.spi;

/**
 * A test-only provider interface whose services file also lists a missing class and a provider whose
 * constructor throws, so that {@link PluginRegistry#load} must skip them and keep going.
 */
public interface FlakyGadgetProvider extends Plugin {

    /** Loads fine. */
    final class Good implements FlakyGadgetProvider {
        /** For ServiceLoader. */
        public Good() {
        }

        @Override
        public String name() {
            return "good";
        }

        @Override
        public String description() {
            return "a gadget that loads";
        }
    }

    /** Fails in its constructor. */
    final class Exploding implements FlakyGadgetProvider {
        /** For ServiceLoader; always throws. */
        public Exploding() {
            throw new IllegalStateException("exploding gadget refuses to start");
        }

        @Override
        public String name() {
            return "exploding";
        }

        @Override
        public String description() {
            return "never constructed";
        }
    }
}
