-- Issue 19: schedules fire once per cluster (Liberty's persistent EJB timers, in their own EJBTIMER_ tables); a
-- schedule whose time is a setting (the daily rescore's rescore.time) records the last time slot it started work for,
-- so that a slot is worked once however often, and on whichever server, its timer fires.
CREATE TABLE schedule_slot (
    name VARCHAR(64) NOT NULL,
    last_slot TIMESTAMP NOT NULL,
    CONSTRAINT pk_schedule_slot PRIMARY KEY (name)
);
