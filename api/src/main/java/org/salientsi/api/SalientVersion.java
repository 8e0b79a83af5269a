package org.salientsi.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The SalientSI version, read from the build (for provenance and {@code --version}). */
public final class SalientVersion {

    private static final String CURRENT = read();

    private SalientVersion() {
    }

    /** @return the version of the api jar, or {@code "unknown"} outside a build */
    public static String current() {
        return CURRENT;
    }

    private static String read() {
        try (InputStream in = SalientVersion.class.getResourceAsStream("/org/salientsi/api/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties props = new Properties();
            props.load(in);
            return props.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
