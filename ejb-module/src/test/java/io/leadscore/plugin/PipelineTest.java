package io.leadscore.plugin;

import io.leadscore.sdk.InvalidPluginExecutionException;
import io.leadscore.sdk.Message;
import io.leadscore.sdk.Mode;
import io.leadscore.sdk.Plugin;
import io.leadscore.sdk.PluginExecutionContext;
import io.leadscore.sdk.Record;
import io.leadscore.sdk.Stage;
import io.leadscore.sdk.StepDefinition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pipeline's rules without a server: order, filtering attributes, Target, shared variables, depth, failures. */
class PipelineTest {

    private final List<String> ran = new ArrayList<>();
    private final Map<String, Plugin> plugins = new HashMap<>();

    private Plugin recording(String name) {
        Plugin p = c -> ran.add(name + "@" + c.stage());
        plugins.put(name, p);
        return p;
    }

    private static Pipeline.Step step(String id, String plugin, Message m, Stage stage, Mode mode, int rank,
                                      String... filtering) {
        return new Pipeline.Step(id, new StepDefinition(plugin, m, "lead", stage, mode, Set.of(filtering), rank, true));
    }

    private Pipeline pipeline(Pipeline.Step... steps) {
        return new Pipeline(List.of(steps), plugins::get, Duration.ofMinutes(2));
    }

    private static Pipeline.Operation create(Map<String, Object> values) {
        return new Pipeline.Operation(Message.Create, "lead", "sales", UUID.randomUUID(), 1,
                new Record("lead", null, values, true), null);
    }

    private static Pipeline.Operation update(Map<String, Object> before, Map<String, Object> after) {
        return new Pipeline.Operation(Message.Update, "lead", "sales", UUID.randomUUID(), 1,
                new Record("lead", "L1", after, true), new Record("lead", "L1", before, false));
    }

    @Test
    void stepsRunByRankThenIdAndOnlyForTheirStageMessageAndEntity() {
        recording("a");
        recording("b");
        recording("c");
        recording("other");
        Pipeline p = pipeline(
                step("3", "c", Message.Create, Stage.PreOperation, Mode.Synchronous, 2),
                step("2", "b", Message.Create, Stage.PreOperation, Mode.Synchronous, 1),
                step("1", "a", Message.Create, Stage.PreOperation, Mode.Synchronous, 1),
                step("4", "other", Message.Update, Stage.PreOperation, Mode.Synchronous, 0),
                new Pipeline.Step("5", new StepDefinition("other", Message.Create, "account", Stage.PreOperation,
                        Mode.Synchronous, Set.of(), 0, true)),
                new Pipeline.Step("6", new StepDefinition("other", Message.Create, "lead", Stage.PreOperation,
                        Mode.Synchronous, Set.of(), 0, false)));
        Pipeline.Operation op = create(Map.of("lastName", "Lovelace"));
        p.run(op, Stage.PreValidation, null);
        assertEquals(List.of(), ran);
        p.run(op, Stage.PreOperation, null);
        assertEquals(List.of("a@PreOperation", "b@PreOperation", "c@PreOperation"), ran);
    }

    @Test
    void anUpdateStepWithFilteringAttributesRunsOnlyWhenOneOfThemChanged() {
        recording("scorer");
        Pipeline p = pipeline(step("1", "scorer", Message.Update, Stage.PostOperation, Mode.Asynchronous, 1,
                "industry", "attributes/TotalVisits"));
        Pipeline.Operation topicOnly = update(Map.of("topic", "a", "industry", "Finance"), Map.of("topic", "b", "industry", "Finance"));
        assertTrue(p.plan(topicOnly, Stage.PostOperation, Mode.Asynchronous).isEmpty());
        Pipeline.Operation industry = update(Map.of("industry", "Finance"), Map.of("industry", "Retail"));
        assertEquals(1, p.plan(industry, Stage.PostOperation, Mode.Asynchronous).size());
        Pipeline.Operation visits = update(Map.of(), Map.of("attributes/TotalVisits", 3));
        assertEquals(1, p.plan(visits, Stage.PostOperation, Mode.Asynchronous).size());
        // asynchronous steps are not run in the transaction
        p.run(industry, Stage.PostOperation, null);
        assertEquals(List.of(), ran);
    }

    @Test
    void theTargetChangesUntilPostOperationAndSharedVariablesPassFromStepToStep() {
        plugins.put("defaulter", c -> {
            if (c.target().get("source") == null) {
                c.target().set("source", "Web");
            }
            c.sharedVariables().put("defaulted", true);
        });
        plugins.put("reader", c -> ran.add(c.target().get("source") + " " + c.sharedVariables().get("defaulted")));
        plugins.put("late", c -> c.target().set("source", "Phone"));
        Pipeline p = pipeline(
                step("1", "defaulter", Message.Create, Stage.PreValidation, Mode.Synchronous, 1),
                step("2", "reader", Message.Create, Stage.PreOperation, Mode.Synchronous, 1),
                step("3", "late", Message.Create, Stage.PostOperation, Mode.Synchronous, 1));
        Pipeline.Operation op = create(Map.of("lastName", "Lovelace"));
        p.run(op, Stage.PreValidation, null);
        p.run(op, Stage.PreOperation, null);
        assertEquals("Web", op.target().get("source"));
        assertEquals(List.of("Web true"), ran);
        PluginFailedException e = assertThrows(PluginFailedException.class, () -> p.run(op, Stage.PostOperation, op.target()));
        assertTrue(e.getMessage().contains("only in PreValidation and PreOperation"), e.getMessage());
        assertEquals("Web", op.target().get("source"));
    }

    @Test
    void aRefusalPassesThroughAndAnyOtherFailureCarriesTheCorrelationId() {
        plugins.put("gate", c -> {
            throw new InvalidPluginExecutionException("A lead of the Partner process needs an email");
        });
        plugins.put("broken", c -> {
            throw new NullPointerException("oops");
        });
        Pipeline.Operation op = create(Map.of("lastName", "Lovelace"));
        InvalidPluginExecutionException refusal = assertThrows(InvalidPluginExecutionException.class, () ->
                pipeline(step("1", "gate", Message.Create, Stage.PreValidation, Mode.Synchronous, 1))
                        .run(op, Stage.PreValidation, null));
        assertEquals("A lead of the Partner process needs an email", refusal.getMessage());
        PluginFailedException failure = assertThrows(PluginFailedException.class, () ->
                pipeline(step("1", "broken", Message.Create, Stage.PreOperation, Mode.Synchronous, 1))
                        .run(op, Stage.PreOperation, null));
        assertEquals(op.correlationId(), failure.correlationId());
        assertTrue(failure.getMessage().contains("broken") && failure.getMessage().contains("oops"));
        PluginFailedException missing = assertThrows(PluginFailedException.class, () ->
                pipeline(step("1", "not installed", Message.Create, Stage.PreOperation, Mode.Synchronous, 1))
                        .run(op, Stage.PreOperation, null));
        assertTrue(missing.getMessage().contains("no plugin of that name"));
    }

    @Test
    void depthOverEightStopsTheOperation() {
        recording("a");
        Pipeline p = pipeline(step("1", "a", Message.Create, Stage.PreOperation, Mode.Synchronous, 1));
        Pipeline.Operation eight = new Pipeline.Operation(Message.Create, "lead", "sales", null, 8,
                new Record("lead", null, Map.of(), true), null);
        p.run(eight, Stage.PreOperation, null);
        Pipeline.Operation nine = new Pipeline.Operation(Message.Create, "lead", "sales", eight.correlationId(), 9,
                new Record("lead", null, Map.of(), true), null);
        InvalidPluginExecutionException e = assertThrows(InvalidPluginExecutionException.class,
                () -> p.run(nine, Stage.PreOperation, null));
        assertTrue(e.getMessage().contains("depth 9"));
        assertEquals(1, ran.size());
    }

    @Test
    void aSlowSynchronousStepFailsTheOperation() {
        plugins.put("slow", c -> {
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Pipeline p = new Pipeline(List.of(step("1", "slow", Message.Create, Stage.PreOperation, Mode.Synchronous, 1)),
                plugins::get, Duration.ofMillis(10));
        PluginFailedException e = assertThrows(PluginFailedException.class,
                () -> p.run(create(Map.of()), Stage.PreOperation, null));
        assertTrue(e.getMessage().contains("the limit is 10 ms"), e.getMessage());
    }

    @Test
    void aSynchronousStepStillRunningAtItsLimitIsInterruptedAndFailsTheOperation() throws Exception {
        java.util.concurrent.ScheduledExecutorService watchdog = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try {
            List<Boolean> sawInterrupt = new ArrayList<>();
            plugins.put("hung", c -> {
                try {
                    Thread.sleep(60_000); // a call to a service that never answers
                } catch (InterruptedException e) {
                    sawInterrupt.add(true);
                    throw new IllegalStateException("gave up waiting", e);
                }
            });
            Pipeline p = new Pipeline(List.of(step("1", "hung", Message.Create, Stage.PreOperation, Mode.Synchronous, 1)),
                    plugins::get, Duration.ofMillis(200), null, watchdog);
            long started = System.nanoTime();
            PluginFailedException e = assertThrows(PluginFailedException.class,
                    () -> p.run(create(Map.of()), Stage.PreOperation, null));
            assertTrue((System.nanoTime() - started) / 1_000_000 < 10_000, "interrupted, not waited for");
            assertTrue(e.getMessage().contains("interrupted at the time limit of 200 ms"), e.getMessage());
            assertEquals(List.of(true), sawInterrupt);
            assertTrue(!Thread.currentThread().isInterrupted(), "the interrupt does not outlive the step");

            // a quick step is never interrupted, and leaves no interrupt behind
            plugins.put("quick", c -> { });
            Pipeline q = new Pipeline(List.of(step("2", "quick", Message.Create, Stage.PreOperation, Mode.Synchronous, 1)),
                    plugins::get, Duration.ofMillis(50), null, watchdog);
            q.run(create(Map.of()), Stage.PreOperation, null);
            Thread.sleep(120);
            assertTrue(!Thread.currentThread().isInterrupted());
        } finally {
            watchdog.shutdownNow();
        }
    }

    @Test
    void imagesAreReadOnlyAndTheContextSaysWhereItRuns() {
        List<PluginExecutionContext> seen = new ArrayList<>();
        plugins.put("look", seen::add);
        Pipeline p = pipeline(step("1", "look", Message.Update, Stage.PostOperation, Mode.Synchronous, 1));
        Pipeline.Operation op = update(Map.of("industry", "Finance"), Map.of("industry", "Retail"));
        Record post = new Record("lead", "L1", Map.of("industry", "Retail"), false);
        p.run(op, Stage.PostOperation, post);
        PluginExecutionContext c = seen.get(0);
        assertEquals(Message.Update, c.message());
        assertEquals(Stage.PostOperation, c.stage());
        assertEquals(Mode.Synchronous, c.mode());
        assertEquals("sales", c.initiatingUser());
        assertEquals(1, c.depth());
        assertSame(op.correlationId(), c.correlationId());
        assertEquals("Finance", c.preImage().orElseThrow().get("industry"));
        assertEquals("Retail", c.postImage().orElseThrow().get("industry"));
        assertThrows(IllegalStateException.class, () -> c.preImage().orElseThrow().set("industry", "x"));
        assertFalse(c.preImage().isEmpty());
    }

    @Test
    void registrationsFollowDataversesRules() {
        StepDefinition asyncPre = new StepDefinition("p", Message.Create, "lead", Stage.PreOperation, Mode.Asynchronous,
                Set.of(), 1, true);
        assertTrue(asyncPre.problems().get(0).contains("only in PostOperation"));
        StepDefinition filteredCreate = new StepDefinition("p", Message.Create, "lead", Stage.PostOperation,
                Mode.Asynchronous, Set.of("industry"), 1, true);
        assertTrue(filteredCreate.problems().get(0).startsWith("filteringAttributes"));
        StepDefinition fine = new StepDefinition("p", Message.Update, "lead", Stage.PostOperation, Mode.Asynchronous,
                Set.of("industry"), 1, true);
        assertEquals(List.of(), fine.problems());
        // plugin, message, entity, stage, mode and rank
        assertEquals(6, new StepDefinition(null, null, null, null, null, null, -1, true).problems().size());
    }

    @Test
    void anOperationStartedWithinAnotherIsOneLevelDeeperWithTheSameCorrelationId() {
        Pipeline.Operation outer = OperationScope.begin(Message.Update, "lead", "sales", new Record("lead", "L1", Map.of(), false), null);
        assertEquals(1, outer.depth());
        Pipeline.Operation[] inner = new Pipeline.Operation[2];
        OperationScope.within(outer, () -> {
            inner[0] = OperationScope.begin(Message.Update, "lead", "sales", new Record("lead", "L1", Map.of(), false), null);
            return OperationScope.within(inner[0], () -> inner[1] = OperationScope.begin(Message.Create, "account", "sales",
                    new Record("account", null, Map.of(), false), null));
        });
        assertEquals(2, inner[0].depth());
        assertEquals(3, inner[1].depth());
        assertEquals(outer.correlationId(), inner[1].correlationId());
        // once the outer operation is over, the next one starts at depth 1 again
        Pipeline.Operation next = OperationScope.begin(Message.Create, "lead", "sales", new Record("lead", null, Map.of(), false), null);
        assertEquals(1, next.depth());
        assertFalse(next.correlationId().equals(outer.correlationId()));
    }

    @Test
    void onlyCreateAndUpdateLetPluginsChangeTheTarget() {
        plugins.put("setter", c -> c.target().set("topic", "changed"));
        for (Message m : List.of(Message.Delete, Message.Qualify, Message.Disqualify)) {
            Pipeline.Operation op = new Pipeline.Operation(m, "lead", "sales", null, 1,
                    new Record("lead", "L1", Map.of("topic", "as is"), false), new Record("lead", "L1", Map.of("topic", "as is"), false));
            Pipeline p = pipeline(step("1", "setter", m, Stage.PreOperation, Mode.Synchronous, 1));
            PluginFailedException e = assertThrows(PluginFailedException.class, () -> p.run(op, Stage.PreOperation, null));
            assertTrue(e.getMessage().contains("of a Create or an Update"), e.getMessage());
            assertEquals("as is", op.target().get("topic"));
        }
    }

    @Test
    void aCustomAttributeThatIsRemovedCountsAsChanged() {
        Pipeline.Operation op = update(Map.of("topic", "a", "attributes/TotalVisits", 3.0), Map.of("topic", "a"));
        assertEquals(Set.of("attributes/TotalVisits"), op.changedAttributes());
        for (String name : List.of("topic", "attributes/TotalVisits", "industry", "attributes/Other")) {
            assertEquals(op.changedAttributes().contains(name), op.changed(name), name);
        }
        Pipeline.Operation created = create(Map.of("topic", "a"));
        assertTrue(created.changed("topic"));
        assertFalse(created.changed("industry"));
    }

    @Test
    void anUpdatesFilteredAndUnfilteredStepsKeepTheirOrder() {
        Pipeline p = pipeline(
                step("1", "late", Message.Update, Stage.PreOperation, Mode.Synchronous, 3),
                step("2", "visits", Message.Update, Stage.PreOperation, Mode.Synchronous, 2, "attributes/TotalVisits"),
                step("3", "industry", Message.Update, Stage.PreOperation, Mode.Synchronous, 1, "industry"),
                step("4", "creating", Message.Create, Stage.PreOperation, Mode.Synchronous, 0));
        Pipeline.Operation industry = update(Map.of("industry", "Finance"), Map.of("industry", "Retail"));
        assertEquals(List.of("3", "1"), p.plan(industry, Stage.PreOperation, Mode.Synchronous).stream()
                .map(Pipeline.Step::id).toList());
        Pipeline.Operation both = update(Map.of("industry", "Finance", "attributes/TotalVisits", 1.0),
                Map.of("industry", "Retail"));
        assertEquals(List.of("3", "2", "1"), p.plan(both, Stage.PreOperation, Mode.Synchronous).stream()
                .map(Pipeline.Step::id).toList());
        assertEquals(List.of("4"), p.plan(create(Map.of()), Stage.PreOperation, Mode.Synchronous).stream()
                .map(Pipeline.Step::id).toList());
    }
}
