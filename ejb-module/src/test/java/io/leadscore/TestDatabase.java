package io.leadscore;

import io.leadscore.db.DatabaseMigrator;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import org.apache.derby.jdbc.EmbeddedDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/** A fresh in-memory Derby database per test class, migrated by the product's Flyway scripts, with real EclipseLink. */
public final class TestDatabase implements AutoCloseable {

    private final String url;
    private final EmbeddedDataSource dataSource;
    private final EntityManagerFactory emf;

    public TestDatabase() {
        String name = "memory:t" + UUID.randomUUID().toString().replace("-", "");
        this.url = "jdbc:derby:" + name;
        this.dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName(name);
        dataSource.setCreateDatabase("create");
        DatabaseMigrator.migrate(dataSource, getClass().getClassLoader());
        this.emf = Persistence.createEntityManagerFactory("leadscore-test", Map.of("jakarta.persistence.jdbc.url", url));
    }

    public javax.sql.DataSource dataSource() {
        return dataSource;
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    public EntityManager em() {
        return emf.createEntityManager();
    }

    /** Runs work in one committed transaction. */
    public void inTransaction(Consumer<EntityManager> work) {
        EntityManager em = em();
        try {
            em.getTransaction().begin();
            work.accept(em);
            em.getTransaction().commit();
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    @Override
    public void close() {
        emf.close();
        try {
            EmbeddedDataSource drop = new EmbeddedDataSource();
            drop.setDatabaseName(url.substring("jdbc:derby:".length()));
            drop.setConnectionAttributes("drop=true");
            drop.getConnection().close();
        } catch (SQLException expected) {
            // Derby reports a successful drop as an exception
        }
    }
}
