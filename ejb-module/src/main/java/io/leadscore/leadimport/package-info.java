/**
 * CSV imports of leads: mapping a row to a lead (plain Java, {@link io.leadscore.leadimport.CsvLeadRows}), the
 * import's progress and rejected rows, and writing rows through the lead service's pipeline exactly once
 * ({@link io.leadscore.leadimport.ImportService}); the batch module runs it as the {@code lead-import} job.
 */
package io.leadscore.leadimport;
