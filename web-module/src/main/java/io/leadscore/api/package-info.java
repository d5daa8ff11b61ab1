/**
 * The REST edge of API.md: JAX-RS resources, JSON bodies in and out, ETags, paging links and the
 * mapping of domain exceptions to RFC 9457 problem details. Entities never leave this package: they
 * become view records first.
 */
package io.leadscore.api;
