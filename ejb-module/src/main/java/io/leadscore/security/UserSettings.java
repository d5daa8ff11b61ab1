package io.leadscore.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Whether the server has users to sign in with. server.xml's basic registry takes the four users' passwords from
 * the variables {@code user.<name>.password}, which have no defaults: the demo profile of the build sets them to
 * the user names, a deployment sets its own (bootstrap.properties or the environment). A deployment that
 * replaces the basic registry (LDAP, say) says so with {@code users.registry=external}.
 */
final class UserSettings {

    public static final List<String> USERS = List.of("sales", "manager", "admin", "operator");

    private UserSettings() {
    }

    /** Why the server must not start, or empty when it may; {@code setting} reads a server.xml variable. */
    public static Optional<String> problem(Function<String, Optional<String>> setting) {
        String registry = setting.apply("users.registry").orElse("basic").strip();
        if (registry.equals("external")) {
            return Optional.empty();
        }
        if (!registry.equals("basic")) {
            return Optional.of("users.registry is '" + registry + "'; it must be basic (the users in server.xml) or "
                    + "external (a registry of your own in place of server.xml's basicRegistry)");
        }
        List<String> missing = new ArrayList<>();
        for (String user : USERS) {
            if (setting.apply("user." + user + ".password").map(String::isBlank).orElse(true)) {
                missing.add("user." + user + ".password");
            }
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("Leadscore has no built-in passwords and these are not set: " + String.join(", ", missing)
                + ". Set them in the server's bootstrap.properties or as environment variables (operator's is also "
                + "the identity scheduled jobs run as), or set users.registry=external if you replaced the basic "
                + "registry; for a demo, start the server with the README's run command, which sets demo passwords.");
    }
}
