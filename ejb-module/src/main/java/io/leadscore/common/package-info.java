/**
 * What leads, accounts and contacts share: the field schema (names, types, limits) that the REST
 * input, the filter language, the CSV import and the OpenAPI document all read; custom attribute
 * values; the caller; and the domain's exceptions, which the REST edge maps to problem+json.
 */
package io.leadscore.common;
