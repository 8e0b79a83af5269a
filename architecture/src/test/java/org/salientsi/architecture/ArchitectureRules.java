package org.salientsi.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasParameterTypes.Predicates.rawParameterTypes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;

/**
 * The module and package rules of DESIGN.md section 3, written once: {@link ArchitectureTest} applies them to the
 * production classes, {@link RulesCanFailTest} to small classes in this module's test sources that break them.
 *
 * <p>A module is named by its packages: {@code org.salientsi.api..} (api), {@code org.salientsi.io..} (io),
 * {@code org.salientsi.reports..} (reports: HTML, pictures, plots),
 * {@code org.salientsi.core..} (inference-core), {@code org.salientsi.methods..} (saliency-methods),
 * {@code org.salientsi.backend.dl4j..} and {@code org.salientsi.backend.onnx..} (the backends),
 * {@code org.salientsi.facade..}, {@code org.salientsi.server..} (the HTTP server), {@code org.salientsi.validation..}
 * (validation, validation-spark), {@code org.salientsi.sanity..} (the saliency sanity checks) and
 * {@code org.salientsi.cli..} (the command line).
 */
public final class ArchitectureRules {

    static final String PROJECT = "org.salientsi..";
    static final String API = "org.salientsi.api..";
    static final String IO = "org.salientsi.io..";
    static final String REPORTS = "org.salientsi.reports..";
    static final String CORE = "org.salientsi.core..";
    static final String DL4J = "org.salientsi.backend.dl4j..";
    static final String ONNX = "org.salientsi.backend.onnx..";
    static final String FACADE = "org.salientsi.facade..";
    static final String SERVER = "org.salientsi.server..";
    static final String CLI = "org.salientsi.cli..";
    static final String VALIDATION = "org.salientsi.validation..";
    static final String SANITY = "org.salientsi.sanity..";

    /** The api is the contract every module implements: it names none of them. */
    public static final ArchRule API_KNOWS_NO_IMPLEMENTATION = noClasses()
            .that().resideInAPackage(API)
            .should().dependOnClassesThat(projectClassesOutside(API))
            .because("the api is the SPI and the value types that every module implements or uses (DESIGN.md 3)");

    /** The api needs nothing but the JDK and Jackson's annotations. */
    public static final ArchRule API_USES_ONLY_JDK_AND_JACKSON_ANNOTATIONS = noClasses()
            .that().resideInAPackage(API)
            .should().dependOnClassesThat(not(resideInAnyPackage(API, "java..", "com.fasterxml.jackson.annotation..")))
            .because("a plugin author depends on the api alone and must not inherit libraries (DESIGN.md 3)");

    /** The parametric search is the same whatever the model, the map or the door it is called through. */
    public static final ArchRule CORE_KNOWS_ONLY_THE_API = noClasses()
            .that().resideInAPackage(CORE)
            .should().dependOnClassesThat(projectClassesOutside(CORE, API))
            .because("inference-core works on the api's IR and SPIs; backends and methods are plugins found at run"
                    + " time, and the facade, the command line and validation sit above it (DESIGN.md 3)");

    /** The DL4J backend is a plugin on the api: it knows neither the other backend nor anything above the api. */
    public static final ArchRule DL4J_BACKEND_KNOWS_ONLY_THE_API = noClasses()
            .that().resideInAPackage(DL4J)
            .should().dependOnClassesThat(projectClassesOutside(DL4J, API))
            .because("a backend depends on the api only and is found through ServiceLoader (DESIGN.md 3)");

    /** The ONNX backend is a plugin on the api: it knows neither the other backend nor anything above the api. */
    public static final ArchRule ONNX_BACKEND_KNOWS_ONLY_THE_API = noClasses()
            .that().resideInAPackage(ONNX)
            .should().dependOnClassesThat(projectClassesOutside(ONNX, API))
            .because("a backend depends on the api only and is found through ServiceLoader (DESIGN.md 3)");

    /** The file readers and writers are usable by anyone who has the api. */
    public static final ArchRule IO_KNOWS_ONLY_THE_API = noClasses()
            .that().resideInAPackage(IO)
            .should().dependOnClassesThat(projectClassesOutside(IO, API))
            .because("io reads and writes .npy and PNG files into api values and nothing else (DESIGN.md 3)");

    /** The report pages, pictures and plots are usable by anyone who has the api; their users build pages on them. */
    public static final ArchRule REPORTS_KNOW_ONLY_THE_API = noClasses()
            .that().resideInAPackage(REPORTS)
            .should().dependOnClassesThat(projectClassesOutside(REPORTS, API))
            .because("reports writes HTML, pictures and plots of api values; validation, sanity and the command line"
                    + " build their pages on it from their own results (issue 19)");

    /**
     * The selective-inference validation studies and the saliency sanity checks are two modules on the methods: they
     * share nothing above them, so neither names the other.
     */
    public static final ArchRule SANITY_AND_VALIDATION_ARE_INDEPENDENT = CompositeArchRule
            .of(noClasses().that().resideInAPackage(SANITY).should().dependOnClassesThat(resideInAPackage(VALIDATION)))
            .and(noClasses().that().resideInAPackage(VALIDATION).should().dependOnClassesThat(resideInAPackage(SANITY)))
            .because("sanity (the reliability papers) and validation (the studies of the selective p-values)"
                    + " answer different questions and are read, tested and released alone");
    /** The HTTP server is a door on the facade, like the command line: it knows the facade and the stack below. */
    public static final ArchRule SERVER_KNOWS_ONLY_THE_FACADE_AND_BELOW = noClasses()
            .that().resideInAPackage(SERVER)
            .should().dependOnClassesThat(projectClassesOutside(SERVER, FACADE, CORE, IO, API))
            .because("the server maps JSON to the engine's test specification and is embeddable without the command"
                    + " line, which starts it; backends and methods are found at run time (issue 19)");

    /** Only the command line owns the console and the process. */
    public static final ArchRule LIBRARIES_NEVER_PRINT_OR_EXIT = noClasses()
            .that().resideOutsideOfPackage(CLI)
            .should().accessField(System.class, "out")
            .orShould().accessField(System.class, "err")
            .orShould().callMethodWhere(target(name("printStackTrace")).and(target(rawParameterTypes(new Class<?>[0])))
                    .as("Throwable.printStackTrace() (to System.err)"))
            .orShould().callMethod(System.class, "exit", int.class)
            .orShould().callMethod(Runtime.class, "exit", int.class)
            .orShould().callMethod(Runtime.class, "halt", int.class)
            .because("a library embedded in someone else's program logs through SLF4J or returns text, and"
                    + " reports a failure as a typed exception; only the command line prints and exits");

    /** The modules form a directed graph. */
    public static final ArchRule NO_CYCLES_BETWEEN_MODULES = slices()
            .matching("org.salientsi.(*)..")
            .should().beFreeOfCycles()
            .because("a cycle between modules' packages means neither can be understood, tested or replaced alone");

    /**
     * Inside each module the packages form a directed graph: no exceptions (the command line's root package
     * builds the command tree on {@code cli.context}, which the commands use; {@code validate} and
     * {@code paper} share {@code cli.validate.StudyExecutors}).
     */
    public static final ArchRule NO_CYCLES_BETWEEN_PACKAGES = slices()
            .matching("org.salientsi.(**)")
            .should().beFreeOfCycles()
            .because("a newcomer reads a module package by package, from the bottom up");

    private ArchitectureRules() {
    }

    /** Classes of this project outside the given packages (ArchUnit package patterns). */
    private static DescribedPredicate<JavaClass> projectClassesOutside(String... allowed) {
        return resideInAPackage(PROJECT).and(not(resideInAnyPackage(allowed)))
                .as("project classes outside " + String.join(", ", allowed));
    }
}
