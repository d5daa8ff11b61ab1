package io.leadscore.plugin;

import io.leadscore.sdk.Plugin;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The installed plugins, by name (the simple class name): the built-in ones (CDI beans implementing
 * {@link Plugin}) and those in plugin jars dropped into the plugin directory (server.xml variable
 * {@code plugin.dir}). A jar declares its plugins as a Java service
 * ({@code META-INF/services/io.leadscore.sdk.Plugin}) and is loaded in its own class loader whose parent
 * is the application's, so it compiles against the SPI alone. A jar that is added, replaced or removed is
 * seen at the next {@link #scan()}.
 */
@ApplicationScoped
public class PluginCatalog {

    private static final Logger LOG = Logger.getLogger(PluginCatalog.class.getName());

    /** Where an installed plugin comes from. */
    public record Installed(String name, Plugin plugin, String source) {
    }

    private record Jar(long modified, long size, URLClassLoader loader, List<Installed> plugins) {
    }

    @Inject
    @Any
    private Instance<Plugin> beans;
    @Inject
    @ConfigProperty(name = "plugin.dir", defaultValue = "")
    private String directory;

    private final Map<String, Installed> builtIn = new LinkedHashMap<>();
    private final Map<Path, Jar> jars = new TreeMap<>();
    private volatile Map<String, Installed> installed = Map.of();

    @PostConstruct
    void discover() {
        for (Plugin p : beans) {
            String name = name(p);
            builtIn.put(name, new Installed(name, p, "built-in"));
        }
        scan();
    }

    static String name(Plugin p) {
        String n = p.getClass().getSimpleName();
        int proxy = n.indexOf('$');
        return proxy > 0 ? n.substring(0, proxy) : n;
    }

    /** The plugin of that name, or null. */
    public Plugin plugin(String name) {
        Installed i = installed.get(name);
        return i == null ? null : i.plugin();
    }

    /** Every installed plugin by name. */
    public Map<String, Plugin> plugins() {
        Map<String, Plugin> out = new LinkedHashMap<>();
        installed.forEach((name, i) -> out.put(name, i.plugin()));
        return out;
    }

    public List<Installed> installed() {
        return List.copyOf(installed.values());
    }

    /** The plugin directory, or null when none is configured. */
    public Path directory() {
        return directory == null || directory.isBlank() ? null : Path.of(directory);
    }

    /** Loads jars that appeared or changed in the plugin directory and drops those that are gone; true when anything changed. */
    public synchronized boolean scan() {
        Map<Path, long[]> present = new TreeMap<>();
        Path dir = directory();
        if (dir != null && !Files.exists(dir)) {
            try {
                Files.createDirectories(dir);
                LOG.info(() -> "Plugin jars dropped into " + dir + " are loaded");
            } catch (IOException e) {
                LOG.log(Level.WARNING, "The plugin directory " + dir + " could not be created", e);
            }
        }
        if (dir != null && Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".jar"))::iterator) {
                    present.put(f, new long[]{Files.getLastModifiedTime(f).toMillis(), Files.size(f)});
                }
            } catch (IOException e) {
                LOG.log(Level.WARNING, "The plugin directory " + dir + " could not be read", e);
                return false;
            }
        }
        boolean changed = installed.isEmpty() && !builtIn.isEmpty();
        for (Path gone : new ArrayList<>(jars.keySet())) {
            long[] now = present.get(gone);
            Jar jar = jars.get(gone);
            if (now == null || now[0] != jar.modified() || now[1] != jar.size()) {
                unload(gone, jars.remove(gone));
                changed = true;
            }
        }
        for (Map.Entry<Path, long[]> f : present.entrySet()) {
            if (!jars.containsKey(f.getKey())) {
                jars.put(f.getKey(), load(f.getKey(), f.getValue()));
                changed = true;
            }
        }
        if (changed) {
            Map<String, Installed> all = new LinkedHashMap<>(builtIn);
            for (Jar jar : jars.values()) {
                for (Installed i : jar.plugins()) {
                    Installed clash = all.putIfAbsent(i.name(), i);
                    if (clash != null) {
                        LOG.warning(() -> "Plugin " + i.name() + " in " + i.source() + " is not loaded: "
                                + clash.source() + " has a plugin of that name");
                    }
                }
            }
            installed = Collections.unmodifiableMap(all);
        }
        return changed;
    }

    private Jar load(Path file, long[] stamp) {
        List<Installed> found = new ArrayList<>();
        URLClassLoader loader = null;
        try {
            loader = new URLClassLoader(new URL[]{file.toUri().toURL()}, Plugin.class.getClassLoader());
            for (Plugin p : ServiceLoader.load(Plugin.class, loader)) {
                found.add(new Installed(name(p), p, file.getFileName().toString()));
            }
            if (found.isEmpty()) {
                LOG.warning(() -> "The plugin jar " + file + " declares no plugin in META-INF/services/"
                        + Plugin.class.getName());
            } else {
                LOG.info(() -> "Loaded plugin(s) " + found.stream().map(Installed::name).toList() + " from " + file);
            }
        } catch (IOException | ServiceConfigurationError | LinkageError e) {
            LOG.log(Level.WARNING, "The plugin jar " + file + " could not be loaded", e);
        }
        return new Jar(stamp[0], stamp[1], loader, List.copyOf(found));
    }

    private static void unload(Path file, Jar jar) {
        LOG.info(() -> "Unloaded the plugin jar " + file);
        close(jar);
    }

    private static void close(Jar jar) {
        if (jar.loader() != null) {
            try {
                jar.loader().close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "closing a plugin class loader", e);
            }
        }
    }

    @PreDestroy
    void closeAll() {
        jars.values().forEach(PluginCatalog::close);
        jars.clear();
    }
}
