package io.leadscore.api;

import io.leadscore.common.Caller;
import io.leadscore.common.ListQuery;
import io.leadscore.common.Page;
import io.leadscore.common.RecordInput;
import io.leadscore.common.RecordSchema;
import io.leadscore.record.RecordService;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadSchema;
import io.leadscore.lead.LeadService;
import io.leadscore.common.NotFoundException;
import io.leadscore.lead.LeadScore;
import io.leadscore.model.Eligibility;
import io.leadscore.model.ModelRegistry;
import io.leadscore.model.ScoringService;
import io.leadscore.scoring.Reason;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import static io.leadscore.common.Jsons.JSON;

/**
 * Leads: {@code /api/v1/leads} (API.md "Leads"). A Salesperson sees and changes only their own;
 * {@code ?view=my-open-scored} lists the caller's open leads; qualify and disqualify close a lead.
 */
@Path("leads")
@RequestScoped
@Tag(name = "Leads")
// a class-level @RolesAllowed covers only the methods its class declares: RecordResource's does not reach these
@RolesAllowed({Caller.SALESPERSON, Caller.SALES_MANAGER, Caller.SYSTEM_ADMINISTRATOR})
public class LeadsResource extends RecordResource<Lead, LeadView> {

    @EJB
    private LeadService leads;
    @EJB
    private io.leadscore.lead.LeadExport export;
    @EJB
    private io.leadscore.lead.LeadBulk bulk;
    @jakarta.inject.Inject
    private io.leadscore.common.WorkLimits limits;

    @Override
    protected RecordService<Lead> service() {
        return leads;
    }

    @Override
    protected RecordSchema schema() {
        return LeadSchema.LEAD;
    }

    @EJB
    private ScoringService scoring;
    @EJB
    private ModelRegistry registry;
    @EJB
    private Eligibility eligibility;

    /** Model names for this request's leads: the published ones from the registry, others read once. */
    private final Map<String, String> modelNames = new HashMap<>();

    @Override
    protected LeadView view(Lead record) {
        return LeadView.of(record, this::modelName);
    }

    private String modelName(String modelId) {
        if (modelNames.isEmpty()) {
            registry.published().forEach(m -> modelNames.put(m.modelId(), m.name()));
        }
        return modelNames.computeIfAbsent(modelId, scoring::modelName);
    }

    @Override
    protected Page<Lead> page(Caller caller, ListQuery query) {
        return leads.list(caller, LeadService.View.parse(uri.getQueryParameters().getFirst("view")), query);
    }

    @GET
    @jakarta.ws.rs.Produces("text/csv;qs=0.5") // JSON stays the answer to Accept: */*
    @Operation(summary = "Export as CSV", description = "With Accept: text/csv, every lead the query selects (filter, "
            + "orderBy, view; not top or skip), streamed: the fields, score/value, score/grade, score/trend, "
            + "score/scoredOn and one attributes/<name> column per custom attribute")
    public Response export() {
        ListQuery q = Collections.everything(uri);
        Caller caller = caller();
        LeadService.View view = LeadService.View.parse(uri.getQueryParameters().getFirst("view"));
        leads.list(caller, view, q); // a bad filter or order is a 400 before anything is sent
        List<String> attributes = export.attributeNames();
        limits.exports().take(); // a 429 beyond export.concurrent.max; given back when the stream ends, however it ends
        jakarta.ws.rs.core.StreamingOutput body = out -> {
            try {
                java.io.Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out,
                        java.nio.charset.StandardCharsets.UTF_8), 1 << 16);
                try (LeadCsv csv = new LeadCsv(w, attributes)) {
                    export.forEach(caller, view, q, csv::print);
                }
            } finally {
                limits.exports().release();
            }
        };
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"leads.csv\"").build();
    }

    @GET
    @Path("by-key/{externalSource}/{externalId}")
    @Operation(summary = "Read one by its alternate key", description = "The lead whose externalSource and externalId "
            + "are these (as Dataverse's alternate keys); ETag as by id")
    public Response getByKey(@PathParam("externalSource") String externalSource,
                             @PathParam("externalId") String externalId) {
        LeadService.checkKey(externalSource, externalId);
        Lead lead = leads.byKey(externalSource, externalId)
                .orElseThrow(() -> new NotFoundException("lead with key", externalSource + "/" + externalId));
        return ok(leads.get(caller(), lead.id()));
    }

    @jakarta.ws.rs.PUT
    @Path("by-key/{externalSource}/{externalId}")
    @jakarta.ws.rs.Consumes({jakarta.ws.rs.core.MediaType.APPLICATION_JSON, MERGE_PATCH})
    @Operation(summary = "Create or update by alternate key (upsert)", description = "Creates the lead with this "
            + "externalSource and externalId (201, Location, as POST) or, if there is one, changes the fields the body "
            + "names and keeps the others (200, as PATCH): Dataverse's upsert. The body may repeat the key but not "
            + "name another. If-Match: the lead must exist at that version (412 otherwise). Goes through the plugin "
            + "pipeline as a Create or an Update.")
    public Response upsert(@PathParam("externalSource") String externalSource,
                           @PathParam("externalId") String externalId, @HeaderParam("If-Match") String ifMatch,
                           java.io.InputStream body) {
        LeadService.checkKey(externalSource, externalId);
        JsonObject given = JsonBodies.readObject(body);
        for (String part : List.of("externalSource", "externalId")) {
            String inPath = part.equals("externalSource") ? externalSource : externalId;
            if (given.containsKey(part) && !(given.get(part) instanceof jakarta.json.JsonString js
                    && js.getString().equals(inPath))) {
                throw new io.leadscore.common.ValidationException(part, "differs from the key in the address; leave "
                        + "it out or give the same");
            }
        }
        JsonObject keyed = JSON.createObjectBuilder(given).add("externalSource", externalSource)
                .add("externalId", externalId).build();
        Caller caller = caller();
        LeadService.Upserted done = leads.upsert(caller, externalSource, externalId, Etags.ifMatch(ifMatch),
                current -> current == null ? RecordInput.parse(LeadSchema.LEAD, keyed)
                        : MergePatch.apply(LeadSchema.LEAD, current, keyed));
        Lead lead = done.lead();
        if (done.created()) {
            return Response.created(uri.getBaseUriBuilder().path("leads").path(lead.id()).build())
                    .tag(Etags.of(lead.version())).entity(view(lead)).build();
        }
        return ok(lead);
    }

    @POST
    @Path("bulk")
    @jakarta.ws.rs.Consumes(jakarta.ws.rs.core.MediaType.APPLICATION_JSON)
    @Operation(summary = "Create, update or upsert up to 1,000 leads in one call",
            description = "Dataverse's CreateMultiple / UpdateMultiple / UpsertMultiple: {mode: create|update|upsert, "
                    + "atomic: false, records: [...]}. A create record is a lead as POST takes it; an update record names "
                    + "its id (and, optionally, the version it read, as If-Match) and the fields to change; an upsert "
                    + "record names its externalSource and externalId. Every record goes through the plugin pipeline, "
                    + "new leads through its bulk path. 200 {results: [{status: 201|200, id, version} or {status, "
                    + "problem}], created, updated, failed}, one result per record in order; with atomic: true all or "
                    + "nothing: the first record that cannot be written is a 400 naming records[i], and none is written.")
    public Response bulk(java.io.InputStream body) {
        JsonObject call = JsonBodies.readObject(body, JsonBodies.MAX_BULK_BYTES);
        BulkCall parsed = BulkCall.parse(call);
        Caller caller = caller();
        List<io.leadscore.lead.LeadBulk.Result> results;
        try {
            results = parsed.items().isEmpty() ? List.of()
                    : bulk.apply(caller, parsed.mode(), parsed.atomic(), parsed.items());
        } catch (RuntimeException e) {
            if (ProblemMapper.unwrap(e) instanceof io.leadscore.lead.LeadBulk.Failure f) {
                return BulkCall.atomicFailure(parsed, f);
            }
            throw e;
        }
        return Response.ok(parsed.answer(results)).build();
    }

    @GET
    @Path("{id}/score")
    @Operation(summary = "The lead's score with its reasons",
            description = "Top 5 positive and top 5 negative reasons (all with all=true); each with impact in score "
                    + "points, a text and an insight. 404 when the lead has no score: see /eligibility for why.")
    public JsonObject score(@PathParam("id") String id, @QueryParam("all") @DefaultValue("false") boolean all) {
        Lead lead = leads.get(caller(), id);
        ScoringService.Details d = scoring.details(lead);
        if (d == null) {
            throw new NotFoundException("score of lead", id + " (the lead is not scored; GET /api/v1/leads/" + id
                    + "/eligibility says why)");
        }
        LeadScore s = d.score();
        JsonObjectBuilder o = JSON.createObjectBuilder().add("value", s.value()).add("grade", s.grade())
                .add("trend", s.trend().name()).add("modelId", s.modelId());
        ModelJson.text(o, "modelName", d.modelName());
        return o.add("modelVersion", s.modelVersion()).add("scoredOn", s.scoredOn().toString())
                .add("positive", reasons(d.positive(), all)).add("negative", reasons(d.negative(), all)).build();
    }

    private static JsonArrayBuilder reasons(List<Reason> reasons, boolean all) {
        JsonArrayBuilder arr = JSON.createArrayBuilder();
        reasons.stream().limit(all ? Long.MAX_VALUE : 5).forEach(r -> {
            JsonObjectBuilder o = JSON.createObjectBuilder().add("attribute", r.attribute()).add("label", r.label())
                    .add("value", ModelJson.value(r.value())).add("impact", r.impact()).add("text", r.text());
            ModelJson.text(o, "insight", r.insight());
            arr.add(o);
        });
        return arr;
    }

    @GET
    @Path("{id}/score-history")
    @Operation(summary = "The lead's scores over time, oldest first")
    public List<HistoryView> history(@PathParam("id") String id) {
        Lead lead = leads.get(caller(), id);
        return scoring.history(lead.id()).stream()
                .map(p -> new HistoryView(p.scoredOn(), p.value(), p.grade(), p.modelId(), p.modelVersion())).toList();
    }

    /** One point of a lead's score history. */
    @JsonbPropertyOrder({"scoredOn", "value", "grade", "modelId", "modelVersion"})
    public record HistoryView(Instant scoredOn, int value, String grade, String modelId, int modelVersion) {
    }

    @GET
    @Path("{id}/eligibility")
    @Operation(summary = "Why the lead is or is not scored, model by model")
    public JsonObject eligibility(@PathParam("id") String id) {
        Eligibility.Verdict v = eligibility.of(leads.get(caller(), id));
        JsonArrayBuilder models = JSON.createArrayBuilder();
        for (Eligibility.ModelVerdict m : v.models()) {
            JsonArrayBuilder reasons = JSON.createArrayBuilder();
            m.reasons().forEach(reasons::add);
            models.add(JSON.createObjectBuilder().add("modelId", m.modelId()).add("name", m.name())
                    .add("applies", m.applies()).add("reasons", reasons));
        }
        JsonObjectBuilder o = JSON.createObjectBuilder();
        ModelJson.text(o, "scoredBy", v.scoredBy());
        JsonArrayBuilder notes = JSON.createArrayBuilder();
        v.notes().forEach(notes::add);
        o.add("notes", notes);
        if (v.scoringJob() == null) {
            o.addNull("scoringJob");
        } else {
            Eligibility.ScoringJob j = v.scoringJob();
            JsonObjectBuilder job = JSON.createObjectBuilder().add("id", j.id()).add("status", j.status().name())
                    .add("createdOn", j.createdOn().toString());
            ModelJson.text(job, "error", j.error());
            ModelJson.text(job, "completedOn", j.completedOn() == null ? null : j.completedOn().toString());
            o.add("scoringJob", job);
        }
        return o.add("models", models).build();
    }

    @POST
    @Path("{id}/qualify")
    @Operation(summary = "Qualify an open lead", description = "Sets status QUALIFIED and closedOn; 409 if the lead is closed")
    public Response qualify(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        return ok(leads.qualify(caller(), id, Etags.ifMatch(ifMatch)));
    }

    @POST
    @Path("{id}/disqualify")
    @Operation(summary = "Disqualify an open lead", description = "Sets status DISQUALIFIED and closedOn; 409 if the lead is closed")
    public Response disqualify(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        return ok(leads.disqualify(caller(), id, Etags.ifMatch(ifMatch)));
    }
}
