/**
 * Jakarta Batch: the job XML under {@code META-INF/batch-jobs} and its artifacts ({@code lead-rescore},
 * {@code lead-import}, {@code model-train}: TODO(#5)). Packaged as an EJB module so that artifacts can
 * inject the domain services of the ejb-module.
 */
package io.leadscore.batch;
