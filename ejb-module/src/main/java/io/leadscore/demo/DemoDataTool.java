package io.leadscore.demo;

import io.leadscore.db.DatabaseMigrator;
import io.leadscore.lead.LeadRow;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Command line: migrates a database and fills it with a generated organisation of any size, with the
 * same generator the server uses for its demo. {@code bench/} uses it to make a million leads:
 * <pre>
 * java -cp ... io.leadscore.demo.DemoDataTool jdbc:derby:/tmp/leads;create=true 900000 100000 [seed]
 * </pre>
 * Arguments: JDBC URL, closed leads, open leads, optional seed. Accounts and contacts scale with the leads.
 */
public final class DemoDataTool {

    private DemoDataTool() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: DemoDataTool <jdbc-url> <closed-leads> <open-leads> [seed] [user] [password]");
            System.exit(2);
        }
        String url = args[0];
        int closed = Integer.parseInt(args[1]);
        int open = Integer.parseInt(args[2]);
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 20261127L;
        String user = args.length > 4 ? args[4] : null;
        String password = args.length > 5 ? args[5] : null;
        int total = closed + open;
        DemoOrganisation.Size size = new DemoOrganisation.Size(Math.max(300, total / 20), Math.max(600, total / 10), closed, open);

        long start = System.nanoTime();
        DatabaseMigrator.migrate(new UrlDataSource(url, user, password), DemoDataTool.class.getClassLoader());
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.setAutoCommit(false);
            try (JdbcDemoWriter w = new JdbcDemoWriter(c, 2000)) {
                new DemoOrganisation(seed, size, Instant.now()).generate(new DemoRows.Sink() {
                    @Override
                    public void account(DemoRows.AccountRow row) {
                        w.account(row);
                    }

                    @Override
                    public void contact(DemoRows.ContactRow row) {
                        w.contact(row);
                    }

                    @Override
                    public void lead(LeadRow row) {
                        w.lead(row);
                        if (w.leads() % 100_000 == 0) {
                            System.out.printf("%,d leads after %.0f s%n", w.leads(), (System.nanoTime() - start) / 1e9);
                        }
                    }
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("Generated %s in %.1f s (%.0f leads/s)%n", size, seconds, total / seconds);
    }

    /** Just enough of a DataSource for Flyway, over DriverManager. */
    private record UrlDataSource(String url, String user, String password) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        @Override
        public Connection getConnection(String u, String p) throws SQLException {
            return DriverManager.getConnection(url, u, p);
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            // not used
        }

        @Override
        public void setLoginTimeout(int seconds) {
            // not used
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
