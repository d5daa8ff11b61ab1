package io.leadscore.common;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The custom attributes each record type carries, as the OData service declares them, kept between requests: working
 * them out reads every attribute row. A write that brings an attribute the catalogue does not have (or a value of
 * another kind) drops the type's catalogue, again when its transaction ends, so that the next read sees it; an
 * attribute no record carries any more leaves it within {@link #MAX_AGE}, as do writes made by other servers.
 */
@ApplicationScoped // not an EJB: every record write asks it, and needs no container services for that
public class AttributeCatalogues {

    static final Duration MAX_AGE = Duration.ofMinutes(5);

    private record Catalogue(Map<String, FieldType> kinds, long loadedAt) {
    }

    private final Map<Class<?>, Catalogue> catalogues = new ConcurrentHashMap<>();

    @Resource
    private TransactionSynchronizationRegistry transactions;

    /** The type's catalogue, worked out by {@code load} when there is none or it is older than {@link #MAX_AGE}. */
    public Map<String, FieldType> of(Class<?> type, Supplier<Map<String, FieldType>> load) {
        Catalogue c = catalogues.get(type);
        long now = System.nanoTime();
        if (c == null || now - c.loadedAt() > MAX_AGE.toNanos()) {
            c = new Catalogue(Map.copyOf(load.get()), now);
            catalogues.put(type, c);
        }
        return c.kinds();
    }

    /** A record of the type is being written with these attributes. */
    public void written(Class<?> type, Map<String, Object> attributes) {
        Catalogue c = catalogues.get(type);
        if (c == null || attributes.isEmpty() || known(c.kinds(), attributes)) {
            return;
        }
        catalogues.remove(type);
        if (transactions != null && transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            // a read between now and the commit would not see the new attribute yet: drop what it loads, too
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    catalogues.remove(type);
                }
            });
        }
    }

    /** Whether the catalogue already declares every attribute with a kind that holds its value. */
    static boolean known(Map<String, FieldType> kinds, Map<String, Object> attributes) {
        for (Map.Entry<String, Object> a : attributes.entrySet()) {
            if (a.getValue() == null) {
                continue;
            }
            FieldType kind = kinds.get(a.getKey());
            FieldType needed = a.getValue() instanceof Number ? FieldType.DECIMAL
                    : a.getValue() instanceof Boolean ? FieldType.BOOLEAN : FieldType.TEXT;
            if (kind == null || (kind != needed && kind != FieldType.TEXT)) {
                return false;
            }
        }
        return true;
    }
}
