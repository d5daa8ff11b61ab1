package io.leadscore.batch;

import io.leadscore.common.Times;
import io.leadscore.model.DailySlot;
import io.leadscore.model.ScheduleSlotRepository;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts {@code lead-rescore} every day at {@code rescore.time} (server.xml variable, HH:MM, the server's time zone),
 * as the Operator role ({@link OperatorJobs}), so operators see and manage it like one they started.
 * <p>
 * Once per cluster: the check every five minutes is a persistent EJB timer, which Liberty fires on one server of those
 * sharing the database and, when that server is down, on another once {@code schedules.takeover.seconds} have passed
 * (server.xml). A check starts the rescore when a slot came round since the last one worked (schedule_slot; after an
 * outage, one rescore for the slots missed), so the time stays a setting.
 */
@Startup
@Singleton
public class RescoreSchedule {

    static final String NAME = "daily lead-rescore";
    /** How often the persistent timer below checks (its minute field). */
    static final Duration CHECK = Duration.ofMinutes(5);
    private static final Logger LOG = Logger.getLogger(RescoreSchedule.class.getName());

    @EJB
    private OperatorJobs jobs;
    @Inject
    private ScheduleSlotRepository slots;
    @Inject
    @ConfigProperty(name = "rescore.time", defaultValue = "02:00")
    private String time;

    private Optional<DailySlot> slot;

    @PostConstruct
    void schedule() {
        slot = DailySlot.parse(time, ZoneId.systemDefault());
        if (slot.isEmpty()) {
            LOG.severe("rescore.time must be HH:MM, not '" + time + "': the daily rescore is not scheduled");
        } else {
            LOG.info("The daily lead-rescore runs at " + time + " (once across the servers sharing the database)");
        }
    }

    @Schedule(hour = "*", minute = "*/5", persistent = true, info = NAME)
    void check() {
        if (slot.isEmpty()) {
            return;
        }
        Instant now = Times.now();
        Instant due = slot.get().latest(now);
        if (slots.last(NAME) == null) {
            // the first check of a new installation: what came round before it existed is not run now
            slots.insert(NAME, slot.get().latest(now.minus(CHECK)));
        }
        if (!slots.advance(NAME, due)) {
            return;
        }
        try {
            long id = jobs.rescore(null);
            LOG.info("Started the daily lead-rescore of " + due + ", execution " + id);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "The daily lead-rescore of " + due + " could not be started", e);
        }
    }
}
