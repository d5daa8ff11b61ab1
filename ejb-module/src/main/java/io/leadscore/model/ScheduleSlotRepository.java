package io.leadscore.model;

import io.leadscore.common.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * The last time slot each daily schedule started its work for (table schedule_slot). Advancing is one conditional
 * update: however many servers' timers fire for a slot, one of them gets to start the work.
 */
@ApplicationScoped
public class ScheduleSlotRepository {

    @PersistenceContext(unitName = "leadscore")
    private EntityManager em;

    /** The schedule's first record: {@code slot} counts as worked. */
    public void insert(String name, Instant slot) {
        em.createNativeQuery("INSERT INTO schedule_slot (name, last_slot) VALUES (?, ?)").setParameter(1, name)
                .setParameter(2, Timestamp.valueOf(Times.utc(slot))).executeUpdate();
    }

    /** The last slot worked, or null before the schedule's first start. */
    public Instant last(String name) {
        var rows = em.createNativeQuery("SELECT last_slot FROM schedule_slot WHERE name = ?").setParameter(1, name)
                .getResultList();
        return rows.isEmpty() ? null : Times.instant(((Timestamp) rows.get(0)).toLocalDateTime());
    }

    /** Moves the schedule on to {@code slot} if it was before it; true for the one caller that did. */
    public boolean advance(String name, Instant slot) {
        Timestamp t = Timestamp.valueOf(Times.utc(slot));
        return em.createNativeQuery("UPDATE schedule_slot SET last_slot = ? WHERE name = ? AND last_slot < ?")
                .setParameter(1, t).setParameter(2, name).setParameter(3, t).executeUpdate() == 1;
    }
}
