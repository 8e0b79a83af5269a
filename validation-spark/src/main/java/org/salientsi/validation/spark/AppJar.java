package org.salientsi.validation.spark;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.jar.JarFile;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.spi.Parameters;

/**
 * The application jar a driver ships to executors in other JVMs (a standalone, YARN or Kubernetes
 * master): SalientSI's classes and their dependencies without Spark and Scala, as {@code spark-app}
 * builds it ({@code spark-app/target/salientsi-spark.jar}).
 */
public final class AppJar {

    /** Executor option naming the application jar. */
    public static final String OPTION = "app-jar";
    /** Environment variable naming the application jar when the option is not given. */
    public static final String ENVIRONMENT = "SALIENTSI_SPARK_JAR";
    /** A class that only a jar holding SalientSI's engine contains (the thin module jars do not). */
    static final String ENGINE_CLASS = "org/salientsi/core/engine/TestEngine.class";

    private AppJar() {
    }

    /**
     * Finds the application jar: the {@value #OPTION} option, else the {@value #ENVIRONMENT} environment
     * variable, else the jar this class was loaded from when it holds the engine too (the driver runs from
     * the application jar itself).
     *
     * @param options the executor's options
     * @param master the Spark master, for the message
     * @return the jar's absolute path
     * @throws InvalidInputException if the named jar is not a file, or none is named and this class comes
     *     from a jar without the engine (the command line's thin jars)
     */
    public static Path locate(Parameters options, String master) {
        String named = options.get(OPTION).orElse(System.getenv(ENVIRONMENT));
        if (named != null && !named.isBlank()) {
            Path jar = Path.of(named.trim()).toAbsolutePath();
            if (!Files.isRegularFile(jar)) {
                throw new InvalidInputException("--executor-option " + OPTION + ": application jar not found: " + jar);
            }
            return jar;
        }
        Path self = selfContained();
        if (self != null) {
            return self;
        }
        throw new InvalidInputException("master " + master + " runs tasks in other JVMs, which need SalientSI's "
                + "application jar: build it (mvn -B -pl spark-app -am package -DskipTests) and add "
                + "--executor-option " + OPTION + "=spark-app/target/salientsi-spark.jar (docs/cluster.md)");
    }

    /** @return the jar this class was loaded from if it also holds the engine, else {@code null} */
    static Path selfContained() {
        CodeSource source = AppJar.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            Path location = Path.of(source.getLocation().toURI()).toAbsolutePath();
            if (!Files.isRegularFile(location)) {
                return null;
            }
            try (JarFile jar = new JarFile(location.toFile())) {
                return jar.getEntry(ENGINE_CLASS) == null ? null : location;
            }
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
