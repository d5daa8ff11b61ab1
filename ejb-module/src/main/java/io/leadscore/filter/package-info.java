/**
 * The filter language shared by collections and model filters: the OData v4 {@code $filter} subset of
 * API.md. {@link io.leadscore.filter.FilterParser} turns text into an AST ({@link io.leadscore.filter.Expr}),
 * {@link io.leadscore.filter.FilterBinder} checks every path and literal against a
 * {@link io.leadscore.common.RecordSchema}, and {@link io.leadscore.filter.CriteriaFilter} turns the bound
 * expression into a JPA Criteria predicate in which every literal is a bound parameter: no user text is
 * ever part of JPQL or SQL. Plain Java; tested without a server.
 */
package io.leadscore.filter;
