-- The key ranges a lead-rescore job instance was split into, kept so that a restarted execution resumes
-- each partition from its checkpoint over the same range, however the leads changed in between.
CREATE TABLE rescore_partition (
  job_instance_id BIGINT        NOT NULL,
  partition_no    INTEGER       NOT NULL,
  from_id         VARCHAR(36),
  to_id           VARCHAR(36),
  created_since   TIMESTAMP     NOT NULL,
  model_id        VARCHAR(36),
  CONSTRAINT pk_rescore_partition PRIMARY KEY (job_instance_id, partition_no)
);
CREATE INDEX ix_lead_status_id ON crm_lead (status, id);
