package io.leadscore.common;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Record ids: UUID version 7 (RFC 9562), a millisecond timestamp followed by random bits. New ids sort
 * after older ones, so inserts append to the primary-key index (and to the attribute tables keyed by
 * it) instead of landing on random pages: on a million leads, random version-4 ids made every create
 * read index pages from disk.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String newId() {
        return timeOrdered(System.currentTimeMillis(), RANDOM.nextLong(), RANDOM.nextLong()).toString();
    }

    /** A version-7 UUID from a millisecond timestamp and random bits (also used, seeded, by the demo generator). */
    public static UUID timeOrdered(long epochMillis, long randomA, long randomB) {
        long msb = (epochMillis << 16) | 0x7000L | (randomA & 0x0FFFL);
        long lsb = (randomB & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
