package io.leadscore.lead;

import java.io.Serializable;
import java.time.Instant;

/** Where an imported lead already is in its life: its status, when it was created and (closed) when it closed. */
public record LeadHistory(LeadStatus status, Instant createdOn, Instant closedOn) implements Serializable {
}
