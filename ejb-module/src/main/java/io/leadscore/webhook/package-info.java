/**
 * Webhooks, Dataverse's service endpoints: administrators register an endpoint for lead events (created, updated,
 * qualified, disqualified, score and grade changed) with an optional filter; each event becomes a delivery and a
 * system job in the saving transaction ({@link io.leadscore.webhook.WebhookPlugin}), sent after commit with an
 * HMAC-SHA256 signature and retried like any system job ({@link io.leadscore.webhook.WebhookSender}).
 */
package io.leadscore.webhook;
