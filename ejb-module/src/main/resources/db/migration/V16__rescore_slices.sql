-- A rescore's key ranges are claimed by any server of the cluster, as system jobs are: the execution that works
-- on them and the server that started it, the server that holds a range and until when (renewed with each chunk),
-- the last id a committed chunk scored (written in the chunk's transaction, so a range taken over after its server
-- died goes on from there and no lead is scored twice), whether the range is done, and what its chunks counted.
ALTER TABLE rescore_partition ADD COLUMN execution_id BIGINT;
ALTER TABLE rescore_partition ADD COLUMN started_by VARCHAR(200);
ALTER TABLE rescore_partition ADD COLUMN chunk_size INTEGER DEFAULT 2000 NOT NULL;
ALTER TABLE rescore_partition ADD COLUMN owner VARCHAR(200);
ALTER TABLE rescore_partition ADD COLUMN lease_until TIMESTAMP;
ALTER TABLE rescore_partition ADD COLUMN last_id VARCHAR(36);
ALTER TABLE rescore_partition ADD COLUMN done BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE rescore_partition ADD COLUMN leads_read BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE rescore_partition ADD COLUMN leads_scored BIGINT DEFAULT 0 NOT NULL;
