package io.leadscore.common;

/** Recognises the database refusing a row whose unique key another row has (SQL state 23505 on Derby and PostgreSQL). */
public final class DuplicateKey {

    private DuplicateKey() {
    }

    /** Whether {@code t} or one of its causes is a unique key violation. */
    public static boolean in(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
