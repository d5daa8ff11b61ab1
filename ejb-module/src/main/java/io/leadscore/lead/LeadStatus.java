package io.leadscore.lead;

/** A lead is open until it is qualified (it became an opportunity) or disqualified. */
public enum LeadStatus {
    OPEN, QUALIFIED, DISQUALIFIED
}
