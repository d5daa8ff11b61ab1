/**
 * The path every record write takes, shared by the lead, account and contact services ({@link
 * io.leadscore.record.RecordService}): the plugin pipeline around the write, validation, ownership and versions.
 */
package io.leadscore.record;
