/**
 * What plugins do with records ({@link io.leadscore.sdk.RecordOperations}), done through the lead, account and
 * contact services: above both the plugin host and the records, so that neither depends on the other's side.
 */
package io.leadscore.operations;
