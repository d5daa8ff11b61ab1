package io.leadscore.api;

import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadScore;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/** A lead as API.md shows it. {@code score} is null until the lead is scored. */
@JsonbNillable
@JsonbPropertyOrder({"id", "version", "topic", "firstName", "lastName", "email", "phone", "jobTitle", "companyName",
        "industry", "source", "country", "city", "status", "businessProcess", "ownerId", "accountId", "contactId",
        "externalSource", "externalId", "attributes", "createdOn", "modifiedOn", "closedOn", "score"})
public record LeadView(String id, long version, String topic, String firstName, String lastName, String email,
                       String phone, String jobTitle, String companyName, String industry, String source,
                       String country, String city, String status, String businessProcess, String ownerId,
                       String accountId, String contactId, String externalSource, String externalId,
                       Map<String, Object> attributes, Instant createdOn,
                       Instant modifiedOn, Instant closedOn, Object score) {
    // score is declared Object: Yasson leaves out a null record-typed component despite @JsonbNillable, and
    // API.md promises "score": null until the lead is scored

    /** A lead's score as the lead carries it: value, grade, trend and the model version that gave it. */
    @JsonbPropertyOrder({"value", "grade", "trend", "modelId", "modelName", "modelVersion", "scoredOn"})
    public record ScoreView(int value, String grade, String trend, String modelId, String modelName, int modelVersion,
                            Instant scoredOn) {
        static ScoreView of(LeadScore s, Function<String, String> modelNames) {
            return s == null ? null : new ScoreView(s.value(), s.grade(), s.trend().name(), s.modelId(),
                    modelNames.apply(s.modelId()), s.modelVersion(), s.scoredOn());
        }
    }

    static LeadView of(Lead l, Function<String, String> modelNames) {
        return new LeadView(l.id(), l.version(), l.topic(), l.firstName(), l.lastName(), l.email(), l.phone(),
                l.jobTitle(), l.companyName(), l.industry(), l.source(), l.country(), l.city(), l.status().name(),
                l.businessProcess(), l.ownerId(), l.accountId(), l.contactId(), l.externalSource(), l.externalId(),
                l.attributeValues(), l.createdOn(),
                l.modifiedOn(), l.closedOn(), ScoreView.of(l.score(), modelNames));
    }
}
