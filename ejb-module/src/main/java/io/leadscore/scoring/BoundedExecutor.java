package io.leadscore.scoring;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * Runs the tasks given to it on another executor, at most {@code limit} at a time, in the order given; the others
 * wait here until one ends. A training's networks and trees are CPU-bound: on a server's managed executor, which
 * starts every task at once, ten of them shared two cores and the training took half as long again (JIT compilation
 * included) as with one task per core.
 */
final class BoundedExecutor implements Executor {

    private final Executor target;
    private final int limit;
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private int running;

    BoundedExecutor(Executor target, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        this.target = target;
        this.limit = limit;
    }

    /** At most one task per core of this machine. */
    static Executor perCore(Executor target) {
        return new BoundedExecutor(target, Runtime.getRuntime().availableProcessors());
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            if (running >= limit) {
                waiting.add(task);
                return;
            }
            running++;
        }
        start(task);
    }

    private void start(Runnable task) {
        try {
            target.execute(() -> {
                try {
                    task.run();
                } finally {
                    next();
                }
            });
        } catch (RuntimeException refused) { // the target refused it: its place goes to the next one waiting
            next();
            throw refused;
        }
    }

    private void next() {
        Runnable task;
        synchronized (this) {
            task = waiting.poll();
            if (task == null) {
                running--;
                return;
            }
        }
        start(task);
    }
}
