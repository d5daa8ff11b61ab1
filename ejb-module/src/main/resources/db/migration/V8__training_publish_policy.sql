-- What happens to the version a running training makes (NEVER, ALWAYS or AUTO): kept with the model so that a
-- training taken up again after a stop still publishes as it was asked to.
ALTER TABLE ml_model ADD COLUMN training_publish VARCHAR(10);
