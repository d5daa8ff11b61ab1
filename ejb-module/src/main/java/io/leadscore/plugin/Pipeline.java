package io.leadscore.plugin;

import io.leadscore.sdk.InvalidPluginExecutionException;
import io.leadscore.sdk.Message;
import io.leadscore.sdk.Mode;
import io.leadscore.sdk.Plugin;
import io.leadscore.sdk.PluginExecutionContext;
import io.leadscore.sdk.Record;
import io.leadscore.sdk.RecordOperations;
import io.leadscore.sdk.Stage;
import io.leadscore.sdk.StepDefinition;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Runs the steps registered for an operation, Dataverse style: the steps of a stage in rank order (then by
 * id, so the order never depends on chance), Update steps only when one of their filtering attributes
 * changed, the Target writable until PostOperation, shared variables passed from step to step, and a
 * depth guard against plugins that trigger themselves without end. Plain Java: the services call it at the
 * edges of their transaction and turn asynchronous steps into system jobs.
 */
public final class Pipeline {

    private static final String ATTRIBUTES = "attributes/";

    /** Deeper than this, an operation is taken for a loop and refused (Dataverse's limit). */
    public static final int MAX_DEPTH = 8;

    /** A registered step: its id and definition. */
    public record Step(String id, StepDefinition definition) {
    }

    /** One operation going through the pipeline; the Target is replaced as PreValidation and PreOperation change it. */
    public static final class Operation {
        private final Message message;
        private final String entityName;
        private final String initiatingUser;
        private final UUID correlationId;
        private final int depth;
        private final Record preImage;
        private final Map<String, Object> sharedVariables = new LinkedHashMap<>();
        private final Map<String, Object> outputs = new LinkedHashMap<>();
        private Record target;

        public Operation(Message message, String entityName, String initiatingUser, UUID correlationId, int depth,
                         Record target, Record preImage) {
            this.message = Objects.requireNonNull(message);
            this.entityName = Objects.requireNonNull(entityName);
            this.initiatingUser = initiatingUser;
            this.correlationId = correlationId == null ? UUID.randomUUID() : correlationId;
            this.depth = depth;
            this.target = target;
            this.preImage = preImage;
        }

        public Message message() {
            return message;
        }

        public String entityName() {
            return entityName;
        }

        public UUID correlationId() {
            return correlationId;
        }

        public String initiatingUser() {
            return initiatingUser;
        }

        public int depth() {
            return depth;
        }

        public Record target() {
            return target;
        }

        public Record preImage() {
            return preImage;
        }

        public Map<String, Object> sharedVariables() {
            return sharedVariables;
        }

        public Map<String, Object> outputs() {
            return outputs;
        }

        /** After the write: the record as stored becomes the Target of PostOperation. */
        void written(Record stored) {
            this.target = stored.readOnly();
        }

        /**
         * The attributes an Update changes: those of the Target whose value differs from the pre-image, and
         * custom attributes the Target no longer has.
         */
        public Set<String> changedAttributes() {
            Set<String> changed = new HashSet<>();
            for (Map.Entry<String, Object> e : target.values().entrySet()) {
                if (preImage == null || !Objects.equals(e.getValue(), preImage.get(e.getKey()))) {
                    changed.add(e.getKey());
                }
            }
            if (preImage != null) {
                for (String name : preImage.values().keySet()) {
                    if (name.startsWith(ATTRIBUTES) && !target.contains(name)) {
                        changed.add(name);
                    }
                }
            }
            return changed;
        }

        /** Whether an Update changes this attribute: whether {@link #changedAttributes} holds it, without building it. */
        public boolean changed(String name) {
            if (target.contains(name)) {
                return preImage == null || !Objects.equals(target.get(name), preImage.get(name));
            }
            return preImage != null && name.startsWith(ATTRIBUTES) && preImage.contains(name);
        }
    }

    private final List<Step> steps;
    private final Function<String, Plugin> plugins;
    private final Duration timeLimit;
    private final RecordOperations records;
    /** Interrupts a synchronous step at its time limit; null: none (the step fails when it returns late). */
    private final java.util.concurrent.ScheduledExecutorService watchdog;
    private final Map<PlanKey, List<Step>> plans = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param steps     every registered step (enabled or not)
     * @param plugins   the plugin of a step's {@code plugin} name, or null when there is none
     * @param timeLimit longest a synchronous step may take; a slower one fails the operation
     */
    public Pipeline(List<Step> steps, Function<String, Plugin> plugins, Duration timeLimit) {
        this(steps, plugins, timeLimit, null);
    }

    /** @param records what plugins may do with records; null where there is no host (unit tests) */
    public Pipeline(List<Step> steps, Function<String, Plugin> plugins, Duration timeLimit, RecordOperations records) {
        this(steps, plugins, timeLimit, records, null);
    }

    /**
     * @param watchdog interrupts the thread of a synchronous step still running at its time limit, so that one
     *                 waiting on I/O or a lock gives up (a step that ignores interrupts still fails when it returns)
     */
    public Pipeline(List<Step> steps, Function<String, Plugin> plugins, Duration timeLimit, RecordOperations records,
                    java.util.concurrent.ScheduledExecutorService watchdog) {
        this.steps = List.copyOf(steps);
        this.plugins = plugins;
        this.timeLimit = timeLimit;
        this.records = records;
        this.watchdog = watchdog;
    }

    /**
     * An interrupt of the calling thread at the time limit, unless {@link #done} came first: once done, the thread
     * is never interrupted, and an interrupt that came is cleared, so nothing after the step sees it.
     */
    private static final class Alarm {
        private final Thread thread = Thread.currentThread();
        private java.util.concurrent.Future<?> timer;
        private boolean done;
        private boolean rang;

        Alarm(java.util.concurrent.ScheduledExecutorService watchdog, Duration after) {
            if (watchdog != null) {
                timer = watchdog.schedule(this::ring, after.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        }

        private synchronized void ring() {
            if (!done) {
                rang = true;
                thread.interrupt();
            }
        }

        /** Whether it rang. */
        synchronized boolean done() {
            done = true;
            if (timer != null) {
                timer.cancel(false);
            }
            if (rang) {
                Thread.interrupted();
            }
            return rang;
        }
    }

    /**
     * The steps that apply to an operation in a stage and mode, in the order they run. Only an Update's plan
     * depends on the operation itself (its changed attributes); the others are worked out once per pipeline,
     * which a bulk create runs for hundreds of operations.
     */
    public List<Step> plan(Operation op, Stage stage, Mode mode) {
        List<Step> candidates = plans.computeIfAbsent(new PlanKey(op.message(), op.entityName(), stage, mode),
                k -> steps.stream()
                        .filter(s -> s.definition().stage() == k.stage() && s.definition().mode() == k.mode())
                        .filter(s -> s.definition().appliesTo(k.message(), k.entityName(), name -> true))
                        .sorted(Comparator.comparingInt((Step s) -> s.definition().rank()).thenComparing(Step::id))
                        .toList());
        if (op.message() != Message.Update
                || candidates.stream().allMatch(s -> s.definition().filteringAttributes().isEmpty())) {
            return candidates;
        }
        // an Update's steps with filtering attributes: each asks only whether its own attributes changed
        return candidates.stream()
                .filter(s -> s.definition().appliesTo(op.message(), op.entityName(), op::changed))
                .toList();
    }

    /** The steps of a message, entity, stage and mode, whatever an Update changes. */
    private record PlanKey(Message message, String entityName, Stage stage, Mode mode) {
    }

    /**
     * Runs the synchronous steps of a stage. A refusal ({@link InvalidPluginExecutionException}) passes
     * through unchanged; any other failure becomes a {@link PluginFailedException} with the correlation id.
     */
    public void run(Operation op, Stage stage, Record postImage) {
        if (op.depth() > MAX_DEPTH) {
            throw new InvalidPluginExecutionException("The operation was stopped at depth " + op.depth()
                    + ": plugins that start operations started more than " + MAX_DEPTH + " nested operations, "
                    + "which looks like a loop");
        }
        for (Step step : plan(op, stage, Mode.Synchronous)) {
            Plugin plugin = plugins.apply(step.definition().plugin());
            if (plugin == null) {
                throw new PluginFailedException(step.definition().plugin(), stage, op.correlationId(),
                        new IllegalStateException("no plugin of that name is installed"));
            }
            Record target = writable(op, stage) ? op.target.writable() : op.target.readOnly();
            Context context = new Context(op, stage, Mode.Synchronous, target, postImage, records);
            long started = System.nanoTime();
            Alarm alarm = new Alarm(watchdog, timeLimit);
            RuntimeException failure = null;
            try {
                plugin.execute(context);
            } catch (InvalidPluginExecutionException e) {
                failure = e;
            } catch (RuntimeException | Error e) {
                failure = new PluginFailedException(step.definition().plugin(), stage, op.correlationId(), e);
            }
            boolean interrupted = alarm.done();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (interrupted) {
                throw new PluginFailedException(step.definition().plugin(), stage, op.correlationId(),
                        new IllegalStateException("it was interrupted at the time limit of " + timeLimit.toMillis()
                                + " ms"));
            }
            if (failure != null) {
                throw failure;
            }
            if (took.compareTo(timeLimit) > 0) {
                throw new PluginFailedException(step.definition().plugin(), stage, op.correlationId(),
                        new IllegalStateException("it took " + took.toMillis() + " ms; the limit is "
                                + timeLimit.toMillis() + " ms"));
            }
            if (writable(op, stage)) {
                op.target = target.readOnly();
            }
        }
    }

    /** Whether plugins may change the Target: before the write, of a Create or an Update. */
    static boolean writable(Operation op, Stage stage) {
        return stage.targetWritable() && op.message().writesTarget();
    }

    /** The context of one step, for synchronous steps here and for system jobs that run asynchronous ones. */
    public static PluginExecutionContext context(Operation op, Stage stage, Mode mode, Record postImage,
                                                 RecordOperations records) {
        return new Context(op, stage, mode, writable(op, stage) ? op.target.writable() : op.target.readOnly(),
                postImage, records);
    }

    private record Context(Operation op, Stage stage, Mode mode, Record target, Record post, RecordOperations ops)
            implements PluginExecutionContext {

        @Override
        public RecordOperations records() {
            if (ops == null) {
                throw new UnsupportedOperationException("No record operations here");
            }
            return ops;
        }

        @Override
        public Message message() {
            return op.message();
        }

        @Override
        public String entityName() {
            return op.entityName();
        }

        @Override
        public int depth() {
            return op.depth();
        }

        @Override
        public String initiatingUser() {
            return op.initiatingUser;
        }

        @Override
        public UUID correlationId() {
            return op.correlationId();
        }

        @Override
        public Optional<Record> preImage() {
            return Optional.ofNullable(op.preImage()).map(Record::readOnly);
        }

        @Override
        public Optional<Record> postImage() {
            return Optional.ofNullable(post).map(Record::readOnly);
        }

        @Override
        public Map<String, Object> sharedVariables() {
            return op.sharedVariables();
        }

        @Override
        public Map<String, Object> outputs() {
            return op.outputs();
        }
    }
}
