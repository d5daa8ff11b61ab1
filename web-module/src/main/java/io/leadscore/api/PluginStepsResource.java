package io.leadscore.api;

import io.leadscore.common.Caller;
import io.leadscore.common.FieldError;
import io.leadscore.common.ValidationException;
import io.leadscore.sdk.Message;
import io.leadscore.sdk.Mode;
import io.leadscore.plugin.PluginSteps;
import io.leadscore.sdk.Stage;
import io.leadscore.sdk.StepDefinition;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import static io.leadscore.common.Jsons.JSON;

/**
 * Plugin step registrations, {@code /api/v1/plugin-steps} (API.md "Plugin host"): System Administrators
 * register and change steps; Operators read them.
 */
@Path("plugin-steps")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Caller.SYSTEM_ADMINISTRATOR)
@Tag(name = "Plugin host")
public class PluginStepsResource {

    private static final List<String> FIELDS = List.of("plugin", "message", "entity", "stage", "mode",
            "filteringAttributes", "rank", "enabled");

    @EJB
    private PluginSteps steps;
    @Context
    private UriInfo uri;

    @GET
    @RolesAllowed({Caller.SYSTEM_ADMINISTRATOR, Caller.OPERATOR})
    @Operation(summary = "Every step registration", description = "Ordered as the pipeline runs them: entity, "
            + "message, stage, rank. declared: the plugin declares the step (its rank and enabled are yours); "
            + "active: false when its plugin is gone or no longer declares it")
    public JsonObject list() {
        JsonArrayBuilder value = JSON.createArrayBuilder();
        steps.registrations().stream()
                .sorted(java.util.Comparator.comparing((PluginSteps.Registration r) -> effective(r).entity())
                        .thenComparing(r -> effective(r).message())
                        .thenComparing(r -> effective(r).stage())
                        .thenComparingInt(r -> effective(r).rank())
                        .thenComparing(r -> r.row().id()))
                .forEach(r -> value.add(view(r)));
        return JSON.createObjectBuilder().add("value", value).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Caller.SYSTEM_ADMINISTRATOR, Caller.OPERATOR})
    @Operation(summary = "One step registration")
    public JsonObject get(@PathParam("id") String id) {
        return view(steps.get(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a step", description = "plugin (installed), message, entity (lead, account, "
            + "contact), stage, mode (Asynchronous only in PostOperation), filteringAttributes (Update only), "
            + "rank (default 1), enabled (default true). 400 says why a registration is not allowed")
    public Response register(InputStream body) {
        PluginSteps.Registration r = steps.register(parse(JsonBodies.readObject(body)));
        return Response.created(uri.getBaseUriBuilder().path("plugin-steps").path(r.row().id()).build())
                .entity(view(r)).build();
    }

    @PATCH
    @Path("{id}")
    @Consumes({RecordResource.MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Operation(summary = "Change a step (JSON merge patch)", description = "enabled, rank; of a step you "
            + "registered also the rest. A step its plugin declares keeps the plugin's message, stage, mode and "
            + "filtering attributes")
    public JsonObject change(@PathParam("id") String id, InputStream body) {
        JsonObject patch = JsonBodies.readObject(body);
        JsonObject current = definitionJson(effective(steps.get(id)));
        JsonObject merged = JSON.createMergePatch(patch).apply(current).asJsonObject();
        return view(steps.change(id, parse(merged)));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Remove a step you registered", description = "409 for a step its plugin declares: disable it")
    public Response remove(@PathParam("id") String id) {
        steps.remove(id);
        return Response.noContent().build();
    }

    private static StepDefinition effective(PluginSteps.Registration r) {
        return r.definition() != null ? r.definition() : r.row().definition();
    }

    private static JsonObject definitionJson(StepDefinition d) {
        JsonArrayBuilder attributes = JSON.createArrayBuilder();
        d.filteringAttributes().stream().sorted().forEach(attributes::add);
        return JSON.createObjectBuilder()
                .add("plugin", d.plugin()).add("message", d.message().name()).add("entity", d.entity())
                .add("stage", d.stage().name()).add("mode", d.mode().name()).add("filteringAttributes", attributes)
                .add("rank", d.rank()).add("enabled", d.enabled()).build();
    }

    private static JsonObject view(PluginSteps.Registration r) {
        JsonObjectBuilder o = JSON.createObjectBuilder().add("id", r.row().id());
        definitionJson(effective(r)).forEach(o::add);
        return o.add("declared", r.row().declared()).add("active", r.definition() != null && r.installed())
                .add("createdOn", r.row().createdOn().toString()).add("modifiedOn", r.row().modifiedOn().toString())
                .build();
    }

    /** A registration from JSON; every problem named by its field. */
    static StepDefinition parse(JsonObject json) {
        List<FieldError> errors = new ArrayList<>();
        for (String name : json.keySet()) {
            if (!FIELDS.contains(name) && !Set.of("id", "declared", "active", "createdOn", "modifiedOn").contains(name)) {
                errors.add(new FieldError(name, "is not a field of a plugin step; fields: " + String.join(", ", FIELDS)));
            }
        }
        String plugin = text(json, "plugin", errors);
        Message message = choice(json, "message", Message.class, errors);
        String entity = text(json, "entity", errors);
        Stage stage = choice(json, "stage", Stage.class, errors);
        Mode mode = choice(json, "mode", Mode.class, errors);
        Set<String> attributes = new LinkedHashSet<>();
        JsonValue a = json.get("filteringAttributes");
        if (a != null && a.getValueType() != JsonValue.ValueType.NULL) {
            if (!(a instanceof JsonArray arr) || !arr.stream().allMatch(v -> v instanceof JsonString)) {
                errors.add(new FieldError("filteringAttributes", "must be an array of field names"));
            } else {
                arr.getValuesAs(JsonString.class).forEach(s -> attributes.add(s.getString()));
            }
        }
        int rank = 1;
        JsonValue r = json.get("rank");
        if (r != null && r.getValueType() != JsonValue.ValueType.NULL) {
            if (!(r instanceof JsonNumber n) || !n.isIntegral()) {
                errors.add(new FieldError("rank", "must be a whole number"));
            } else {
                rank = n.bigDecimalValue().min(java.math.BigDecimal.valueOf(Integer.MAX_VALUE))
                        .max(java.math.BigDecimal.valueOf(Integer.MIN_VALUE)).intValue();
            }
        }
        boolean enabled = true;
        JsonValue e = json.get("enabled");
        if (e != null && e.getValueType() != JsonValue.ValueType.NULL) {
            if (e != JsonValue.TRUE && e != JsonValue.FALSE) {
                errors.add(new FieldError("enabled", "must be true or false"));
            } else {
                enabled = e == JsonValue.TRUE;
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new StepDefinition(plugin, message, entity, stage, mode, attributes, rank, enabled);
    }

    private static String text(JsonObject json, String field, List<FieldError> errors) {
        JsonValue v = json.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(v instanceof JsonString s)) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        return s.getString();
    }

    private static <T extends Enum<T>> T choice(JsonObject json, String field, Class<T> type, List<FieldError> errors) {
        String s = text(json, field, errors);
        if (s == null) {
            return null;
        }
        for (T c : type.getEnumConstants()) {
            if (c.name().equals(s)) {
                return c;
            }
        }
        errors.add(new FieldError(field, "must be one of " + Arrays.toString(type.getEnumConstants())));
        return null;
    }
}
