package io.leadscore.scoring;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoundedExecutorTest {

    @Test
    void runsEveryTaskButNeverMoreThanItsLimitAtOnceOnAnExecutorThatWouldStartAll() throws Exception {
        ExecutorService unbounded = Executors.newCachedThreadPool();
        try {
            BoundedExecutor bounded = new BoundedExecutor(unbounded, 2);
            AtomicInteger now = new AtomicInteger();
            AtomicInteger most = new AtomicInteger();
            List<Integer> order = Collections.synchronizedList(new ArrayList<>());
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                int task = i;
                all.add(CompletableFuture.runAsync(() -> {
                    order.add(task);
                    most.accumulateAndGet(now.incrementAndGet(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    now.decrementAndGet();
                }, bounded));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            assertEquals(12, order.size());
            assertEquals(2, most.get(), "two at a time, never more");
            assertTrue(order.indexOf(0) < 2 && order.indexOf(1) < 2, "the first given start first: " + order);
        } finally {
            unbounded.shutdownNow();
        }
    }

    @Test
    void aTaskTheTargetRefusesGivesItsPlaceToTheNext() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            BoundedExecutor bounded = new BoundedExecutor(task -> {
                if (calls.incrementAndGet() == 1) {
                    throw new RejectedExecutionException("full");
                }
                pool.execute(task);
            }, 1);
            assertThrows(RejectedExecutionException.class, () -> bounded.execute(() -> { }));
            CountDownLatch ran = new CountDownLatch(1);
            bounded.execute(ran::countDown);
            assertTrue(ran.await(5, TimeUnit.SECONDS), "the limit's one place was given back");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BoundedExecutor(Runnable::run, 0));
    }
}
