package dev.assay.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.assay.server.application.AssayException;

/**
 * The boundaries between Assay's modules and layers, checked on the compiled main classes of every module (this
 * module's test classpath holds them all): a build that crosses one fails here, naming the class and the dependency.
 * <ul>
 *   <li>lti-adapter is a client of core/server like the REST resources: its application API, its ports and the shared
 *       web support only (and the SPI's values, which the API's records carry);</li>
 *   <li>application code (use cases) does not reach for REST or for infrastructure; the domain (entities, repository
 *       interfaces) for none of the layers above it;</li>
 *   <li>the SPI (core/api) stands alone;</li>
 *   <li>the core (SPI, engine, server) names no plugin and not its adapter;</li>
 *   <li>plugins compile against the SPI (core/api) and their own libraries only, not against each other.</li>
 * </ul>
 */
@AnalyzeClasses(packages = "dev.assay", importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NoTestJars.class})
class ArchitectureTest {
    static final String APPLICATION_API = "dev.assay.server.application.api..";
    static final String PORTS = "dev.assay.server.application.ports..";
    static final String WEB_SUPPORT = "dev.assay.server.interfaces.web..";

    /** Test jars (the engine's, which the system tests use) are tests too: only main classes are held to the rules. */
    static final class NoTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar") && !location.contains("/test-classes/");
        }
    }

    /** Everything of core/server and core/engine that is not the API a client may use. */
    static final DescribedPredicate<JavaClass> CORE_INTERNALS = resideInAnyPackage("dev.assay.server..", "dev.assay.engine..")
            .and(not(resideInAnyPackage(APPLICATION_API, PORTS, WEB_SUPPORT)))
            // The API's refusal: thrown by the use cases, mapped to one status by the web support.
            .and(not(belongToAnyOf(AssayException.class)))
            .as("are core internals (anything in core/server or core/engine but the application API, its ports, the web "
                    + "support and AssayException)");

    @ArchTest
    static final ArchRule theAdapterUsesOnlyTheApplicationApiItsPortsAndTheWebSupport = noClasses()
            .that().resideInAPackage("dev.assay.lti..")
            .should().dependOnClassesThat(CORE_INTERNALS)
            .because("the LTI adapter is a client of the core like the REST resources: what it needs, the application "
                    + "API offers (add it there, small, in the same style)");

    @ArchTest
    static final ArchRule applicationCodeUsesNeitherRestNorInfrastructure = noClasses()
            .that().resideInAPackage("dev.assay.server.application..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.assay.server.interfaces..", "dev.assay.server.infrastructure..")
            .because("use cases are called by REST and LTI alike, and reach persistence through the domain's repositories "
                    + "and the application's ports");

    @ArchTest
    static final ArchRule theDomainDependsOnNoOtherLayer = noClasses()
            .that().resideInAPackage("dev.assay.server.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.assay.server.application..", "dev.assay.server.interfaces..",
                    "dev.assay.server.infrastructure..")
            .because("entities and repository interfaces are what the layers above share; they call none of them");

    @ArchTest
    static final ArchRule theSpiDependsOnNothingElseOfAssay = noClasses()
            .that().resideInAPackage("dev.assay.api..")
            .should().dependOnClassesThat(resideInAPackage("dev.assay..").and(not(resideInAPackage("dev.assay.api.."))))
            .because("core/api is what plugins compile against: it must stand alone");

    @ArchTest
    static final ArchRule theCoreMentionsNoPlugin = noClasses()
            .that().resideInAnyPackage("dev.assay.api..", "dev.assay.engine..", "dev.assay.server..")
            .should().dependOnClassesThat().resideInAPackage("dev.assay.plugins..")
            .because("every plugin is reached through the SPI, in its own class loader: what the core needs from one is an "
                    + "SPI capability, not its classes");

    @ArchTest
    static final ArchRule theCoreDoesNotKnowItsAdapter = noClasses()
            .that().resideInAnyPackage("dev.assay.api..", "dev.assay.engine..", "dev.assay.server..")
            .should().dependOnClassesThat().resideInAPackage("dev.assay.lti..")
            .because("the core defines ports (ScoreDelivery, GradebookTargets) and the adapter implements them");

    @ArchTest
    static final ArchRule pluginsDependOnTheSpiOnly = noClasses()
            .that().resideInAPackage("dev.assay.plugins..")
            .should().dependOnClassesThat(resideInAPackage("dev.assay..")
                    .and(not(resideInAnyPackage("dev.assay.api..", "dev.assay.plugins.."))))
            .because("a plugin compiles against core/api alone; the engine's and the server's internals are not its to see");

    @ArchTest
    static final ArchRule pluginsDoNotDependOnEachOther = slices()
            .matching("dev.assay.plugins.(*)..")
            .should().notDependOnEachOther()
            .because("each plugin has a class loader of its own: another plugin's classes are not there at run time");
}
