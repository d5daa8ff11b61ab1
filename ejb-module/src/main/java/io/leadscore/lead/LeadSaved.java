package io.leadscore.lead;

/**
 * A lead was created or changed, inside the transaction that wrote it. The model manager scores it
 * (TODO(#4): the plugin pipeline's asynchronous LeadScoringPlugin takes this over).
 */
public record LeadSaved(Lead lead) {
}
