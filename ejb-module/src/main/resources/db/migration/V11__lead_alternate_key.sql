-- A lead's alternate key, as Dataverse's: the system it comes from and its id there. Optional; unique together
-- (a lead without one is not checked: both databases let rows with nulls in a unique constraint repeat).
ALTER TABLE crm_lead ADD COLUMN external_source VARCHAR(100);
ALTER TABLE crm_lead ADD COLUMN external_id VARCHAR(200);
ALTER TABLE crm_lead ADD CONSTRAINT uq_lead_external_key UNIQUE (external_source, external_id);
-- An import that upserts by the alternate key counts what became of its rows
ALTER TABLE lead_import ADD COLUMN rows_created BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE lead_import ADD COLUMN rows_updated BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE lead_import ADD COLUMN rows_unchanged BIGINT DEFAULT 0 NOT NULL;
