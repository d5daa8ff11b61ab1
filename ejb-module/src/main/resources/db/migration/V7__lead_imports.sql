-- CSV imports of leads: one row per import with its progress, the rows it rejected and why, and the rows it
-- wrote (so that a restarted import never writes a row twice).
CREATE TABLE lead_import (
  id                VARCHAR(36)   NOT NULL,
  version           BIGINT        NOT NULL,
  status            VARCHAR(20)   NOT NULL,
  file_name         VARCHAR(400)  NOT NULL,
  file_bytes        BIGINT        NOT NULL,
  default_owner     VARCHAR(100),
  business_process  VARCHAR(100),
  created_by        VARCHAR(100)  NOT NULL,
  caller_roles      VARCHAR(100)  NOT NULL,
  execution_id      BIGINT,
  rows_read         BIGINT        NOT NULL,
  rows_imported     BIGINT        NOT NULL,
  rows_rejected     BIGINT        NOT NULL,
  error             VARCHAR(4000),
  created_on        TIMESTAMP     NOT NULL,
  completed_on      TIMESTAMP,
  CONSTRAINT pk_lead_import PRIMARY KEY (id),
  CONSTRAINT ck_lead_import_status CHECK (status IN ('Waiting', 'Running', 'Completed', 'Failed', 'Stopped'))
);
CREATE TABLE lead_import_error (
  import_id  VARCHAR(36)   NOT NULL,
  row_no     BIGINT        NOT NULL,
  message    VARCHAR(2000) NOT NULL,
  CONSTRAINT pk_lead_import_error PRIMARY KEY (import_id, row_no),
  CONSTRAINT fk_lead_import_error FOREIGN KEY (import_id) REFERENCES lead_import (id) ON DELETE CASCADE
);
CREATE TABLE lead_import_row (
  import_id  VARCHAR(36)   NOT NULL,
  row_no     BIGINT        NOT NULL,
  lead_id    VARCHAR(36)   NOT NULL,
  CONSTRAINT pk_lead_import_row PRIMARY KEY (import_id, row_no),
  CONSTRAINT fk_lead_import_row FOREIGN KEY (import_id) REFERENCES lead_import (id) ON DELETE CASCADE
);
