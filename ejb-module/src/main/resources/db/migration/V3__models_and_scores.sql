-- Models, their versions and the scores they give. ${blob_type} is BLOB on Derby and BYTEA on
-- PostgreSQL (set by DatabaseMigrator); everything else is portable SQL.

CREATE TABLE ml_model (
  id                   VARCHAR(36)   NOT NULL,
  version              BIGINT        NOT NULL,
  name                 VARCHAR(100)  NOT NULL,
  business_process     VARCHAR(100),
  filter_text          VARCHAR(4000),
  priority             INTEGER       NOT NULL,
  attributes_json      VARCHAR(16000) NOT NULL,
  grade_a              INTEGER       NOT NULL,
  grade_b              INTEGER       NOT NULL,
  grade_c              INTEGER       NOT NULL,
  trend_threshold      INTEGER       NOT NULL,
  auto_retrain_days    INTEGER,
  training_window_days INTEGER       NOT NULL,
  status               VARCHAR(20)   NOT NULL,
  error                VARCHAR(2000),
  latest_version       INTEGER,
  published_version    INTEGER,
  published_on         TIMESTAMP,
  training_started_on  TIMESTAMP,
  created_on           TIMESTAMP     NOT NULL,
  modified_on          TIMESTAMP     NOT NULL,
  CONSTRAINT pk_ml_model PRIMARY KEY (id),
  CONSTRAINT uq_ml_model_name UNIQUE (name),
  CONSTRAINT ck_ml_model_status CHECK (status IN ('DRAFT', 'TRAINING', 'TRAINED', 'PUBLISHED', 'FAILED', 'RETIRED'))
);

-- One row per training that succeeded; immutable. The configuration it was trained with is kept with it.
CREATE TABLE ml_model_version (
  id               VARCHAR(36)    NOT NULL,
  model_id         VARCHAR(36)    NOT NULL,
  number           INTEGER        NOT NULL,
  config_json      VARCHAR(20000) NOT NULL,
  metrics_json     VARCHAR(32000) NOT NULL,
  factors_json     VARCHAR(32000) NOT NULL,
  checksum         VARCHAR(64)    NOT NULL,
  artifact_size    BIGINT         NOT NULL,
  training_rows    INTEGER        NOT NULL,
  qualified        INTEGER        NOT NULL,
  disqualified     INTEGER        NOT NULL,
  training_millis  BIGINT         NOT NULL,
  trained_on       TIMESTAMP      NOT NULL,
  published_on     TIMESTAMP,
  CONSTRAINT pk_ml_model_version PRIMARY KEY (id),
  CONSTRAINT uq_ml_model_version UNIQUE (model_id, number),
  CONSTRAINT fk_version_model FOREIGN KEY (model_id) REFERENCES ml_model (id) ON DELETE CASCADE
);

-- The network, encoder and calibration of a version (io.leadscore.scoring.ModelArtifact), apart from the
-- version row so that listing versions never reads them.
CREATE TABLE ml_model_artifact (
  version_id VARCHAR(36) NOT NULL,
  content    ${blob_type}  NOT NULL,
  CONSTRAINT pk_ml_model_artifact PRIMARY KEY (version_id),
  CONSTRAINT fk_artifact_version FOREIGN KEY (version_id) REFERENCES ml_model_version (id) ON DELETE CASCADE
);

-- A lead's current score lives on the lead, so that lists order by it through an index; it is written
-- by the scoring service, never by clients, and does not change the lead's version.
ALTER TABLE crm_lead ADD COLUMN score_value INTEGER;
ALTER TABLE crm_lead ADD COLUMN score_grade VARCHAR(1);
ALTER TABLE crm_lead ADD COLUMN score_trend VARCHAR(20);
ALTER TABLE crm_lead ADD COLUMN score_model_id VARCHAR(36);
ALTER TABLE crm_lead ADD COLUMN score_model_version INTEGER;
ALTER TABLE crm_lead ADD COLUMN scored_on TIMESTAMP;
-- "My open leads scored": one owner's open leads, best score first
CREATE INDEX ix_lead_owner_status_score ON crm_lead (owner_id, status, score_value DESC, id DESC);
CREATE INDEX ix_lead_score_model ON crm_lead (score_model_id);

CREATE TABLE lead_score_history (
  id            BIGINT GENERATED ALWAYS AS IDENTITY,
  lead_id       VARCHAR(36) NOT NULL,
  scored_on     TIMESTAMP   NOT NULL,
  score_value   INTEGER     NOT NULL,
  score_grade   VARCHAR(1)  NOT NULL,
  model_id      VARCHAR(36) NOT NULL,
  model_version INTEGER     NOT NULL,
  CONSTRAINT pk_lead_score_history PRIMARY KEY (id),
  CONSTRAINT fk_score_history_lead FOREIGN KEY (lead_id) REFERENCES crm_lead (id) ON DELETE CASCADE
);
CREATE INDEX ix_score_history_lead ON lead_score_history (lead_id, scored_on);
