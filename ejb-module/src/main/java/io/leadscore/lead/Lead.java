package io.leadscore.lead;

import io.leadscore.common.AttributeValue;
import io.leadscore.common.ConflictException;
import io.leadscore.common.CrmRecord;
import io.leadscore.common.RecordInput;
import io.leadscore.common.StoredRow;
import io.leadscore.customer.Account;
import io.leadscore.customer.Contact;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;

/**
 * A prospective customer who is not yet qualified. Open until {@link #qualify} or {@link #disqualify}
 * closes it; a closed lead records when ({@code closedOn}) and is what models learn from.
 */
@Entity
@Table(name = "crm_lead")
public class Lead extends CrmRecord implements io.leadscore.common.OwnedRecord {

    private String topic;
    @Column(name = "first_name")
    private String firstName;
    @Column(name = "last_name", nullable = false)
    private String lastName;
    private String email;
    private String phone;
    @Column(name = "job_title")
    private String jobTitle;
    @Column(name = "company_name")
    private String companyName;
    private String industry;
    private String source;
    private String country;
    private String city;
    /** The alternate key: the system the lead comes from and its id there (both or neither; unique together). */
    @Column(name = "external_source")
    private String externalSource;
    @Column(name = "external_id")
    private String externalId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private LeadStatus status;

    @Column(name = "business_process")
    private String businessProcess;

    @Column(name = "account_id", length = 36)
    private String accountId;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "account_id", insertable = false, updatable = false)
    private Account account;

    @Column(name = "contact_id", length = 36)
    private String contactId;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "contact_id", insertable = false, updatable = false)
    private Contact contact;

    @Column(name = "closed_on")
    private LocalDateTime closedOn;

    // The current score: written by io.leadscore.model.ScoringService with SQL, never through this entity,
    // so that scoring does not change the lead's version
    @Column(name = "score_value", insertable = false, updatable = false)
    private Integer scoreValue;
    @Column(name = "score_grade", insertable = false, updatable = false)
    private String scoreGrade;
    @Column(name = "score_trend", insertable = false, updatable = false)
    private String scoreTrend;
    @Column(name = "score_model_id", insertable = false, updatable = false)
    private String scoreModelId;
    @Column(name = "score_model_version", insertable = false, updatable = false)
    private Integer scoreModelVersion;
    @Column(name = "scored_on", insertable = false, updatable = false)
    private LocalDateTime scoredOn;

    // lazy: a page of records loads all their attributes in one query (RecordQueries), not one per record
    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "crm_lead_attribute", joinColumns = @JoinColumn(name = "lead_id"))
    @MapKeyColumn(name = "name", length = 100)
    private Map<String, AttributeValue> attributes = new HashMap<>();

    protected Lead() {
    }

    /**
     * A lead as stored, read without JPA for scoring many at once: the columns of {@code crm_lead} as mapped above.
     * Its account and contact are supplied by {@link #associate}.
     */
    Lead(StoredRow row) {
        super(row);
        topic = row.text("topic");
        firstName = row.text("first_name");
        lastName = row.text("last_name");
        email = row.text("email");
        phone = row.text("phone");
        jobTitle = row.text("job_title");
        companyName = row.text("company_name");
        industry = row.text("industry");
        source = row.text("source");
        country = row.text("country");
        city = row.text("city");
        externalSource = row.text("external_source");
        externalId = row.text("external_id");
        status = LeadStatus.valueOf(row.text("status"));
        businessProcess = row.text("business_process");
        accountId = row.text("account_id");
        contactId = row.text("contact_id");
        closedOn = row.time("closed_on");
        scoreValue = row.integer("score_value");
        scoreGrade = row.text("score_grade");
        scoreTrend = row.text("score_trend");
        scoreModelId = row.text("score_model_id");
        scoreModelVersion = row.integer("score_model_version");
        scoredOn = row.time("scored_on");
    }

    /** The account and contact of a lead read without JPA (null: none, or not found). */
    void associate(Account account, Contact contact) {
        this.account = account;
        this.contact = contact;
    }

    /** A new open lead from validated input, owned by {@code ownerId}. */
    public Lead(RecordInput input, String ownerId, Instant now) {
        super(ownerId, now);
        this.status = LeadStatus.OPEN;
        apply(input);
    }


    @Override
    protected void apply(RecordInput in) {
        topic = in.text("topic");
        firstName = in.text("firstName");
        lastName = in.text("lastName");
        email = in.text("email");
        phone = in.text("phone");
        jobTitle = in.text("jobTitle");
        companyName = in.text("companyName");
        industry = in.text("industry");
        source = in.text("source");
        country = in.text("country");
        city = in.text("city");
        businessProcess = in.text("businessProcess");
        accountId = in.text("accountId");
        contactId = in.text("contactId");
        externalSource = in.text("externalSource");
        externalId = in.text("externalId");
        applyShared(in);
    }

    public void qualify(Instant now) {
        close(LeadStatus.QUALIFIED, now);
    }

    public void disqualify(Instant now) {
        close(LeadStatus.DISQUALIFIED, now);
    }

    private void close(LeadStatus outcome, Instant now) {
        if (status != LeadStatus.OPEN) {
            throw new ConflictException("The lead is already " + status + "; only an open lead can be "
                    + outcome.name().toLowerCase());
        }
        status = outcome;
        closedOn = utc(now);
        touch(now);
    }

    @Override
    protected Object ownField(String field) {
        return switch (field) {
            case "topic" -> topic;
            case "firstName" -> firstName;
            case "lastName" -> lastName;
            case "email" -> email;
            case "phone" -> phone;
            case "jobTitle" -> jobTitle;
            case "companyName" -> companyName;
            case "industry" -> industry;
            case "source" -> source;
            case "country" -> country;
            case "city" -> city;
            case "status" -> status;
            case "businessProcess" -> businessProcess;
            case "accountId" -> accountId;
            case "contactId" -> contactId;
            case "externalSource" -> externalSource;
            case "externalId" -> externalId;
            case "closedOn" -> closedOn();
            default -> null;
        };
    }

    /** The score as the scoring service just wrote it, so that this instance shows it too. */
    public void scored(LeadScore score) {
        if (score == null) {
            scoreValue = null;
            scoreGrade = null;
            scoreTrend = null;
            scoreModelId = null;
            scoreModelVersion = null;
            scoredOn = null;
            return;
        }
        scoreValue = score.value();
        scoreGrade = score.grade();
        scoreTrend = score.trend().name();
        scoreModelId = score.modelId();
        scoreModelVersion = score.modelVersion();
        scoredOn = utc(score.scoredOn());
    }

    /** The current score, or null when no model has scored the lead. */
    public LeadScore score() {
        if (scoreValue == null) {
            return null;
        }
        return new LeadScore(scoreValue, scoreGrade, LeadScore.Trend.valueOf(scoreTrend), scoreModelId,
                scoreModelVersion, instant(scoredOn));
    }

    public Account account() {
        return account;
    }

    public Contact contact() {
        return contact;
    }

    @Override
    protected Map<String, AttributeValue> attributeStore() {
        return attributes;
    }

    public String topic() { return topic; }
    public String firstName() { return firstName; }
    public String lastName() { return lastName; }
    public String email() { return email; }
    public String phone() { return phone; }
    public String jobTitle() { return jobTitle; }
    public String companyName() { return companyName; }
    public String industry() { return industry; }
    public String source() { return source; }
    public String country() { return country; }
    public String city() { return city; }
    public LeadStatus status() { return status; }
    public String businessProcess() { return businessProcess; }
    public String accountId() { return accountId; }
    public String contactId() { return contactId; }
    public String externalSource() { return externalSource; }
    public String externalId() { return externalId; }
    public Instant closedOn() { return instant(closedOn); }
}
