package org.salientsi.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The rules of {@link ArchitectureRules} over the production classes of every module on this module's test class
 * path (test classes are left out; the reactor's modules may arrive as jars, so jars are not excluded).
 */
@AnalyzeClasses(packages = "org.salientsi", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /**
     * One class of each module's production code: the import the rules run on must contain them all, and none of
     * this module's own test classes (the fixtures of {@link RulesCanFailTest} break every rule on purpose).
     */
    private static final List<String> ONE_CLASS_PER_MODULE = List.of(
            "org.salientsi.api.interval.Interval",
            "org.salientsi.io.Npy",
            "org.salientsi.reports.html.Html",
            "org.salientsi.core.stats.TruncatedNormal",
            "org.salientsi.methods.cam.CamMethod",
            "org.salientsi.backend.dl4j.Dl4jBackendProvider",
            "org.salientsi.backend.onnx.OnnxBackendProvider",
            "org.salientsi.facade.SalientSI",
            "org.salientsi.server.SalientServer",
            "org.salientsi.validation.run.StudyRunner",
            "org.salientsi.sanity.reliability.KrippendorffAlpha",
            "org.salientsi.validation.spark.SparkTrialExecutor",
            "org.salientsi.cli.Main");

    @ArchTest
    static void theRulesSeeEveryModuleAndNoTestClass(JavaClasses classes) {
        assertThat(ONE_CLASS_PER_MODULE).allMatch(classes::contain, "imported");
        assertThat(classes.stream().map(JavaClass::getName))
                .noneMatch(name -> name.contains(".archfixture.") || name.startsWith("org.salientsi.architecture."));
    }

    @ArchTest
    static final ArchRule apiKnowsNoImplementation = ArchitectureRules.API_KNOWS_NO_IMPLEMENTATION;

    @ArchTest
    static final ArchRule apiUsesOnlyTheJdkAndJacksonAnnotations =
            ArchitectureRules.API_USES_ONLY_JDK_AND_JACKSON_ANNOTATIONS;

    @ArchTest
    static final ArchRule coreKnowsOnlyTheApi = ArchitectureRules.CORE_KNOWS_ONLY_THE_API;

    @ArchTest
    static final ArchRule dl4jBackendKnowsOnlyTheApi = ArchitectureRules.DL4J_BACKEND_KNOWS_ONLY_THE_API;

    @ArchTest
    static final ArchRule onnxBackendKnowsOnlyTheApi = ArchitectureRules.ONNX_BACKEND_KNOWS_ONLY_THE_API;

    @ArchTest
    static final ArchRule ioKnowsOnlyTheApi = ArchitectureRules.IO_KNOWS_ONLY_THE_API;

    @ArchTest
    static final ArchRule reportsKnowOnlyTheApi = ArchitectureRules.REPORTS_KNOW_ONLY_THE_API;

    @ArchTest
    static final ArchRule serverKnowsOnlyTheFacadeAndBelow = ArchitectureRules.SERVER_KNOWS_ONLY_THE_FACADE_AND_BELOW;

    @ArchTest
    static final ArchRule librariesNeverPrintOrExit = ArchitectureRules.LIBRARIES_NEVER_PRINT_OR_EXIT;

    @ArchTest
    static final ArchRule sanityAndValidationAreIndependent = ArchitectureRules.SANITY_AND_VALIDATION_ARE_INDEPENDENT;

    @ArchTest
    static final ArchRule noCyclesBetweenModules = ArchitectureRules.NO_CYCLES_BETWEEN_MODULES;

    @ArchTest
    static final ArchRule noCyclesBetweenPackages = ArchitectureRules.NO_CYCLES_BETWEEN_PACKAGES;
}
