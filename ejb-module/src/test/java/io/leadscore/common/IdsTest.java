package io.leadscore.common;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdsTest {

    @Test
    void idsAreVersion7AndSortInCreationOrder() throws InterruptedException {
        String first = Ids.newId();
        Thread.sleep(2);
        String second = Ids.newId();
        assertEquals(7, UUID.fromString(first).version());
        assertEquals(2, UUID.fromString(first).variant());
        assertTrue(first.compareTo(second) < 0, first + " < " + second);
    }

    @Test
    void theTimestampLeadsTheId() {
        UUID id = Ids.timeOrdered(0x0123456789ABL, -1L, -1L);
        assertTrue(id.toString().startsWith("01234567-89ab-7"), id.toString());
    }
}
