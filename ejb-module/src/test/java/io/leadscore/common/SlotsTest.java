package io.leadscore.common;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlotsTest {

    @Test
    void theSlotAfterTheLastIsRefusedUntilOneIsGivenBack() {
        Slots slots = new Slots("Imports", 2);
        slots.take();
        slots.take();
        Slots.Busy busy = assertThrows(Slots.Busy.class, slots::take);
        assertTrue(busy.getMessage().startsWith("Imports: 2 already running"), busy.getMessage());
        slots.release();
        slots.take();
        assertEquals(2, slots.inUse());
    }

    @Test
    void givingBackMoreThanWasTakenAddsNoSlot() {
        Slots slots = new Slots("CSV exports", 1);
        slots.release(); // a restarted job ends without having taken one
        slots.take();
        assertThrows(Slots.Busy.class, slots::take);
    }
}
