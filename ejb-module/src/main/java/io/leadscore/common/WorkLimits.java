package io.leadscore.common;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The heavy work a server runs at once (server.xml variables): imports (import.concurrent.max; the upload takes a
 * slot, the import job's end gives it back) and CSV exports (export.concurrent.max; each holds a database cursor
 * while the client reads). Beyond, the caller gets a 429 (see {@link Slots}).
 */
@ApplicationScoped
public class WorkLimits {

    @Inject
    @ConfigProperty(name = "import.concurrent.max", defaultValue = "4")
    int maxImports;
    @Inject
    @ConfigProperty(name = "export.concurrent.max", defaultValue = "4")
    int maxExports;

    private Slots imports;
    private Slots exports;

    @PostConstruct
    void init() {
        imports = new Slots("Imports", maxImports);
        exports = new Slots("CSV exports", maxExports);
    }

    public Slots imports() {
        return imports;
    }

    public Slots exports() {
        return exports;
    }
}
