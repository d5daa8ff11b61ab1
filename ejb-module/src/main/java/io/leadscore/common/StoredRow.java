package io.leadscore.common;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * One row of a record's table, by column name: how a record is rebuilt when it is read without JPA (a
 * read-only snapshot for scoring many at once). Each record type names its own columns, next to their mapping.
 */
public interface StoredRow {

    String text(String column);

    Integer integer(String column);

    Long whole(String column);

    BigDecimal decimal(String column);

    /** A TIMESTAMP column, which holds UTC. */
    LocalDateTime time(String column);
}
