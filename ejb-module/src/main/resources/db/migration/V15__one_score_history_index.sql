-- A history row is written for every new score (a rescore of a million leads writes a million of them). Derby keeps
-- a backing index of its own for the foreign key on lead_id, so every row went into two B-trees that both start with
-- lead_id; with the rows' identity key and the foreign key's check, half of each insert's time. An index on lead_id
-- alone is the one Derby already has (it shares the foreign key's, with a warning that the index is a duplicate)
-- and PostgreSQL's only one there (it makes none for foreign keys). A lead's history, a handful of rows found by
-- it, is sorted by time after it is read.
DROP INDEX ix_score_history_lead;
CREATE INDEX ix_score_history_lead ON lead_score_history (lead_id);
