package io.leadscore.common;

/** Marks record types with user-level access: a Salesperson sees and changes only the ones they own. */
public interface OwnedRecord {
}
