package io.leadscore.batch;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts {@code lead-rescore} every day at {@code rescore.time} (server.xml variable, HH:MM), as the
 * Operator role ({@link OperatorJobs}), so operators see and manage it like one they started.
 */
@Startup
@Singleton
public class RescoreSchedule {

    private static final Logger LOG = Logger.getLogger(RescoreSchedule.class.getName());

    @Resource
    private TimerService timers;
    @EJB
    private OperatorJobs jobs;
    @Inject
    @ConfigProperty(name = "rescore.time", defaultValue = "02:00")
    private String time;

    @PostConstruct
    void schedule() {
        String[] hm = time.strip().split(":");
        int hour;
        int minute;
        try {
            hour = Integer.parseInt(hm[0]);
            minute = hm.length > 1 ? Integer.parseInt(hm[1]) : 0;
        } catch (NumberFormatException e) {
            hour = -1;
            minute = -1;
        }
        if (hm.length > 2 || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
            LOG.severe("rescore.time must be HH:MM, not '" + time + "': the daily rescore is not scheduled");
            return;
        }
        timers.createCalendarTimer(new ScheduleExpression().hour(hour).minute(minute).second(0),
                new TimerConfig("daily lead-rescore", false));
        LOG.info("The daily lead-rescore runs at " + time);
    }

    @Timeout
    void rescore() {
        try {
            long id = jobs.rescore(null);
            LOG.info("Started the daily lead-rescore, execution " + id);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "The daily lead-rescore could not be started", e);
        }
    }
}
