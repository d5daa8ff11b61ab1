package io.leadscore.leadimport;

import io.leadscore.common.FieldDef;
import io.leadscore.common.FieldError;
import io.leadscore.common.RecordInput;
import io.leadscore.common.RecordValues;
import io.leadscore.common.ValidationException;
import io.leadscore.lead.LeadHistory;
import io.leadscore.lead.LeadSchema;
import io.leadscore.lead.LeadStatus;
import jakarta.json.JsonObjectBuilder;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import static io.leadscore.common.Jsons.JSON;

/**
 * Maps CSV rows to leads as an import sees them. Columns named like a lead field (case and spaces ignored:
 * "Last Name" is lastName) map to it, {@code status}, {@code createdOn} and {@code closedOn} included so that
 * closed history can be loaded; {@code attributes/<name>} and every other column become custom attributes,
 * numbers as numbers and true/false as booleans. A row is validated as the REST API validates a lead; a row
 * that fails is rejected with the reasons, naming the columns.
 */
public final class CsvLeadRows {

    private static final Pattern NUMBER = Pattern.compile("-?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Set<String> HISTORY = Set.of("status", "createdOn", "closedOn");
    private static final Set<String> IGNORED = Set.of("id", "version", "modifiedOn");

    /**
     * A row mapped to a lead: its input, where it already is in its life, or why it was rejected; {@code defaulted}
     * names what the row itself did not give (ownerId and businessProcess from the import's defaults, status OPEN),
     * which an update of a lead found by its alternate key leaves as the lead has it.
     */
    public record Row(long number, RecordInput input, LeadHistory history, String rejection, Set<String> defaulted) {
        public Row(long number, RecordInput input, LeadHistory history, String rejection) {
            this(number, input, history, rejection, Set.of());
        }

        public static Row rejected(long number, String why) {
            return new Row(number, null, null, why);
        }

        /** The row's alternate key, or null when it gives none (a row with half a key is rejected when mapped). */
        public String[] key() {
            if (input == null || input.text("externalSource") == null || input.text("externalId") == null) {
                return null;
            }
            return new String[] {input.text("externalSource"), input.text("externalId")};
        }
    }

    private final List<String> header;
    private final List<String> targets = new ArrayList<>();
    private final String defaultOwner;
    private final String defaultBusinessProcess;

    /** Checks the header: no empty or duplicate column names (after mapping to fields). */
    public CsvLeadRows(List<String> header, String defaultOwner, String defaultBusinessProcess) {
        this.header = List.copyOf(header);
        this.defaultOwner = defaultOwner;
        this.defaultBusinessProcess = defaultBusinessProcess;
        Map<String, String> byNormal = new LinkedHashMap<>();
        for (FieldDef f : LeadSchema.LEAD.fields()) {
            byNormal.put(normal(f.name()), f.name());
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i) == null ? "" : header.get(i).strip();
            if (i == 0 && column.startsWith("\uFEFF")) {
                column = column.substring(1);
            }
            if (column.isEmpty()) {
                throw new IllegalArgumentException("Column " + (i + 1) + " of the header has no name");
            }
            String target;
            if (column.startsWith(RecordValues.ATTRIBUTES)) {
                target = column;
            } else if (column.startsWith("score/")) {
                target = ""; // an export's score columns: the platform scores leads itself
            } else {
                String field = byNormal.get(normal(column));
                target = field != null ? field : RecordValues.ATTRIBUTES + column;
            }
            if (!target.isEmpty() && !seen.add(target)) {
                throw new IllegalArgumentException("The header names '" + column + "' twice"
                        + (target.equals(column) ? "" : " (as " + target + ")"));
            }
            targets.add(IGNORED.contains(target) ? "" : target);
        }
    }

    private static String normal(String name) {
        return name.replaceAll("[\\s_-]", "").toLowerCase(Locale.ROOT);
    }

    public int columns() {
        return header.size();
    }

    /** Maps one row (values in header order); never throws for bad data: the row comes back rejected. */
    public Row map(long number, List<String> values) {
        if (values.size() != header.size()) {
            return Row.rejected(number, "has " + values.size() + " values; the header has " + header.size() + " columns");
        }
        List<FieldError> errors = new ArrayList<>();
        JsonObjectBuilder json = JSON.createObjectBuilder();
        JsonObjectBuilder attributes = JSON.createObjectBuilder();
        boolean anyAttribute = false;
        LeadStatus status = LeadStatus.OPEN;
        boolean statusGiven = false;
        Instant createdOn = null;
        Instant closedOn = null;
        boolean owner = false;
        boolean process = false;
        Set<String> unreadable = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String target = targets.get(i);
            String v = unescaped(values.get(i) == null ? "" : values.get(i).strip());
            if (target.isEmpty() || v.isEmpty()) {
                continue;
            }
            if (v.indexOf('\uFFFD') >= 0) {
                errors.add(new FieldError(target, "is not valid UTF-8"));
                unreadable.add(target);
                continue;
            }
            if (target.startsWith(RecordValues.ATTRIBUTES)) {
                String name = target.substring(RecordValues.ATTRIBUTES.length());
                if (NUMBER.matcher(v).matches()) {
                    attributes.add(name, new BigDecimal(v));
                } else if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
                    attributes.add(name, Boolean.parseBoolean(v.toLowerCase(Locale.ROOT)));
                } else {
                    attributes.add(name, v);
                }
                anyAttribute = true;
            } else if (target.equals("status")) {
                try {
                    status = LeadStatus.valueOf(v.toUpperCase(Locale.ROOT));
                    statusGiven = true;
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError(header.get(i), "must be OPEN, QUALIFIED or DISQUALIFIED, not '" + v + "'"));
                }
            } else if (target.equals("createdOn") || target.equals("closedOn")) {
                Instant t = instant(v);
                if (t == null) {
                    errors.add(new FieldError(header.get(i), "must be a date (2026-11-27) or an ISO-8601 instant, not '" + v + "'"));
                } else if (target.equals("createdOn")) {
                    createdOn = t;
                } else {
                    closedOn = t;
                }
            } else {
                json.add(target, v);
                owner |= target.equals("ownerId");
                process |= target.equals("businessProcess");
            }
        }
        if (!owner && defaultOwner != null) {
            json.add("ownerId", defaultOwner);
        }
        if (!process && defaultBusinessProcess != null) {
            json.add("businessProcess", defaultBusinessProcess);
        }
        if (anyAttribute) {
            json.add("attributes", attributes);
        }
        RecordInput input = null;
        try {
            input = RecordInput.parse(LeadSchema.LEAD, json.build());
        } catch (ValidationException e) {
            // a value that could not be read is reported as such, not again as missing
            e.errors().stream().filter(f -> !unreadable.contains(f.field())).forEach(errors::add);
        }
        Instant now = Instant.now();
        if (createdOn != null && createdOn.isAfter(now)) {
            errors.add(new FieldError("createdOn", "is in the future"));
        }
        if (status == LeadStatus.OPEN && closedOn != null) {
            errors.add(new FieldError("closedOn", "an open lead has no closedOn"));
        }
        if (closedOn != null && closedOn.isAfter(now)) {
            errors.add(new FieldError("closedOn", "is in the future"));
        }
        if (status != null && status != LeadStatus.OPEN && closedOn == null && createdOn == null) {
            // training orders closed leads by when they closed: the import's own time would make them the newest
            errors.add(new FieldError("closedOn", "is required for a closed lead (when it was qualified or "
                    + "disqualified; or give its createdOn)"));
        }
        if (closedOn != null && createdOn != null && closedOn.isBefore(createdOn)) {
            errors.add(new FieldError("closedOn", "is before createdOn"));
        }
        if (!errors.isEmpty()) {
            StringBuilder why = new StringBuilder();
            for (FieldError e : errors) {
                why.append(why.length() == 0 ? "" : "; ").append(column(e.field())).append(": ").append(e.message());
            }
            return Row.rejected(number, why.toString());
        }
        if ((input.text("externalSource") == null) != (input.text("externalId") == null)) {
            String missing = input.text("externalSource") == null ? "externalSource" : "externalId";
            return Row.rejected(number, column(missing) + ": is required with "
                    + column(missing.equals("externalId") ? "externalSource" : "externalId")
                    + " (the two are the lead's key in the system it comes from)");
        }
        Set<String> defaulted = new HashSet<>();
        if (!owner) {
            defaulted.add("ownerId");
        }
        if (!process) {
            defaulted.add("businessProcess");
        }
        if (!statusGiven) {
            defaulted.add("status");
        }
        if (status == null || status == LeadStatus.OPEN) {
            return new Row(number, input, new LeadHistory(status, createdOn, null), null, Set.copyOf(defaulted));
        }
        // a closed lead with one date: closed when created, or created when closed
        return new Row(number, input, new LeadHistory(status, createdOn != null ? createdOn : closedOn,
                closedOn != null ? closedOn : createdOn), null, Set.copyOf(defaulted));
    }

    /** What a text cell starts with when a spreadsheet would take it for a formula. */
    private static final String FORMULA_STARTS = "=+-@\t\r";

    /**
     * A text cell for a CSV export: one a spreadsheet would take for a formula gets a leading apostrophe, as OWASP
     * advises against CSV injection; {@link #unescaped} reads it back.
     */
    public static String escaped(String text) {
        return !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    /** A cell an export escaped against spreadsheet formulas reads as the text it was. */
    static String unescaped(String v) {
        return v.length() > 1 && v.charAt(0) == '\'' && FORMULA_STARTS.indexOf(v.charAt(1)) >= 0 ? v.substring(1) : v;
    }

    /** The header's name for a field the validation named. */
    private String column(String field) {
        for (int i = 0; i < targets.size(); i++) {
            if (targets.get(i).equals(field)) {
                return header.get(i);
            }
        }
        return field;
    }

    private static Instant instant(String v) {
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
