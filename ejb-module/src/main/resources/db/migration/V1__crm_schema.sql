-- Leads, accounts and contacts. Portable SQL: runs unchanged on Derby and PostgreSQL.
-- Timestamps are UTC (TIMESTAMP without time zone); ids are UUID strings.

CREATE TABLE crm_account (
  id                  VARCHAR(36)   NOT NULL,
  version             BIGINT        NOT NULL,
  name                VARCHAR(160)  NOT NULL,
  industry            VARCHAR(100),
  country             VARCHAR(100),
  number_of_employees INTEGER,
  annual_revenue      DECIMAL(19,2),
  owner_id            VARCHAR(100)  NOT NULL,
  created_on          TIMESTAMP     NOT NULL,
  modified_on         TIMESTAMP     NOT NULL,
  CONSTRAINT pk_crm_account PRIMARY KEY (id)
);
CREATE INDEX ix_account_name ON crm_account (name);
CREATE INDEX ix_account_industry ON crm_account (industry);

CREATE TABLE crm_account_attribute (
  account_id    VARCHAR(36)      NOT NULL,
  name          VARCHAR(100)     NOT NULL,
  text_value    VARCHAR(1000),
  number_value  DOUBLE PRECISION,
  boolean_value BOOLEAN,
  CONSTRAINT pk_crm_account_attribute PRIMARY KEY (account_id, name),
  CONSTRAINT fk_account_attribute FOREIGN KEY (account_id) REFERENCES crm_account (id) ON DELETE CASCADE
);

CREATE TABLE crm_contact (
  id          VARCHAR(36)  NOT NULL,
  version     BIGINT       NOT NULL,
  first_name  VARCHAR(100),
  last_name   VARCHAR(100) NOT NULL,
  email       VARCHAR(254),
  job_title   VARCHAR(100),
  account_id  VARCHAR(36),
  owner_id    VARCHAR(100) NOT NULL,
  created_on  TIMESTAMP    NOT NULL,
  modified_on TIMESTAMP    NOT NULL,
  CONSTRAINT pk_crm_contact PRIMARY KEY (id),
  CONSTRAINT fk_contact_account FOREIGN KEY (account_id) REFERENCES crm_account (id) ON DELETE SET NULL
);
CREATE INDEX ix_contact_account ON crm_contact (account_id);
CREATE INDEX ix_contact_last_name ON crm_contact (last_name);

CREATE TABLE crm_contact_attribute (
  contact_id    VARCHAR(36)      NOT NULL,
  name          VARCHAR(100)     NOT NULL,
  text_value    VARCHAR(1000),
  number_value  DOUBLE PRECISION,
  boolean_value BOOLEAN,
  CONSTRAINT pk_crm_contact_attribute PRIMARY KEY (contact_id, name),
  CONSTRAINT fk_contact_attribute FOREIGN KEY (contact_id) REFERENCES crm_contact (id) ON DELETE CASCADE
);

CREATE TABLE crm_lead (
  id               VARCHAR(36)  NOT NULL,
  version          BIGINT       NOT NULL,
  topic            VARCHAR(300),
  first_name       VARCHAR(100),
  last_name        VARCHAR(100) NOT NULL,
  email            VARCHAR(254),
  phone            VARCHAR(50),
  job_title        VARCHAR(100),
  company_name     VARCHAR(160),
  industry         VARCHAR(100),
  source           VARCHAR(100),
  country          VARCHAR(100),
  city             VARCHAR(100),
  status           VARCHAR(20)  NOT NULL,
  business_process VARCHAR(100),
  owner_id         VARCHAR(100) NOT NULL,
  account_id       VARCHAR(36),
  contact_id       VARCHAR(36),
  created_on       TIMESTAMP    NOT NULL,
  modified_on      TIMESTAMP    NOT NULL,
  closed_on        TIMESTAMP,
  CONSTRAINT pk_crm_lead PRIMARY KEY (id),
  CONSTRAINT fk_lead_account FOREIGN KEY (account_id) REFERENCES crm_account (id) ON DELETE SET NULL,
  CONSTRAINT fk_lead_contact FOREIGN KEY (contact_id) REFERENCES crm_contact (id) ON DELETE SET NULL,
  CONSTRAINT ck_lead_status CHECK (status IN ('OPEN', 'QUALIFIED', 'DISQUALIFIED'))
);
-- "My open leads" and the manager views filter by owner and status and order by time
CREATE INDEX ix_lead_owner_status ON crm_lead (owner_id, status, created_on);
CREATE INDEX ix_lead_status_created ON crm_lead (status, created_on);
CREATE INDEX ix_lead_status_closed ON crm_lead (status, closed_on);
CREATE INDEX ix_lead_created ON crm_lead (created_on);
CREATE INDEX ix_lead_modified ON crm_lead (modified_on);
CREATE INDEX ix_lead_industry ON crm_lead (industry);
CREATE INDEX ix_lead_source ON crm_lead (source);
CREATE INDEX ix_lead_business_process ON crm_lead (business_process);
CREATE INDEX ix_lead_last_name ON crm_lead (last_name);
CREATE INDEX ix_lead_account ON crm_lead (account_id);
CREATE INDEX ix_lead_contact ON crm_lead (contact_id);

CREATE TABLE crm_lead_attribute (
  lead_id       VARCHAR(36)      NOT NULL,
  name          VARCHAR(100)     NOT NULL,
  text_value    VARCHAR(1000),
  number_value  DOUBLE PRECISION,
  boolean_value BOOLEAN,
  CONSTRAINT pk_crm_lead_attribute PRIMARY KEY (lead_id, name),
  CONSTRAINT fk_lead_attribute FOREIGN KEY (lead_id) REFERENCES crm_lead (id) ON DELETE CASCADE
);
CREATE INDEX ix_lead_attribute_name ON crm_lead_attribute (name, number_value);
