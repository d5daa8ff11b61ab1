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
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** An organisation that the company sells to; leads and contacts may belong to one. */
@Entity
@Table(name = "crm_account")
public class Account extends CrmRecord {

    @Column(nullable = false)
    private String name;
    private String industry;
    private String country;
    @Column(name = "number_of_employees")
    private Integer numberOfEmployees;
    @Column(name = "annual_revenue", precision = 19, scale = 2)
    private BigDecimal annualRevenue;

    // lazy: a page of records loads all their attributes in one query (RecordQueries), not one per record
    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "crm_account_attribute", joinColumns = @JoinColumn(name = "account_id"))
    @MapKeyColumn(name = "name", length = 100)
    private Map<String, AttributeValue> attributes = new HashMap<>();

    protected Account() {
    }

    /** An account as stored (the columns of {@code crm_account}), read without JPA; see {@link CrmRecord#CrmRecord(StoredRow)}. */
    public Account(StoredRow row) {
        super(row);
        name = row.text("name");
        industry = row.text("industry");
        country = row.text("country");
        numberOfEmployees = row.integer("number_of_employees");
        annualRevenue = row.decimal("annual_revenue");
    }

    public Account(RecordInput input, String ownerId, Instant now) {
        super(ownerId, now);
        apply(input);
    }


    @Override
    protected void apply(RecordInput in) {
        name = in.text("name");
        industry = in.text("industry");
        country = in.text("country");
        numberOfEmployees = in.integer("numberOfEmployees");
        annualRevenue = in.decimal("annualRevenue");
        applyShared(in);
    }

    @Override
    protected Object ownField(String field) {
        return switch (field) {
            case "name" -> name;
            case "industry" -> industry;
            case "country" -> country;
            case "numberOfEmployees" -> numberOfEmployees;
            case "annualRevenue" -> annualRevenue;
            default -> null;
        };
    }

    @Override
    protected Map<String, AttributeValue> attributeStore() {
        return attributes;
    }

    public String name() { return name; }
    public String industry() { return industry; }
    public String country() { return country; }
    public Integer numberOfEmployees() { return numberOfEmployees; }
    public BigDecimal annualRevenue() { return annualRevenue; }
}
