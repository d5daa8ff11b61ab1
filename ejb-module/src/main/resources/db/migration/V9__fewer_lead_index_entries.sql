-- Every create and import writes an entry into each index of crm_lead; these three earned none of theirs:
-- (owner_id, status, created_on) and (status, created_on) answer nothing their descending twins of V2 do not
-- (equality on the leading columns, a range on created_on), and score_model_id is filtered by the rescore
-- only inside an OR, where an index on it is not used, and by lists of a few models' leads (a scan either way).
DROP INDEX ix_lead_owner_status;
DROP INDEX ix_lead_status_created;
DROP INDEX ix_lead_score_model;

-- An import marks the rows it has written one chunk at a time (a range of row numbers, in the chunk's
-- transaction) instead of one marker row per lead.
CREATE TABLE lead_import_chunk (
  import_id  VARCHAR(36)   NOT NULL,
  first_row  BIGINT        NOT NULL,
  last_row   BIGINT        NOT NULL,
  CONSTRAINT pk_lead_import_chunk PRIMARY KEY (import_id, first_row),
  CONSTRAINT fk_lead_import_chunk FOREIGN KEY (import_id) REFERENCES lead_import (id) ON DELETE CASCADE
);
INSERT INTO lead_import_chunk (import_id, first_row, last_row) SELECT import_id, row_no, row_no FROM lead_import_row;
DROP TABLE lead_import_row;
