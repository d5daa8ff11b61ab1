package io.leadscore.it;

import io.leadscore.model.ScheduleSlotRepository;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.transaction.UserTransaction;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.naming.InitialContext;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One schedule per cluster (issue 19): the application's schedules are persistent EJB timers, stored once in the
 * database that the servers share (Liberty runs each occurrence on one of them, and on another when that one is
 * down), and a daily slot is worked once however many checks of it run at the same time.
 */
@ExtendWith(ArquillianExtension.class)
class ScheduleIT {

    @Deployment
    static WebArchive deployment() {
        return ServiceDeployment.of("schedule-it", ScheduleIT.class);
    }

    private ScheduleSlotRepository slots;

    @Test
    void eachScheduleOfTheApplicationIsOnePersistentTimerInTheDatabase() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = server.queryNames(new ObjectName("WebSphere:type=EJBPersistentTimerService,*"), null);
        assertEquals(1, names.size(), "the EJB persistent timer service: " + names);
        Object[] timers = (Object[]) server.invoke(names.iterator().next(), "getTimers", new Object[] {"leadscore"},
                new String[] {String.class.getName()});
        List<String> described = Arrays.stream(timers).map(String::valueOf).toList();
        // the daily rescore's check, the auto-retrain check, the drift check, the pruning of succeeded system jobs
        for (String bean : List.of("RescoreSchedule", "TrainingJobs", "DriftWatch", "SystemJobs")) {
            assertEquals(1, described.stream().filter(d -> d.contains(bean)).count(), bean + " in " + described);
        }
        assertEquals(4, described.size(), "no other persistent timer: " + described);
    }

    @Test
    void aDailySlotIsWorkedOnceHoweverManyServersCheckItAtTheSameTime() throws Exception {
        // the application-scoped repository, a CDI bean (Arquillian injects EJBs and resources into tests)
        slots = jakarta.enterprise.inject.spi.CDI.current().select(ScheduleSlotRepository.class).get();
        String name = "it-" + UUID.randomUUID();
        Instant yesterday = Instant.parse("2026-12-01T02:00:00Z");
        Instant today = yesterday.plus(1, ChronoUnit.DAYS);
        assertNull(inTransaction(() -> slots.last(name)));
        inTransaction(() -> {
            slots.insert(name, yesterday);
            return null;
        });
        assertFalse(inTransaction(() -> slots.advance(name, yesterday)), "a slot already worked is not worked again");

        // two servers' checks of today's slot at once: the first holds its update a moment before it commits
        ManagedExecutorService executor = InitialContext.doLookup("java:comp/DefaultManagedExecutorService");
        CountDownLatch updated = new CountDownLatch(1);
        Future<Boolean> first = executor.submit(() -> inTransaction(() -> {
            boolean advanced = slots.advance(name, today);
            updated.countDown();
            Thread.sleep(700);
            return advanced;
        }));
        assertTrue(updated.await(30, TimeUnit.SECONDS));
        Future<Boolean> second = executor.submit(() -> inTransaction(() -> slots.advance(name, today)));
        boolean a = first.get(60, TimeUnit.SECONDS);
        boolean b = second.get(60, TimeUnit.SECONDS);
        assertTrue(a ^ b, "exactly one check starts the work: " + a + ", " + b);
        assertEquals(today, inTransaction(() -> slots.last(name)));
        assertFalse(inTransaction(() -> slots.advance(name, yesterday)), "never back to an older slot");
    }

    private static <T> T inTransaction(Callable<T> work) throws Exception {
        UserTransaction tx = InitialContext.doLookup("java:comp/UserTransaction");
        tx.begin();
        try {
            T result = work.call();
            tx.commit();
            return result;
        } catch (Exception | Error e) {
            tx.rollback();
            throw e;
        }
    }
}
