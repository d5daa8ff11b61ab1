package io.leadscore.it;

import io.leadscore.lead.LeadService;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.net.URISyntaxException;

/**
 * The Arquillian deployment for service-level ITs: the real ejb-module (entities, services, migrations)
 * with its libraries, in a test WAR deployed into the running Liberty beside the application, on the
 * same data source.
 */
final class ServiceDeployment {

    private ServiceDeployment() {
    }

    static WebArchive of(String name, Class<?>... testClasses) {
        File ejbModule = location(LeadService.class);
        JavaArchive domain = ejbModule.isDirectory()
                ? ShrinkWrap.create(ExplodedImporter.class, "leadscore-ejb.jar").importDirectory(ejbModule).as(JavaArchive.class)
                : ShrinkWrap.createFromZipFile(JavaArchive.class, ejbModule);
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addAsLibrary(domain)
                .addAsLibraries(libraries())
                // application exceptions are declared in ejb-jar.xml, which a WAR reads from WEB-INF only
                .addAsWebInfResource(domain.get("META-INF/ejb-jar.xml").getAsset(), "ejb-jar.xml")
                .addClasses(testClasses)
                .addClass(ServiceDeployment.class);
    }

    /** The libraries the EAR ships in lib/ (Flyway and what it needs), as the ear plugin assembled them. */
    private static File[] libraries() {
        File[] jars = new File("target/leadscore/lib").listFiles((dir, name) -> name.endsWith(".jar"));
        if (jars == null || jars.length == 0) {
            throw new IllegalStateException("No target/leadscore/lib/*.jar: package the ear module first");
        }
        return jars;
    }

    private static File location(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
