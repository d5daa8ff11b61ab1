package io.leadscore.webhook;

import io.leadscore.common.ConflictException;
import io.leadscore.common.DuplicateKey;
import io.leadscore.common.Ids;
import io.leadscore.common.NotFoundException;
import io.leadscore.common.Times;
import io.leadscore.common.VersionMismatchException;
import io.leadscore.filter.Bound;
import io.leadscore.filter.FilterBinder;
import io.leadscore.lead.LeadSchema;
import io.leadscore.plugin.JobDispatcher;
import io.leadscore.sdk.Message;
import io.leadscore.plugin.OperationScope;
import io.leadscore.plugin.Pipeline;
import io.leadscore.plugin.PluginSteps;
import io.leadscore.sdk.StepDefinition;
import io.leadscore.sdk.Record;
import io.leadscore.plugin.SystemJob;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Webhooks: their settings (System Administrators, over {@code /api/v1/webhooks}) and their deliveries. An event
 * becomes a delivery and a system job of the {@link WebhookSender} in the transaction that saved the lead, so a
 * rolled-back save sends nothing and a crash after commit loses nothing.
 */
@Stateless
public class WebhookService {

    /** The plugin that sends deliveries: the system jobs name it. */
    static final String SENDER = "WebhookSender";
    /** Subscriptions read again after this long at most (settings changed on another server). */
    private static final long SUBSCRIPTIONS_MAX_AGE_NANOS = java.time.Duration.ofSeconds(30).toNanos();

    /** An enabled webhook as events are matched against it: its filter compiled once. */
    public record Subscription(String id, String name, java.util.Set<WebhookEvent> events, Bound filter) {
    }

    private record Subscriptions(List<Subscription> all, long readAt) {
    }

    private static final AtomicReference<Subscriptions> SUBSCRIPTIONS = new AtomicReference<>();

    @PersistenceContext(unitName = "leadscore")
    private EntityManager em;
    @Inject
    private JobDispatcher dispatcher;
    @jakarta.ejb.EJB
    private PluginSteps steps;

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<Webhook> list() {
        return em.createQuery("SELECT w FROM Webhook w ORDER BY w.name", Webhook.class).getResultList();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Webhook get(String id) {
        Webhook w = id == null ? null : em.find(Webhook.class, id);
        if (w == null) {
            throw new NotFoundException("webhook", id);
        }
        return w;
    }

    public Webhook create(JsonObject body) {
        Webhook w = new Webhook(Ids.newId(), WebhookInput.parse(body, null), Times.now());
        em.persist(w);
        flush(w.name());
        changed();
        return w;
    }

    public Webhook update(String id, Long expectedVersion, JsonObject body) {
        Webhook w = get(id);
        if (expectedVersion != null && expectedVersion != w.version()) {
            throw new VersionMismatchException("webhook", id, expectedVersion, w.version());
        }
        w.apply(WebhookInput.parse(body, w), Times.now());
        flush(w.name());
        changed();
        return w;
    }

    /** Deletes the webhook and the deliveries it has not sent (their system jobs then fail, saying so). */
    public void delete(String id, Long expectedVersion) {
        Webhook w = get(id);
        if (expectedVersion != null && expectedVersion != w.version()) {
            throw new VersionMismatchException("webhook", id, expectedVersion, w.version());
        }
        em.createQuery("DELETE FROM WebhookDelivery d WHERE d.webhookId = :id").setParameter("id", id).executeUpdate();
        em.remove(w);
        em.flush();
        changed();
    }

    private void flush(String name) {
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (DuplicateKey.in(e)) {
                throw new ConflictException("name: another webhook is called '" + name + "'");
            }
            throw e;
        }
    }

    /** The enabled webhooks, as events are matched against them; read again after a change or 30 s. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<Subscription> subscriptions() {
        Subscriptions s = SUBSCRIPTIONS.get();
        if (s == null || System.nanoTime() - s.readAt() > SUBSCRIPTIONS_MAX_AGE_NANOS) {
            long readAt = System.nanoTime();
            List<Subscription> all = em.createQuery("SELECT w FROM Webhook w WHERE w.enabled = TRUE", Webhook.class)
                    .getResultList().stream().map(w -> new Subscription(w.id(), w.name(), w.events(),
                            w.filter() == null ? null : FilterBinder.compile(w.filter(), LeadSchema.LEAD))).toList();
            s = new Subscriptions(all, readAt);
            SUBSCRIPTIONS.set(s);
        }
        return s.all();
    }

    /**
     * After a change of webhooks: the subscriptions are read again, and WebhookPlugin's steps are enabled while a
     * webhook is (so that without one, saves do not run the step at all).
     */
    private void changed() {
        SUBSCRIPTIONS.set(null);
        boolean any = !em.createQuery("SELECT w.id FROM Webhook w WHERE w.enabled = TRUE", String.class)
                .setMaxResults(1).getResultList().isEmpty();
        for (PluginSteps.Registration r : steps.registrations()) {
            StepDefinition d = r.row().definition();
            if (r.row().declared() && d.plugin().equals(WebhookPlugin.class.getSimpleName()) && d.enabled() != any) {
                steps.change(r.row().id(), new StepDefinition(d.plugin(), d.message(), d.entity(), d.stage(), d.mode(),
                        d.filteringAttributes(), d.rank(), any));
            }
        }
    }

    /**
     * Writes a delivery and its system job in the current transaction; the job runs once it commits. The job is
     * an operation on the delivery, nested in the operation that caused it (same correlation id).
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void deliver(Subscription to, WebhookEvent event, String leadId, java.util.function.Function<String, String> body) {
        String id = Ids.newId();
        Instant now = Times.now();
        em.persist(new WebhookDelivery(id, to.id(), event, leadId, body.apply(id), now));
        Pipeline.Operation op = OperationScope.begin(Message.Update, "webhook", OperationScope.currentUser(),
                new Record("webhook", id, Map.of(), false), null);
        SystemJob job = new SystemJob(SENDER, op, id, now);
        em.persist(job);
        dispatcher.enqueue(job.id(), job.plugin());
    }

    /** A delivery with where it goes, for the sender; empty when its webhook was deleted meanwhile. */
    public record Outgoing(WebhookDelivery delivery, String url, String secret) {
    }

    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public java.util.Optional<Outgoing> outgoing(String deliveryId) {
        WebhookDelivery d = em.find(WebhookDelivery.class, deliveryId);
        Webhook w = d == null ? null : em.find(Webhook.class, d.webhookId());
        return w == null ? java.util.Optional.empty() : java.util.Optional.of(new Outgoing(d, w.url(), w.secret()));
    }

    /** The endpoint took it: the body is not needed any more (the system job keeps the history). */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void delivered(String deliveryId) {
        WebhookDelivery d = em.find(WebhookDelivery.class, deliveryId);
        if (d != null) {
            em.remove(d);
        }
    }
}
