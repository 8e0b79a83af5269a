package org.salientsi.architecture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.salientsi.api.archfixture.ApiNamingCore;
import org.salientsi.api.archfixture.ApiUsingSlf4j;
import org.salientsi.api.archfixture.ApiValue;
import org.salientsi.archfixturea.Ping;
import org.salientsi.archfixtureb.Pong;
import org.salientsi.backend.dl4j.archfixture.Dl4jHelper;
import org.salientsi.backend.dl4j.archfixture.Dl4jNamingOnnx;
import org.salientsi.backend.onnx.archfixture.OnnxNamingCore;
import org.salientsi.cli.archfixture.CliPrinter;
import org.salientsi.core.archfixture.CoreHelper;
import org.salientsi.core.archfixture.CoreNamingBackend;
import org.salientsi.core.archfixture.CoreNamingIo;
import org.salientsi.core.archfixture.CoreNamingMethod;
import org.salientsi.io.archfixture.IoNamingCore;
import org.salientsi.methods.archfixture.CallsRuntimeExit;
import org.salientsi.methods.archfixture.CallsSystemExit;
import org.salientsi.methods.archfixture.HaltsRuntime;
import org.salientsi.methods.archfixture.PrintsStackTrace;
import org.salientsi.methods.archfixture.PrintsToStderr;
import org.salientsi.methods.archfixture.PrintsToStdout;
import org.salientsi.methods.archfixture.down.Lower;
import org.salientsi.methods.archfixture.up.Upper;
import org.salientsi.reports.archfixture.ReportsHelper;
import org.salientsi.reports.archfixture.ReportsNamingValidation;
import org.salientsi.sanity.archfixture.SanityHelper;
import org.salientsi.sanity.archfixture.SanityNamingValidation;
import org.salientsi.validation.archfixture.ValidationHelper;
import org.salientsi.validation.archfixture.ValidationNamingSanity;
import org.salientsi.server.archfixture.ServerNamingCli;
import org.salientsi.server.archfixture.ServerOnTheFacade;

/**
 * Each rule of {@link ArchitectureRules} fails on a few classes of this module's test sources that break it (named
 * in the failure) and passes on classes that keep it, so that {@link ArchitectureTest} passing means something.
 */
class RulesCanFailTest {

    private static JavaClasses classes(Class<?>... classes) {
        return new ClassFileImporter().importClasses(classes);
    }

    private static void assertFailsNaming(ArchRule rule, Class<?> offender, Class<?>... others) {
        Class<?>[] all = new Class<?>[others.length + 1];
        all[0] = offender;
        System.arraycopy(others, 0, all, 1, others.length);
        assertThatThrownBy(() -> rule.check(classes(all)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Architecture Violation")
                .hasMessageContaining(offender.getName());
    }

    private static void assertPasses(ArchRule rule, Class<?>... classes) {
        assertThatCode(() -> rule.check(classes(classes))).doesNotThrowAnyException();
    }

    @Test
    void anApiClassNamingCoreBreaksApiKnowsNoImplementation() {
        assertFailsNaming(ArchitectureRules.API_KNOWS_NO_IMPLEMENTATION, ApiNamingCore.class, ApiValue.class);
        assertPasses(ArchitectureRules.API_KNOWS_NO_IMPLEMENTATION, ApiValue.class, ApiUsingSlf4j.class);
    }

    @Test
    void anApiClassNeedingSlf4jBreaksApiUsesOnlyJdkAndJacksonAnnotations() {
        assertFailsNaming(ArchitectureRules.API_USES_ONLY_JDK_AND_JACKSON_ANNOTATIONS, ApiUsingSlf4j.class);
        assertPasses(ArchitectureRules.API_USES_ONLY_JDK_AND_JACKSON_ANNOTATIONS, ApiValue.class);
    }

    @Test
    void coreNamingABackendAMethodOrIoBreaksCoreKnowsOnlyTheApi() {
        assertFailsNaming(ArchitectureRules.CORE_KNOWS_ONLY_THE_API, CoreNamingBackend.class, CoreHelper.class);
        assertFailsNaming(ArchitectureRules.CORE_KNOWS_ONLY_THE_API, CoreNamingMethod.class, CoreHelper.class);
        assertFailsNaming(ArchitectureRules.CORE_KNOWS_ONLY_THE_API, CoreNamingIo.class, CoreHelper.class);
        assertPasses(ArchitectureRules.CORE_KNOWS_ONLY_THE_API, CoreHelper.class);
    }

    @Test
    void aBackendNamingTheOtherBackendOrCoreBreaksBackendKnowsOnlyTheApi() {
        assertFailsNaming(ArchitectureRules.DL4J_BACKEND_KNOWS_ONLY_THE_API, Dl4jNamingOnnx.class, Dl4jHelper.class);
        assertFailsNaming(ArchitectureRules.ONNX_BACKEND_KNOWS_ONLY_THE_API, OnnxNamingCore.class);
        assertPasses(ArchitectureRules.DL4J_BACKEND_KNOWS_ONLY_THE_API, Dl4jHelper.class);
    }

    @Test
    void ioNamingCoreBreaksIoKnowsOnlyTheApi() {
        assertFailsNaming(ArchitectureRules.IO_KNOWS_ONLY_THE_API, IoNamingCore.class);
    }

    @Test
    void reportsNamingValidationBreaksReportsKnowOnlyTheApi() {
        assertFailsNaming(ArchitectureRules.REPORTS_KNOW_ONLY_THE_API, ReportsNamingValidation.class,
                ReportsHelper.class);
        assertPasses(ArchitectureRules.REPORTS_KNOW_ONLY_THE_API, ReportsHelper.class, ApiValue.class);
    }

    @Test
    void aServerNamingTheCommandLineBreaksServerKnowsOnlyTheFacadeAndBelow() {
        ArchRule rule = ArchitectureRules.SERVER_KNOWS_ONLY_THE_FACADE_AND_BELOW;
        assertFailsNaming(rule, ServerNamingCli.class, ServerOnTheFacade.class);
        assertPasses(rule, ServerOnTheFacade.class, CoreHelper.class);
    }

    @Test
    void aLibraryThatPrintsOrExitsBreaksLibrariesNeverPrintOrExit() {
        ArchRule rule = ArchitectureRules.LIBRARIES_NEVER_PRINT_OR_EXIT;
        for (Class<?> offender : new Class<?>[] {PrintsToStdout.class, PrintsToStderr.class, PrintsStackTrace.class,
                CallsSystemExit.class, CallsRuntimeExit.class, HaltsRuntime.class}) {
            assertFailsNaming(rule, offender, CoreHelper.class, CliPrinter.class);
        }
    }

    @Test
    void theCommandLineMayPrintAndExit() {
        assertPasses(ArchitectureRules.LIBRARIES_NEVER_PRINT_OR_EXIT, CliPrinter.class, CoreHelper.class);
    }

    @Test
    void sanityNamingValidationOrTheReverseBreaksSanityAndValidationAreIndependent() {
        ArchRule rule = ArchitectureRules.SANITY_AND_VALIDATION_ARE_INDEPENDENT;
        assertFailsNaming(rule, SanityNamingValidation.class, ValidationHelper.class);
        assertFailsNaming(rule, ValidationNamingSanity.class, SanityHelper.class);
        assertPasses(rule, SanityHelper.class, ValidationHelper.class, CoreHelper.class);
    }

    @Test
    void twoTopLevelPackagesNamingEachOtherBreakNoCyclesBetweenModules() {
        assertFailsNaming(ArchitectureRules.NO_CYCLES_BETWEEN_MODULES, Ping.class, Pong.class);
        assertPasses(ArchitectureRules.NO_CYCLES_BETWEEN_MODULES, Upper.class, Lower.class, CoreHelper.class);
    }

    @Test
    void twoPackagesOfOneModuleNamingEachOtherBreakNoCyclesBetweenPackages() {
        assertFailsNaming(ArchitectureRules.NO_CYCLES_BETWEEN_PACKAGES, Upper.class, Lower.class);
        assertFailsNaming(ArchitectureRules.NO_CYCLES_BETWEEN_PACKAGES, Ping.class, Pong.class);
        assertPasses(ArchitectureRules.NO_CYCLES_BETWEEN_PACKAGES, CoreHelper.class, ApiValue.class);
    }
}
