/**
 * The database itself: the schema's life (Flyway migrations, run at start-up before anything uses JPA), the
 * transaction's JDBC connection, and what the supported databases do differently for bulk writes
 * ({@link io.leadscore.db.Dialect}, {@link io.leadscore.db.ColumnInsert}, {@link io.leadscore.db.ColumnUpdate}).
 */
package io.leadscore.db;
