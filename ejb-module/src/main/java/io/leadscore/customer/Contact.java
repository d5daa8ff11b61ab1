package io.leadscore.customer;

import io.leadscore.common.AttributeValue;
import io.leadscore.common.CrmRecord;
import io.leadscore.common.RecordInput;
import io.leadscore.common.StoredRow;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** A person, usually at an account. */
@Entity
@Table(name = "crm_contact")
public class Contact extends CrmRecord {

    @Column(name = "first_name")
    private String firstName;
    @Column(name = "last_name", nullable = false)
    private String lastName;
    private String email;
    @Column(name = "job_title")
    private String jobTitle;

    @Column(name = "account_id", length = 36)
    private String accountId;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "account_id", insertable = false, updatable = false)
    private Account account;

    // lazy: a page of records loads all their attributes in one query (RecordQueries), not one per record
    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "crm_contact_attribute", joinColumns = @JoinColumn(name = "contact_id"))
    @MapKeyColumn(name = "name", length = 100)
    private Map<String, AttributeValue> attributes = new HashMap<>();

    protected Contact() {
    }

    /** A contact as stored (the columns of {@code crm_contact}), read without JPA; see {@link CrmRecord#CrmRecord(StoredRow)}. */
    public Contact(StoredRow row) {
        super(row);
        firstName = row.text("first_name");
        lastName = row.text("last_name");
        email = row.text("email");
        jobTitle = row.text("job_title");
        accountId = row.text("account_id");
    }

    public Contact(RecordInput input, String ownerId, Instant now) {
        super(ownerId, now);
        apply(input);
    }


    @Override
    protected void apply(RecordInput in) {
        firstName = in.text("firstName");
        lastName = in.text("lastName");
        email = in.text("email");
        jobTitle = in.text("jobTitle");
        accountId = in.text("accountId");
        applyShared(in);
    }

    @Override
    protected Object ownField(String field) {
        return switch (field) {
            case "firstName" -> firstName;
            case "lastName" -> lastName;
            case "email" -> email;
            case "jobTitle" -> jobTitle;
            case "accountId" -> accountId;
            default -> null;
        };
    }

    public Account account() {
        return account;
    }

    @Override
    protected Map<String, AttributeValue> attributeStore() {
        return attributes;
    }

    public String firstName() { return firstName; }
    public String lastName() { return lastName; }
    public String email() { return email; }
    public String jobTitle() { return jobTitle; }
    public String accountId() { return accountId; }
}
