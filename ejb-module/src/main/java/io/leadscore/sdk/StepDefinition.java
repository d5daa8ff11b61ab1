package io.leadscore.sdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A step: which plugin runs for which message on which entity, in which stage and mode, for which
 * changed attributes (Update only; empty means any change), and in which order within its stage (rank,
 * lowest first). The rules are Dataverse's.
 */
public record StepDefinition(String plugin, Message message, String entity, Stage stage, Mode mode,
                             Set<String> filteringAttributes, int rank, boolean enabled) {

    public StepDefinition {
        filteringAttributes = filteringAttributes == null ? Set.of() : Set.copyOf(filteringAttributes);
    }

    /** Why this registration is not allowed, or an empty list. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (plugin == null || plugin.isBlank()) {
            out.add("plugin: is required");
        }
        if (message == null) {
            out.add("message: is required (Create, Update, Delete, Qualify or Disqualify)");
        }
        if (entity == null || entity.isBlank()) {
            out.add("entity: is required");
        }
        if (stage == null) {
            out.add("stage: is required (PreValidation, PreOperation or PostOperation)");
        }
        if (mode == null) {
            out.add("mode: is required (Synchronous or Asynchronous)");
        }
        if (mode == Mode.Asynchronous && stage != null && stage != Stage.PostOperation) {
            out.add("mode: an asynchronous step runs after the operation has committed, so only in PostOperation, not "
                    + stage);
        }
        if (!filteringAttributes.isEmpty() && message != null && message != Message.Update) {
            out.add("filteringAttributes: only an Update step has filtering attributes, not a " + message + " step");
        }
        if (rank < 0 || rank > 1_000_000) {
            out.add("rank: must be from 0 to 1000000");
        }
        return out;
    }

    /** Whether the step runs for this operation: enabled, same message and entity, and (Update) a filtering attribute changed. */
    public boolean appliesTo(Message m, String entityName, Set<String> changedAttributes) {
        return appliesTo(m, entityName, changedAttributes::contains);
    }

    /** As {@link #appliesTo(Message, String, Set)}, asking {@code changed} about each filtering attribute in turn. */
    public boolean appliesTo(Message m, String entityName, java.util.function.Predicate<String> changed) {
        if (!enabled || m != message || !entity.equals(entityName)) {
            return false;
        }
        if (m != Message.Update || filteringAttributes.isEmpty()) {
            return true;
        }
        for (String a : filteringAttributes) {
            if (changed.test(a)) {
                return true;
            }
        }
        return false;
    }
}
