package org.example.leadplugins;

import io.leadscore.sdk.Plugin;
import io.leadscore.sdk.PluginExecutionContext;
import io.leadscore.sdk.Record;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fails as often as the lead's attributes/failTimes says, then writes attributes/flakyDone; sleeps
 * attributes/sleepMs first; throws an Error (not an exception) when attributes/throwError is true. Runs batches: the jobs one save or import chunk enqueued run together.
 */
public class FlakyPlugin implements Plugin {

    @Override
    public boolean batched() {
        return true;
    }

    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    @Override
    public void execute(PluginExecutionContext context) {
        String id = context.target().id();
        Record lead = context.records().retrieve("lead", id);
        if (lead.get("attributes/sleepMs") instanceof Number ms) {
            try {
                Thread.sleep(ms.longValue());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (Boolean.TRUE.equals(lead.get("attributes/throwError"))) {
            throw new AssertionError("flaky: an Error, not an exception");
        }
        int call = CALLS.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        double failTimes = lead.get("attributes/failTimes") instanceof Number n ? n.doubleValue() : 0;
        if (call <= failTimes) {
            throw new IllegalStateException("flaky: call " + call + " of " + (int) failTimes + " that fail");
        }
        context.records().update("lead", id, Map.of("attributes/flakyDone", (double) call));
    }
}
