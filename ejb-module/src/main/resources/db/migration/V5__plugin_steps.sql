-- Plugin step registrations: which plugin runs for which message, entity, stage and mode. A step a plugin
-- declares is registered when the plugin is first seen (declared_key names it); administrators enable,
-- disable and rank it, and register steps of their own.
CREATE TABLE plugin_step (
  id                   VARCHAR(36)   NOT NULL,
  version              BIGINT        NOT NULL,
  plugin               VARCHAR(200)  NOT NULL,
  declared_key         VARCHAR(400),
  message              VARCHAR(20)   NOT NULL,
  entity               VARCHAR(50)   NOT NULL,
  stage                VARCHAR(20)   NOT NULL,
  step_mode            VARCHAR(20)   NOT NULL,
  filtering_attributes VARCHAR(4000),
  step_rank            INTEGER       NOT NULL,
  enabled              BOOLEAN       NOT NULL,
  created_on           TIMESTAMP     NOT NULL,
  modified_on          TIMESTAMP     NOT NULL,
  CONSTRAINT pk_plugin_step PRIMARY KEY (id),
  CONSTRAINT uq_plugin_step_declared UNIQUE (declared_key)
);
