package io.leadscore.plugin;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The installed plugins, by name (the simple class name), and the steps they declare. Built-in plugins are
 * CDI beans implementing {@link Plugin}. TODO(#4): persisted registrations that administrators change over
 * REST, and plugin jars dropped into a server directory.
 */
@ApplicationScoped
public class PluginCatalog {

    @Inject
    @Any
    private Instance<Plugin> beans;

    private final Map<String, Plugin> plugins = new LinkedHashMap<>();

    @PostConstruct
    void discover() {
        for (Plugin p : beans) {
            plugins.put(name(p), p);
        }
    }

    static String name(Plugin p) {
        String n = p.getClass().getSimpleName();
        int proxy = n.indexOf('$');
        return proxy > 0 ? n.substring(0, proxy) : n;
    }

    public Plugin plugin(String name) {
        return plugins.get(name);
    }

    /** Every step the installed plugins declare, as they declare them now. */
    public List<Pipeline.Step> steps() {
        List<Pipeline.Step> steps = new ArrayList<>();
        plugins.forEach((name, p) -> {
            List<StepDefinition> defs = p.defaultSteps();
            for (int i = 0; i < defs.size(); i++) {
                steps.add(new Pipeline.Step(name + "#" + (i + 1), defs.get(i)));
            }
        });
        return steps;
    }
}
