package io.leadscore.webhook;

import io.leadscore.common.AttributeValue;
import io.leadscore.common.RecordValues;
import io.leadscore.common.Times;
import io.leadscore.filter.Bound;
import io.leadscore.filter.MemoryFilter;
import io.leadscore.lead.LeadSchema;
import io.leadscore.lead.ScoresChanged;
import io.leadscore.sdk.Message;
import io.leadscore.sdk.Mode;
import io.leadscore.plugin.OperationScope;
import io.leadscore.sdk.Plugin;
import io.leadscore.sdk.PluginExecutionContext;
import io.leadscore.sdk.Record;
import io.leadscore.sdk.Stage;
import io.leadscore.sdk.StepDefinition;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns lead events into webhook deliveries, in the transaction that causes them: a synchronous PostOperation step
 * on a lead's Create, Update, Qualify and Disqualify (administrators see it among the plugin steps), and the scores
 * real-time scoring changes (a score or a grade). Each enabled webhook whose events and filter match gets one
 * delivery. Its steps are enabled while a webhook is (WebhookService), so that without one a save does not run it.
 */
@ApplicationScoped
public class WebhookPlugin implements Plugin {

    @EJB
    private WebhookService webhooks;

    @Override
    public void execute(PluginExecutionContext context) {
        WebhookEvent event = WebhookEvent.of(context.message()).orElse(null);
        if (event == null || !"lead".equals(context.entityName())) {
            return;
        }
        List<WebhookService.Subscription> to = subscribed(event);
        if (to.isEmpty()) {
            return;
        }
        Record lead = context.postImage().orElse(context.target());
        Map<String, Object> values = lead.values();
        Map<String, Object> changes = WebhookBodies.changes(event == WebhookEvent.CREATED ? null
                : context.preImage().map(Record::values).orElse(null), values);
        if (event == WebhookEvent.UPDATED && changes.isEmpty()) {
            return; // nothing the receiver could see changed
        }
        for (WebhookService.Subscription s : to) {
            if (matches(s, values)) {
                webhooks.deliver(s, event, lead.id(), id -> WebhookBodies.body(id, event, s.name(), lead.id(),
                        Times.now(), context.initiatingUser(), context.correlationId().toString(), changes, null, null));
            }
        }
    }

    /** Scores real-time scoring wrote in this transaction: score and grade events. */
    void scoresChanged(@Observes ScoresChanged changed) {
        List<WebhookService.Subscription> scores = subscribed(WebhookEvent.SCORE_CHANGED);
        List<WebhookService.Subscription> grades = subscribed(WebhookEvent.GRADE_CHANGED);
        if (scores.isEmpty() && grades.isEmpty()) {
            return;
        }
        String user = OperationScope.currentUser();
        for (ScoresChanged.Change c : changed.changes()) {
            Map<String, Object> values = RecordValues.of(LeadSchema.LEAD, c.lead());
            WebhookBodies.Score before = new WebhookBodies.Score(c.valueBefore(), c.gradeBefore());
            WebhookBodies.Score after = new WebhookBodies.Score(c.valueAfter(), c.gradeAfter());
            if (!Objects.equals(c.valueBefore(), c.valueAfter())) {
                deliverAll(scores, WebhookEvent.SCORE_CHANGED, c, values, user, before, after);
            }
            if (!Objects.equals(c.gradeBefore(), c.gradeAfter())) {
                deliverAll(grades, WebhookEvent.GRADE_CHANGED, c, values, user, before, after);
            }
        }
    }

    private void deliverAll(List<WebhookService.Subscription> to, WebhookEvent event, ScoresChanged.Change c,
                            Map<String, Object> values, String user, WebhookBodies.Score before, WebhookBodies.Score after) {
        String leadId = c.lead().id();
        for (WebhookService.Subscription s : to) {
            if (matches(s, values)) {
                webhooks.deliver(s, event, leadId, id -> WebhookBodies.body(id, event, s.name(), leadId, Times.now(),
                        user, null, Map.of(), before, after));
            }
        }
    }

    private List<WebhookService.Subscription> subscribed(WebhookEvent event) {
        return webhooks.subscriptions().stream().filter(s -> s.events().contains(event)).toList();
    }

    /** Whether the lead's values pass the webhook's filter (its own fields and attributes). */
    static boolean matches(WebhookService.Subscription s, Map<String, Object> values) {
        return s.filter() == null || new MemoryFilter(ref -> {
            if (ref instanceof Bound.AttributeRef a) {
                Object v = values.get(RecordValues.ATTRIBUTES + a.name());
                return v == null ? null : AttributeValue.of(v);
            }
            return values.get(((Bound.FieldRef) ref).field().name());
        }).test(s.filter());
    }

    @Override
    public List<StepDefinition> defaultSteps() {
        return List.of(Message.Create, Message.Update, Message.Qualify, Message.Disqualify).stream()
                .map(m -> new StepDefinition("WebhookPlugin", m, "lead", Stage.PostOperation, Mode.Synchronous, Set.of(),
                        100, false)).toList();
    }
}
