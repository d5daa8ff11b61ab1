package io.leadscore.plugin;

import io.leadscore.sdk.Message;
import io.leadscore.sdk.Record;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * The operations running on this thread, innermost last. An operation a plugin starts from within another
 * (a synchronous step saving a record, or a system job doing so) inherits its correlation id and runs one
 * level deeper, which is what the pipeline's loop guard counts (Dataverse's depth).
 */
public final class OperationScope {

    private static final ThreadLocal<Deque<Pipeline.Operation>> CURRENT = ThreadLocal.withInitial(ArrayDeque::new);

    private OperationScope() {
    }

    /** A new operation: depth 1 and a new correlation id, or one deeper than the operation running here. */
    public static Pipeline.Operation begin(Message message, String entity, String user, Record target, Record preImage) {
        Pipeline.Operation parent = current();
        return parent == null
                ? new Pipeline.Operation(message, entity, user, null, 1, target, preImage)
                : new Pipeline.Operation(message, entity, user, parent.correlationId(), parent.depth() + 1, target,
                preImage);
    }

    /** The initiating user of the operation running on this thread, or null. */
    public static String currentUser() {
        Pipeline.Operation op = current();
        return op == null ? null : op.initiatingUser();
    }

    /** The innermost operation on this thread, or null; asking leaves nothing behind on the thread. */
    private static Pipeline.Operation current() {
        Deque<Pipeline.Operation> stack = CURRENT.get();
        if (stack.isEmpty()) {
            CURRENT.remove();
            return null;
        }
        return stack.peekLast();
    }

    /** Runs work as the current operation of this thread, so that operations it starts are nested in it. */
    public static <T> T within(Pipeline.Operation op, Supplier<T> work) {
        Deque<Pipeline.Operation> stack = CURRENT.get();
        stack.addLast(op);
        try {
            return work.get();
        } finally {
            stack.removeLast();
            if (stack.isEmpty()) {
                CURRENT.remove();
            }
        }
    }
}
