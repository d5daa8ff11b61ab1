package io.leadscore.db;

import jakarta.persistence.EntityManager;

import java.sql.Connection;

/** The JDBC connection of the current transaction, for writes in JDBC batches beside JPA's. */
public final class TransactionConnection {

    private TransactionConnection() {
    }

    /**
     * The connection the entity manager writes with in this transaction (taken at once when it has none yet,
     * by a statement that changes nothing), so JDBC and JPA writes commit or roll back together.
     */
    public static Connection of(EntityManager em) {
        Connection c = em.unwrap(Connection.class);
        if (c == null) {
            em.createNativeQuery("UPDATE crm_lead SET score_value = NULL WHERE 1 = 0").executeUpdate();
            c = em.unwrap(Connection.class);
        }
        if (c == null) {
            throw new IllegalStateException("No database connection in this transaction");
        }
        return c;
    }
}
