package io.leadscore.security;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserSettingsTest {

    private static Optional<String> problem(Map<String, String> settings) {
        return UserSettings.problem(name -> Optional.ofNullable(settings.get(name)));
    }

    @Test
    void aServerWithoutPasswordsRefusesToStartSayingWhatToSet() {
        String why = problem(Map.of()).orElseThrow();
        assertTrue(why.startsWith("Leadscore has no built-in passwords and these are not set: user.sales.password, "
                + "user.manager.password, user.admin.password, user.operator.password."), why);
        assertTrue(why.contains("bootstrap.properties") && why.contains("users.registry=external"), why);
    }

    @Test
    void everyUserNeedsAPasswordOfItsOwn() {
        Map<String, String> s = new HashMap<>(Map.of("user.sales.password", "a", "user.manager.password", "b",
                "user.admin.password", "c", "user.operator.password", " "));
        String why = problem(s).orElseThrow();
        assertTrue(why.contains("not set: user.operator.password. ") && !why.contains("user.sales.password"), why);
        s.put("user.operator.password", "d");
        assertEquals(Optional.empty(), problem(s));
    }

    @Test
    void anExternalRegistryNeedsNoneAndAnUnknownOneIsNamed() {
        assertEquals(Optional.empty(), problem(Map.of("users.registry", "external")));
        assertTrue(problem(Map.of("users.registry", "ldap")).orElseThrow().startsWith("users.registry is 'ldap'"));
    }
}
