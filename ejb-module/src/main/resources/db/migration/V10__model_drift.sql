-- The last drift check of a model's published version (JSON: checkedOn, version, leads, scorePsi, attributes
-- [{path, psi}], drifting), written by DriftWatch; null until the first check.
ALTER TABLE ml_model ADD COLUMN drift_json VARCHAR(4000);
