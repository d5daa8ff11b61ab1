package io.leadscore.plugin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;

/**
 * This server among the servers that share the database: its id ({@code server.id}, by default the Liberty
 * server's name at the host's name), the owner written on the system jobs it claims, and how long a claim lasts.
 */
@ApplicationScoped
public class ServerIdentity {

    @Inject
    @ConfigProperty(name = "server.id")
    private Optional<String> configured;
    @Inject
    @ConfigProperty(name = "system.jobs.lease.seconds", defaultValue = "30")
    private long leaseSeconds;

    private volatile String id;

    public String id() {
        String i = id;
        if (i == null) {
            i = of(configured.orElse(""), host());
            id = i;
        }
        return i;
    }

    /** How long a claimed job stays this server's without its lease being renewed. */
    public Duration lease() {
        return Duration.ofSeconds(Math.max(5, leaseSeconds));
    }

    /** {@code name} as given when it names a host ("a@b"), else at this host; at most 200 characters. */
    static String of(String name, String host) {
        String base = name == null || name.isBlank() ? "leadscore" : name.trim();
        String full = base.contains("@") ? base : base + "@" + host;
        return full.length() > 200 ? full.substring(0, 200) : full;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
