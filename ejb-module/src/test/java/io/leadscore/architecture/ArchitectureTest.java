package io.leadscore.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The domain's rules (ARCHITECTURE.md): packages by domain, dependencies one way down, no cycles. Each rule names what
 * a package may not reach; the order is common ← filter, scoring ← plugin host ← record services ← lead, customer
 * ← the features on them (model, webhook, leadimport, operations, demo); the plugin SDK needs only the JDK.
 */
@AnalyzeClasses(packages = "io.leadscore", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.leadscore.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule commonIsTheBottom = noClasses().that().resideInAPackage("io.leadscore.common..")
            .should().dependOnClassesThat().resideInAnyPackage("io.leadscore.filter..", "io.leadscore.plugin..",
                    "io.leadscore.record..", "io.leadscore.lead..", "io.leadscore.customer..", "io.leadscore.model..",
                    "io.leadscore.scoring..", "io.leadscore.webhook..", "io.leadscore.leadimport..",
                    "io.leadscore.operations..", "io.leadscore.demo..", "io.leadscore.db..")
            .because("common holds the values, schemas and errors every domain shares");

    @ArchTest
    static final ArchRule scoringIsPlainJava = noClasses().that().resideInAPackage("io.leadscore.scoring..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.ejb..", "jakarta.persistence..",
                    "jakarta.enterprise..", "jakarta.inject..", "java.sql..", "io.leadscore.lead..",
                    "io.leadscore.model..", "io.leadscore.plugin..", "io.leadscore.db..")
            .because("the scoring engine is pure logic with fast unit tests; the model manager feeds it");

    @ArchTest
    static final ArchRule filterReadsSchemasOnly = noClasses().that().resideInAPackage("io.leadscore.filter..")
            .should().dependOnClassesThat().resideInAnyPackage("io.leadscore.plugin..", "io.leadscore.record..",
                    "io.leadscore.lead..", "io.leadscore.customer..", "io.leadscore.model..", "io.leadscore.db..")
            .because("the filter language works on record schemas, for every record type and for system jobs");

    @ArchTest
    static final ArchRule pluginHostKnowsNoRecordType = noClasses().that().resideInAPackage("io.leadscore.plugin..")
            .should().dependOnClassesThat().resideInAnyPackage("io.leadscore.record..", "io.leadscore.lead..",
                    "io.leadscore.customer..", "io.leadscore.model..", "io.leadscore.webhook..",
                    "io.leadscore.leadimport..", "io.leadscore.operations..", "io.leadscore.demo..")
            .because("the plugin host runs steps for any record type; the record types come to it (CDI), "
                    + "and what plugins do with records is done above it (operations)");

    @ArchTest
    static final ArchRule recordServicesKnowNoRecordType = noClasses().that().resideInAPackage("io.leadscore.record..")
            .should().dependOnClassesThat().resideInAnyPackage("io.leadscore.lead..", "io.leadscore.customer..",
                    "io.leadscore.model..", "io.leadscore.webhook..", "io.leadscore.leadimport..",
                    "io.leadscore.operations..", "io.leadscore.demo..")
            .because("RecordService is the one write path the lead, account and contact services extend");

    @ArchTest
    static final ArchRule recordsDoNotReachTheFeaturesOnThem = noClasses().that()
            .resideInAnyPackage("io.leadscore.lead..", "io.leadscore.customer..")
            .should().dependOnClassesThat().resideInAnyPackage("io.leadscore.model..", "io.leadscore.webhook..",
                    "io.leadscore.leadimport..", "io.leadscore.operations..", "io.leadscore.demo..")
            .because("scoring, webhooks and imports build on leads; leads tell them by events and plugin steps");

    @ArchTest
    static final ArchRule theSdkNeedsOnlyTheJdk = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
            .that().resideInAPackage("io.leadscore.sdk..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.leadscore.sdk..", "java..")
            .because("plugin authors build against the SDK jar alone: no entities, services or Jakarta EE");

    @ArchTest
    static final ArchRule sqlOnlyInRepositories = noClasses().that().resideInAnyPackage("io.leadscore.lead..",
                    "io.leadscore.customer..", "io.leadscore.model..", "io.leadscore.plugin..", "io.leadscore.record..",
                    "io.leadscore.webhook..", "io.leadscore.leadimport..", "io.leadscore.operations..")
            .and().haveSimpleNameNotEndingWith("Repository").and().doNotHaveSimpleName("LeadInserts").and().doNotHaveSimpleName("LeadReads")
            .should().callMethodWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                    com.tngtech.archunit.core.domain.properties.HasName.Predicates.name("createNativeQuery")))
            .orShould().dependOnClassesThat().belongToAnyOf(java.sql.Connection.class, java.sql.PreparedStatement.class,
                    java.sql.Statement.class, io.leadscore.db.TransactionConnection.class)
            .because("SQL and JDBC batches live in one repository per aggregate (LeadRepository, SystemJobRepository, "
                    + "ModelRepository, ImportRepository, RescorePartitionRepository, ScheduleSlotRepository), not in the services");

    @ArchTest
    static final ArchRule applicationServicesGoThroughRepositories = noClasses().that()
            .haveNameMatching("io\\.leadscore\\.(model\\.(ModelService|ScoringService|ModelTrainer|ModelRegistry|DriftWatch)"
                    + "|leadimport\\.ImportService|plugin\\.(SystemJobs|PluginHost))")
            .should().dependOnClassesThat().belongToAnyOf(jakarta.persistence.EntityManager.class)
            .because("models, scores and their history, imports and system jobs are stored by their repositories");

    @ArchTest
    static final ArchRule onlyTheDemoLoadsTheDemo = noClasses().that().resideOutsideOfPackage("io.leadscore.demo..")
            .should().dependOnClassesThat().resideInAPackage("io.leadscore.demo..")
            .because("the demo is a start-up option, not something the product needs");
}
