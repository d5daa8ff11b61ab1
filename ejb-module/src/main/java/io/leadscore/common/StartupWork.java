package io.leadscore.common;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Work the server does after it starts and before it is ready (the readiness check asks): each piece says what it
 * is still doing, or null once it is done, and is not asked again then. The demo's first training registers here,
 * so that the health checks need not know the demo.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class StartupWork {

    private final Map<String, Supplier<String>> pending = new ConcurrentHashMap<>();

    /** {@code still} says what {@code name} is still doing, or null when it is done. */
    public void pending(String name, Supplier<String> still) {
        pending.put(name, still);
    }

    /** What is still being done, by name; empty when the server has nothing left to do before it is ready. */
    public Map<String, String> unsettled() {
        Map<String, String> out = new TreeMap<>();
        pending.forEach((name, still) -> {
            String doing = still.get();
            if (doing == null) {
                pending.remove(name, still);
            } else {
                out.put(name, doing);
            }
        });
        return out;
    }
}
