package io.leadscore.sdk;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** What a plugin knows about the operation it runs in (Dataverse's IPluginExecutionContext). */
public interface PluginExecutionContext {

    Message message();

    String entityName();

    Stage stage();

    Mode mode();

    /** 1 for an operation a client started; one more for each operation a plugin starts from within another. */
    int depth();

    String initiatingUser();

    /** The same for every step of one operation and the operations its plugins start. */
    UUID correlationId();

    /** The record as the operation writes it; writable in PreValidation and PreOperation. */
    Record target();

    /** The record before the operation (Update, Delete, Qualify, Disqualify). */
    Optional<Record> preImage();

    /** The record after the operation (PostOperation). */
    Optional<Record> postImage();

    /** Values passed from step to step within one operation. */
    Map<String, Object> sharedVariables();

    /** What the operation gives back: {@code id} after Create. */
    Map<String, Object> outputs();

    /** Reads and writes records from within the step (each write a nested operation). */
    RecordOperations records();
}
