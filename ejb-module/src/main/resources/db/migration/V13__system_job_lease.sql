-- Issue 19: servers sharing the database claim a system job for a lease: the server that holds it (server.id) and
-- until when. A job in progress whose lease has run out is taken up by another server; a live server's is not.
ALTER TABLE system_job ADD COLUMN owner VARCHAR(200);
ALTER TABLE system_job ADD COLUMN lease_until TIMESTAMP;
CREATE INDEX ix_system_job_lease ON system_job (status, lease_until);
