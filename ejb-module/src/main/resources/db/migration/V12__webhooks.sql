-- Webhooks (Dataverse's service endpoints): an administrator's endpoint for lead events. Its secret signs each
-- delivery (HMAC-SHA256) and is never read back over the API.
CREATE TABLE webhook (
  id           VARCHAR(36)   NOT NULL,
  version      BIGINT        NOT NULL,
  name         VARCHAR(200)  NOT NULL,
  url          VARCHAR(2000) NOT NULL,
  secret       VARCHAR(200)  NOT NULL,
  events       VARCHAR(400)  NOT NULL,
  filter_text  VARCHAR(4000),
  enabled      BOOLEAN       NOT NULL,
  created_on   TIMESTAMP     NOT NULL,
  modified_on  TIMESTAMP     NOT NULL,
  CONSTRAINT pk_webhook PRIMARY KEY (id),
  CONSTRAINT uq_webhook_name UNIQUE (name)
);
-- A delivery waiting to be sent: written with its system job in the saving transaction, deleted once the endpoint
-- took it (the system job stays, with its history).
CREATE TABLE webhook_delivery (
  id          VARCHAR(36)    NOT NULL,
  webhook_id  VARCHAR(36)    NOT NULL,
  event       VARCHAR(40)    NOT NULL,
  lead_id     VARCHAR(36)    NOT NULL,
  body        VARCHAR(32000) NOT NULL,
  created_on  TIMESTAMP      NOT NULL,
  CONSTRAINT pk_webhook_delivery PRIMARY KEY (id),
  CONSTRAINT fk_webhook_delivery_webhook FOREIGN KEY (webhook_id) REFERENCES webhook (id) ON DELETE CASCADE
);
CREATE INDEX ix_webhook_delivery_webhook ON webhook_delivery (webhook_id);
