package io.leadscore.common;

import java.util.concurrent.Semaphore;

/**
 * At most so many of one kind of heavy work at a time in this server (CSV exports, imports): a caller that finds
 * every slot taken is told to come back (429 with Retry-After) instead of queueing work the server cannot do.
 * Held in memory: a restart frees every slot, as it ends the work that held them.
 */
public final class Slots {

    private final String what;
    private final int max;
    private final Semaphore free;

    public Slots(String what, int max) {
        this.what = what;
        this.max = Math.max(1, max);
        this.free = new Semaphore(this.max);
    }

    private synchronized boolean tryTake() {
        return free.tryAcquire();
    }

    /** Takes a slot, or throws {@link Busy} when all are taken. */
    public void take() {
        if (!tryTake()) {
            throw new Busy(what + ": " + max + " already running, the most this server runs at once; try again shortly");
        }
    }

    /** Gives a slot back; never more than were taken (a job restarted by an operator ends without having taken one). */
    public synchronized void release() {
        if (free.availablePermits() < max) {
            free.release();
        }
    }

    public int inUse() {
        return max - free.availablePermits();
    }

    /** Every slot is taken: a 429. */
    public static final class Busy extends RuntimeException {
        public Busy(String message) {
            super(message);
        }
    }
}
