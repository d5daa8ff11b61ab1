package io.leadscore.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The web edge's rules (ARCHITECTURE.md), over the web module and the domain it calls: the REST resources, the OData
 * service and the health checks call services; nothing below them knows them; no package cycles across both.
 */
@AnalyzeClasses(packages = "io.leadscore", importOptions = ImportOption.DoNotIncludeTests.class)
class WebArchitectureTest {

    private static final String[] WEB = {"io.leadscore.api..", "io.leadscore.odata..", "io.leadscore.health.."};

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.leadscore.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theDomainDoesNotKnowTheWeb = noClasses().that().resideOutsideOfPackages(WEB)
            .should().dependOnClassesThat().resideInAnyPackage(WEB)
            .because("dependencies point one way: web → services → domain → persistence");

    @ArchTest
    static final ArchRule theWebCallsServicesNotInternals = noClasses().that().resideInAnyPackage(WEB)
            .should().dependOnClassesThat().resideInAnyPackage("io.leadscore.db..", "io.leadscore.demo..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.leadscore.plugin.JobDispatcher")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.leadscore.plugin.Pipeline")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.leadscore.plugin.OperationScope")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.leadscore.plugin.PluginHost")
            .because("REST resources and the OData processor call services; dispatch, pipelines, connections and "
                    + "the demo are the services' business");

    @ArchTest
    static final ArchRule theApiRunsNoQueries = noClasses().that()
            .resideInAnyPackage("io.leadscore.api..", "io.leadscore.odata..")
            .should().dependOnClassesThat().haveFullyQualifiedName("java.sql.Connection")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.sql.Statement")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.sql.PreparedStatement")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("javax.sql.DataSource")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("jakarta.persistence.EntityManager")
            .because("queries and writes belong to the services (the database's own health check asks it directly)");
}
