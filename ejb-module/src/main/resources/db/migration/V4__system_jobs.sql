-- System jobs: each asynchronous plugin step an operation triggers, written in the same transaction as the
-- change, run after commit, retried with backoff, taken up again after a restart.
CREATE TABLE system_job (
  id              VARCHAR(36)   NOT NULL,
  version         BIGINT        NOT NULL,
  plugin          VARCHAR(200)  NOT NULL,
  message         VARCHAR(20)   NOT NULL,
  entity          VARCHAR(50)   NOT NULL,
  entity_id       VARCHAR(36),
  status          VARCHAR(20)   NOT NULL,
  attempts        INTEGER       NOT NULL,
  error           VARCHAR(4000),
  correlation_id  VARCHAR(36)   NOT NULL,
  depth           INTEGER       NOT NULL,
  initiating_user VARCHAR(100),
  created_on      TIMESTAMP     NOT NULL,
  started_on      TIMESTAMP,
  completed_on    TIMESTAMP,
  next_attempt_on TIMESTAMP,
  CONSTRAINT pk_system_job PRIMARY KEY (id),
  CONSTRAINT ck_system_job_status CHECK (status IN ('Waiting', 'InProgress', 'Succeeded', 'Failed', 'Canceled'))
);
CREATE INDEX ix_system_job_status ON system_job (status, created_on);
CREATE INDEX ix_system_job_entity ON system_job (entity_id);
