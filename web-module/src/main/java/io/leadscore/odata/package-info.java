/**
 * The OData v4 service at {@code /odata/v4} (Apache Olingo's server library): the entity data model built from the
 * records' schemas and custom attributes (ServiceModel), the processor that answers through the same services as
 * the REST API (RecordsProcessor), the translation of {@code $filter} and {@code $orderby} into the product's filter
 * language (QueryText), and OData error bodies mapped like problem+json (ODataErrors).
 */
package io.leadscore.odata;
