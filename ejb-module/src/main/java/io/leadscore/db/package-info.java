/** The database schema's life: Flyway migrations, run at start-up before anything uses JPA. */
package io.leadscore.db;
