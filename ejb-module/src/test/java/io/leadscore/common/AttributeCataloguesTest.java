package io.leadscore.common;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AttributeCataloguesTest {

    private static final Map<String, FieldType> KINDS = Map.of("budget", FieldType.DECIMAL, "newsletter", FieldType.BOOLEAN,
            "tags", FieldType.TEXT);

    @Test
    void knownAttributesOfTheirKindKeepTheCatalogue() {
        assertTrue(AttributeCatalogues.known(KINDS, Map.of("budget", 3.0, "newsletter", true)));
        // text holds any value, and a cleared attribute brings nothing new
        Map<String, Object> cleared = new HashMap<>();
        cleared.put("tags", 7.0);
        cleared.put("budget", null);
        assertTrue(AttributeCatalogues.known(KINDS, cleared));
        assertTrue(AttributeCatalogues.known(KINDS, Map.of()));
    }

    @Test
    void aNewAttributeOrAnotherKindDoesNot() {
        assertFalse(AttributeCatalogues.known(KINDS, Map.of("budget", 3.0, "region", "EU")));
        assertFalse(AttributeCatalogues.known(KINDS, Map.of("budget", "a lot")));
        assertFalse(AttributeCatalogues.known(KINDS, Map.of("newsletter", 1.0)));
    }

    @Test
    void loadsOnceUntilAWriteBringsSomethingNew() {
        AttributeCatalogues catalogues = new AttributeCatalogues();
        AtomicInteger loads = new AtomicInteger();
        Map<String, FieldType> stored = new HashMap<>(Map.of("budget", FieldType.DECIMAL));
        java.util.function.Supplier<Map<String, FieldType>> load = () -> {
            loads.incrementAndGet();
            return stored;
        };
        assertEquals(Map.of("budget", FieldType.DECIMAL), catalogues.of(String.class, load));
        catalogues.of(String.class, load);
        catalogues.written(String.class, Map.of("budget", 5.0));
        catalogues.of(String.class, load);
        assertEquals(1, loads.get(), "read once, and a known attribute changes nothing");

        catalogues.written(String.class, Map.of("region", "EU"));
        stored.put("region", FieldType.TEXT);
        assertEquals(Map.of("budget", FieldType.DECIMAL, "region", FieldType.TEXT), catalogues.of(String.class, load));
        assertEquals(2, loads.get());
        catalogues.of(Integer.class, load);
        assertEquals(3, loads.get(), "another type has its own catalogue");
    }
}
