package io.leadscore.plugin;

import io.leadscore.sdk.Plugin;
import io.leadscore.sdk.StepDefinition;
import io.leadscore.common.ConflictException;
import io.leadscore.common.FieldError;
import io.leadscore.common.NotFoundException;
import io.leadscore.common.RecordSchema;
import io.leadscore.common.RecordValues;
import io.leadscore.common.Times;
import io.leadscore.common.ValidationException;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * The step registrations (Dataverse's SdkMessageProcessingStep): persisted, changed by administrators, and
 * held in memory as the list the pipeline runs, rebuilt after every change. A step a plugin declares is
 * registered the first time the plugin is seen; its message, entity, stage, mode and filtering attributes
 * keep following the plugin's declaration (the LeadScoringPlugin's follow the published models), while its
 * rank and whether it is enabled are the administrator's.
 */
@Startup
@Singleton
@DependsOn("ModelRegistry")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class PluginSteps {

    private static final Logger LOG = Logger.getLogger(PluginSteps.class.getName());

    /** The record types steps can be bound to (their packages produce their schemas), and their fields. */
    @Inject
    @RecordSchema.Entity
    private jakarta.enterprise.inject.Instance<RecordSchema> schemas;
    private volatile Map<String, RecordSchema> entities;

    /** A registration as administrators see it: the row, what runs, and whether its plugin is installed. */
    public record Registration(PluginStep row, StepDefinition definition, boolean installed) {
    }

    @PersistenceContext(unitName = "leadscore")
    private EntityManager em;
    @Inject
    private PluginCatalog catalog;

    private volatile List<Pipeline.Step> current = List.of();
    /** The registrations (id and row version) the current steps were built from. */
    private volatile List<String> builtFrom = List.of();

    @PostConstruct
    void start() {
        refresh();
    }

    /** The steps the pipeline runs now (enabled or not), without a database read. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<Pipeline.Step> current() {
        return current;
    }

    /**
     * Registers the declared steps of plugins seen for the first time and rebuilds the steps the pipeline
     * runs; called at start-up, after a change here, when plugin jars change and when published models change.
     */
    public synchronized void refresh() {
        Map<String, StepDefinition> declared = declarations();
        Map<String, PluginStep> registered = new LinkedHashMap<>();
        for (PluginStep row : rows()) {
            if (row.declared()) {
                registered.put(row.declaredKey(), row);
            }
        }
        declared.forEach((key, d) -> {
            if (!registered.containsKey(key)) {
                em.persist(new PluginStep(d, key, Times.now()));
                LOG.info(() -> "Registered the step " + key + " that plugin " + d.plugin() + " declares");
            }
        });
        em.flush();
        List<Pipeline.Step> steps = new ArrayList<>();
        List<Registration> registrations = registrations(declared);
        for (Registration r : registrations) {
            if (r.definition() != null) {
                steps.add(new Pipeline.Step(r.row().id(), r.definition()));
            }
        }
        current = List.copyOf(steps);
        builtFrom = signature(registrations.stream().map(r -> new Object[]{r.row().id(), r.row().version()}).toList());
    }

    private static List<String> signature(List<Object[]> rows) {
        return rows.stream().map(r -> r[0] + ":" + r[1]).sorted().toList();
    }

    /** Another part of the product changed what a plugin declares. */
    public void outdated(@jakarta.enterprise.event.Observes StepsOutdated event) {
        LOG.fine(() -> "Plugin steps rebuilt: " + event.why());
        refresh();
    }

    private Map<String, RecordSchema> entities() {
        Map<String, RecordSchema> e = entities;
        if (e == null) {
            Map<String, RecordSchema> all = new java.util.HashMap<>();
            schemas.forEach(s -> all.put(s.entityName(), s));
            entities = e = Map.copyOf(all);
        }
        return e;
    }

    private List<PluginStep> rows() {
        return em.createQuery("select s from PluginStep s order by s.createdOn, s.id", PluginStep.class).getResultList();
    }

    /** What the installed plugins declare now, by key. */
    private Map<String, StepDefinition> declarations() {
        Map<String, StepDefinition> declared = new TreeMap<>();
        catalog.plugins().forEach((name, plugin) -> {
            for (StepDefinition d : plugin.defaultSteps()) {
                StepDefinition named = new StepDefinition(name, d.message(), d.entity(), d.stage(), d.mode(),
                        d.filteringAttributes(), d.rank(), d.enabled());
                List<String> problems = check(named);
                if (problems.isEmpty()) {
                    declared.put(PluginStep.keyOf(named), named);
                } else {
                    LOG.warning(() -> "Plugin " + name + " declares a step that is not allowed: " + problems);
                }
            }
        });
        return declared;
    }

    /**
     * Every five seconds: picks up plugin jars added, replaced or removed in the plugin directory since the last
     * look, and registrations changed in the database by another server sharing it (enabled, ranked, added, removed).
     */
    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
    public void rescan() {
        boolean jars = catalog.scan();
        if (jars || !builtFrom.equals(signature(em.createQuery("select s.id, s.version from PluginStep s",
                Object[].class).getResultList()))) {
            refresh();
        }
    }

    /** Every registration, in the order they were made. */
    public List<Registration> registrations() {
        rescan();
        return registrations(declarations());
    }

    private List<Registration> registrations(Map<String, StepDefinition> declared) {
        List<Registration> out = new ArrayList<>();
        for (PluginStep row : rows()) {
            out.add(registration(row, declared));
        }
        return out;
    }

    private Registration registration(PluginStep row, Map<String, StepDefinition> declared) {
        StepDefinition stored = row.definition();
        boolean installed = catalog.plugin(stored.plugin()) != null;
        if (!row.declared()) {
            return new Registration(row, stored, installed);
        }
        StepDefinition d = declared.get(row.declaredKey());
        if (d == null) {
            // the plugin is gone or no longer declares the step: it does not run
            return new Registration(row, null, installed);
        }
        return new Registration(row, new StepDefinition(d.plugin(), d.message(), d.entity(), d.stage(), d.mode(),
                d.filteringAttributes(), stored.rank(), stored.enabled()), installed);
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Registration get(String id) {
        return registration(find(id), declarations());
    }

    private PluginStep find(String id) {
        PluginStep row = em.find(PluginStep.class, id);
        if (row == null) {
            throw new NotFoundException("plugin step", id);
        }
        return row;
    }

    /** Registers a step of the administrator's; 400 naming every problem. */
    public synchronized Registration register(StepDefinition d) {
        rescan();
        failOn(check(d));
        PluginStep row = new PluginStep(d, null, Times.now());
        em.persist(row);
        refresh();
        return get(row.id());
    }

    /**
     * Changes a registration. Of a step its plugin declares, only the rank and whether it is enabled change:
     * anything else is a 400 naming the field.
     */
    public synchronized Registration change(String id, StepDefinition d) {
        PluginStep row = find(id);
        Registration now = registration(row, declarations());
        if (row.declared()) {
            StepDefinition was = now.definition() != null ? now.definition() : row.definition();
            List<String> problems = new ArrayList<>();
            if (!was.plugin().equals(d.plugin())) {
                problems.add("plugin: a step a plugin declares stays with it");
            }
            if (was.message() != d.message() || !was.entity().equals(d.entity()) || was.stage() != d.stage()
                    || was.mode() != d.mode()) {
                problems.add("message: the message, entity, stage and mode of a step a plugin declares are the "
                        + "plugin's; register a step of your own instead");
            }
            if (!was.filteringAttributes().equals(d.filteringAttributes())) {
                problems.add("filteringAttributes: follow the plugin's declaration (" + was.plugin()
                        + "); register a step of your own to choose them");
            }
            failOn(problems);
            StepDefinition stored = row.definition();
            d = new StepDefinition(stored.plugin(), stored.message(), stored.entity(), stored.stage(), stored.mode(),
                    stored.filteringAttributes(), d.rank(), d.enabled());
        }
        failOn(check(d));
        row.define(d, Times.now());
        em.flush();
        refresh();
        return get(id);
    }

    /** Removes a registration of the administrator's; a declared step can only be disabled (409). */
    public synchronized void remove(String id) {
        PluginStep row = find(id);
        if (row.declared()) {
            throw new ConflictException("The step " + row.declaredKey() + " is declared by its plugin; disable it instead");
        }
        em.remove(row);
        em.flush();
        refresh();
    }

    /** Why a registration is not allowed: the Dataverse rules, an installed plugin, a known entity and fields. */
    List<String> check(StepDefinition d) {
        List<String> problems = new ArrayList<>(d.problems());
        if (d.plugin() != null && !d.plugin().isBlank() && catalog.plugin(d.plugin()) == null) {
            problems.add("plugin: no plugin named '" + d.plugin() + "' is installed; installed: "
                    + String.join(", ", catalog.plugins().keySet()));
        }
        RecordSchema schema = d.entity() == null ? null : entities().get(d.entity());
        if (d.entity() != null && !d.entity().isBlank() && schema == null) {
            problems.add("entity: must be lead, account or contact, not '" + d.entity() + "'");
        }
        if (schema != null && d.message() != null && !d.message().appliesTo(d.entity())) {
            problems.add("message: " + d.message() + " is a message of leads, not of " + d.entity());
        }
        if (schema != null) {
            for (String a : d.filteringAttributes()) {
                boolean known = a.startsWith(RecordValues.ATTRIBUTES) && a.length() > RecordValues.ATTRIBUTES.length()
                        || schema.field(a).isPresent();
                if (!known) {
                    problems.add("filteringAttributes: '" + a + "' is not a field of " + d.entity()
                            + " (custom attributes are named attributes/<name>)");
                }
            }
        }
        return problems;
    }

    private static void failOn(List<String> problems) {
        if (!problems.isEmpty()) {
            List<FieldError> errors = new ArrayList<>();
            for (String p : problems) {
                int colon = p.indexOf(": ");
                errors.add(new FieldError(p.substring(0, colon), p.substring(colon + 2)));
            }
            throw new ValidationException(errors);
        }
    }
}
