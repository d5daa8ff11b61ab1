package io.leadscore.api;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins per user name: after {@link #FREE_FAILURES} in a row, the next attempt must wait 30 s, and the
 * wait doubles with every further failure up to 15 minutes, whatever the password (so guessing one is slow). A
 * success clears the count; so do 15 quiet minutes. Kept in memory: a restart forgets it.
 */
@ApplicationScoped
public class SignInThrottle {

    static final int FREE_FAILURES = 5;
    static final Duration FIRST_WAIT = Duration.ofSeconds(30);
    static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
    /** Beyond this many user names, the quiet ones are forgotten first (names are not checked before a sign-in). */
    private static final int MAX_USERS = 10_000;

    private record Failures(int count, Instant last) {
    }

    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();

    /** How long {@code user} must wait before the next attempt counts; zero when they may try now. */
    public Duration waitFor(String user, Instant now) {
        Failures f = failures.get(key(user));
        if (f == null || f.count() < FREE_FAILURES) {
            return Duration.ZERO;
        }
        Duration wait = FIRST_WAIT.multipliedBy(1L << Math.min(10, f.count() - FREE_FAILURES));
        if (wait.compareTo(LONGEST_WAIT) > 0) {
            wait = LONGEST_WAIT;
        }
        Duration left = Duration.between(now, f.last().plus(wait));
        return left.isNegative() ? Duration.ZERO : left;
    }

    public void failed(String user, Instant now) {
        if (failures.size() > MAX_USERS) {
            failures.values().removeIf(f -> f.last().isBefore(now.minus(LONGEST_WAIT)));
        }
        failures.merge(key(user), new Failures(1, now), (old, one) -> old.last().isBefore(now.minus(LONGEST_WAIT))
                ? one : new Failures(old.count() + 1, now));
    }

    public void succeeded(String user) {
        failures.remove(key(user));
    }

    private static String key(String user) {
        return user.strip().toLowerCase(Locale.ROOT);
    }
}
