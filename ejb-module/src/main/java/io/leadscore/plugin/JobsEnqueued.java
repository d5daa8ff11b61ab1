package io.leadscore.plugin;

import java.util.List;

/** System jobs were written in a transaction; after it commits they are dispatched. */
public record JobsEnqueued(List<String> jobIds) {
}
