package io.leadscore.api;

import io.leadscore.common.FieldError;
import io.leadscore.common.RecordInput;
import io.leadscore.common.ValidationException;
import io.leadscore.lead.LeadBulk;
import io.leadscore.lead.LeadSchema;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.Response;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import static io.leadscore.common.Jsons.JSON;

/**
 * A bulk call's body read: its mode, whether it is atomic, and each record as an item for {@link LeadBulk}, or the
 * problem that keeps a record from being one (in order, so that the answer has one result per record).
 */
final class BulkCall {

    private static final Set<String> KNOWN = Set.of("mode", "atomic", "records");

    private final LeadBulk.Mode mode;
    private final boolean atomic;
    private final List<LeadBulk.Item> items = new ArrayList<>();
    /** Per record: the index of its item, or -1 with its problem in {@link #refused}. */
    private final int[] itemOf;
    private final JsonObject[] refused;

    private BulkCall(LeadBulk.Mode mode, boolean atomic, int records) {
        this.mode = mode;
        this.atomic = atomic;
        this.itemOf = new int[records];
        this.refused = new JsonObject[records];
    }

    LeadBulk.Mode mode() {
        return mode;
    }

    boolean atomic() {
        return atomic;
    }

    List<LeadBulk.Item> items() {
        return items;
    }

    /** Reads the call; a call that is not one (or, atomic, any record that is not one) is a 400 naming the field. */
    static BulkCall parse(JsonObject call) {
        for (String key : call.keySet()) {
            if (!KNOWN.contains(key)) {
                throw new ValidationException(key, "is not part of a bulk call (mode, atomic, records)");
            }
        }
        LeadBulk.Mode mode;
        JsonValue m = call.get("mode");
        try {
            mode = LeadBulk.Mode.valueOf(((JsonString) m).getString().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new ValidationException("mode", "must be create, update or upsert");
        }
        JsonValue a = call.getOrDefault("atomic", JsonValue.FALSE);
        if (a != JsonValue.TRUE && a != JsonValue.FALSE) {
            throw new ValidationException("atomic", "must be true or false");
        }
        if (!(call.get("records") instanceof JsonArray records) || records.isEmpty()) {
            throw new ValidationException("records", "must be an array of 1 to " + LeadBulk.MAX_RECORDS + " records");
        }
        if (records.size() > LeadBulk.MAX_RECORDS) {
            throw new ValidationException("records", "holds " + records.size() + " records; at most "
                    + LeadBulk.MAX_RECORDS + " go in one call");
        }
        BulkCall c = new BulkCall(mode, a == JsonValue.TRUE, records.size());
        for (int i = 0; i < records.size(); i++) {
            try {
                c.items.add(item(mode, records.get(i)));
                c.itemOf[i] = c.items.size() - 1;
            } catch (ValidationException e) {
                if (c.atomic) {
                    throw new ValidationException(List.of(new FieldError("records[" + i + "]", detail(e))));
                }
                c.itemOf[i] = -1;
                c.refused[i] = problem(e);
            }
        }
        return c;
    }

    private static LeadBulk.Item item(LeadBulk.Mode mode, JsonValue value) {
        if (!(value instanceof JsonObject record)) {
            throw new ValidationException("record", "must be a JSON object");
        }
        return switch (mode) {
            case CREATE -> {
                RecordInput input = RecordInput.parse(LeadSchema.LEAD, record);
                yield new LeadBulk.Item(null, null, null, null, current -> input);
            }
            case UPDATE -> {
                if (!(record.get("id") instanceof JsonString id) || id.getString().isBlank()) {
                    throw new ValidationException("id", "is required: the lead an update record changes");
                }
                Long version = null;
                if (record.containsKey("version")) {
                    if (!(record.get("version") instanceof JsonNumber n) || !n.isIntegral()) {
                        throw new ValidationException("version", "must be the version the lead was read at");
                    }
                    version = n.longValue();
                }
                JsonObject patch = JSON.createObjectBuilder(record).remove("id").remove("version").build();
                RecordInput.checkPatch(LeadSchema.LEAD, patch);
                yield new LeadBulk.Item(id.getString(), null, null, version,
                        current -> MergePatch.apply(LeadSchema.LEAD, current, patch));
            }
            case UPSERT -> {
                String source = text(record, "externalSource");
                String key = text(record, "externalId");
                io.leadscore.lead.LeadService.checkKey(source, key);
                yield new LeadBulk.Item(null, source, key, null, current -> current == null
                        ? RecordInput.parse(LeadSchema.LEAD, record) : MergePatch.apply(LeadSchema.LEAD,
                        current, record));
            }
        };
    }

    private static String text(JsonObject record, String field) {
        if (!(record.get(field) instanceof JsonString s)) {
            throw new ValidationException(field, "is required: an upsert record names its lead by externalSource and "
                    + "externalId");
        }
        return s.getString();
    }

    /** The answer: one result per record, in order, and the counts. */
    JsonObject answer(List<LeadBulk.Result> results) {
        JsonArrayBuilder out = JSON.createArrayBuilder();
        int created = 0;
        int updated = 0;
        int failed = 0;
        for (int i = 0; i < itemOf.length; i++) {
            if (itemOf[i] < 0) {
                out.add(JSON.createObjectBuilder().add("status", refused[i].getInt("status")).add("problem", refused[i]));
                failed++;
                continue;
            }
            LeadBulk.Result r = results.get(itemOf[i]);
            if (r.problem() != null) {
                JsonObject p = problem(r.problem());
                out.add(JSON.createObjectBuilder().add("status", p.getInt("status")).add("problem", p));
                failed++;
            } else {
                out.add(JSON.createObjectBuilder().add("status", r.created() ? 201 : 200).add("id", r.lead().id())
                        .add("version", r.lead().version()));
                created += r.created() ? 1 : 0;
                updated += r.created() ? 0 : 1;
            }
        }
        return JSON.createObjectBuilder().add("results", out).add("created", created).add("updated", updated)
                .add("failed", failed).build();
    }

    /** An atomic call that failed: 400 naming the first record that could not be written; nothing was written. */
    static Response atomicFailure(BulkCall call, LeadBulk.Failure f) {
        JsonObject p = problem(f.problem());
        String detail = p.getString("detail", "could not be written");
        if (f.index() < 0) {
            return Problems.of(Response.Status.BAD_REQUEST, "The records could not be written together (" + detail
                    + "); none was written");
        }
        int record = call.recordOf(f.index());
        return Problems.of(Response.Status.BAD_REQUEST, "Record " + record + " could not be written (" + detail
                + "); none was written", List.of(new FieldError("records[" + record + "]", detail)));
    }

    private int recordOf(int item) {
        for (int i = 0; i < itemOf.length; i++) {
            if (itemOf[i] == item) {
                return i;
            }
        }
        return item;
    }

    /** The problem+json body the API answers this exception with on its own. */
    private static JsonObject problem(RuntimeException e) {
        Response r = new ProblemMapper().toResponse(e);
        return JSON.createReader(new StringReader(String.valueOf(r.getEntity()))).readObject();
    }

    private static String detail(ValidationException e) {
        StringBuilder b = new StringBuilder();
        e.errors().forEach(f -> b.append(b.length() == 0 ? "" : "; ").append(f.field()).append(": ").append(f.message()));
        return b.length() == 0 ? e.getMessage() : b.toString();
    }
}
