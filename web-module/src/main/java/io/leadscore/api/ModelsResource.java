package io.leadscore.api;

import io.leadscore.common.Caller;
import io.leadscore.common.ValidationException;
import io.leadscore.model.ModelDefinition;
import io.leadscore.model.ModelService;
import io.leadscore.model.ModelVersion;
import io.leadscore.model.PublishPolicy;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.util.List;
import static io.leadscore.common.Jsons.JSON;

/**
 * Models: {@code /api/v1/models} (API.md "Models"), for System Administrators. Configurations are
 * deployed, trained in the background, published, rolled back and retired here. A published version keeps
 * the business process, filter and attributes it was trained with; name, priority, grades and trend
 * threshold apply at once.
 */
@Path("models")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Caller.SYSTEM_ADMINISTRATOR)
@Tag(name = "Models")
public class ModelsResource {

    @EJB
    private ModelService models;
    @EJB
    private io.leadscore.model.ModelTrainer trainer;
    @EJB
    private io.leadscore.model.DriftWatch driftWatch;

    @Context
    private UriInfo uri;

    @GET
    @Operation(summary = "Every model with its status and metrics")
    public JsonObject list() {
        return ModelJson.collection(models.list().stream().map(ModelJson::model).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a model configuration", description = "201 with Location; 409 if the name is taken")
    public Response create(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "ModelConfiguration"))) InputStream body) {
        ModelService.Summary s = models.create(ModelDefinition.parse(JsonBodies.readObject(body), null));
        return Response.created(uri.getBaseUriBuilder().path("models").path(s.model().id()).build())
                .tag(Etags.of(s.model().version())).entity(ModelJson.model(s)).build();
    }

    @PUT
    @Path("by-name/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Deploy a configuration by name",
            description = "Creates the model (201) or replaces its configuration (200); deploying the same file again "
                    + "changes nothing. The name in the URL wins over a name in the body.")
    public Response deploy(@PathParam("name") String name, @RequestBody(content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ModelConfiguration"))) InputStream body) {
        if (name.isBlank() || name.length() > 100) {
            throw new ValidationException("name", "a model name is 1 to 100 characters");
        }
        ModelService.Deployed d = models.deploy(name, ModelDefinition.parse(JsonBodies.readObject(body), name));
        Response.ResponseBuilder r = d.created()
                ? Response.created(uri.getBaseUriBuilder().path("models").path(d.summary().model().id()).build())
                : Response.ok();
        return r.tag(Etags.of(d.summary().model().version())).entity(ModelJson.model(d.summary())).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One model")
    public Response get(@PathParam("id") String id) {
        return ok(models.get(id));
    }

    @PATCH
    @Path("{id}")
    @Consumes({RecordResource.MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Operation(summary = "Change a configuration (JSON merge patch)", description = "Honours If-Match (412)")
    public Response patch(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, InputStream body) {
        return ok(models.patch(id, JsonBodies.readObject(body), Etags.ifMatch(ifMatch)));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a model and its versions", description = "409 while it is published or training")
    public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        models.delete(id, Etags.ifMatch(ifMatch));
        return Response.noContent().build();
    }

    @GET
    @Path("attributes")
    @Operation(summary = "Every attribute a model may read",
            description = "The lead's fields, its account's and contact's, and the custom attributes leads have: "
                    + "{value: [{path, label, autoLeavesOut}]}; autoLeavesOut (only where it applies) says why a "
                    + "model with \"attributes\": \"auto\" learns from it only when pinned (first and last names, the "
                    + "lead's external id)")
    public JsonObject attributes() {
        return ModelJson.collection(models.availableAttributes().stream().map(a -> {
            var o = JSON.createObjectBuilder().add("path", a.path()).add("label", a.label());
            if (a.autoLeavesOut() != null) {
                o.add("autoLeavesOut", a.autoLeavesOut());
            }
            return o.build();
        }).toList());
    }

    @POST
    @Path("{id}/drift")
    @Operation(summary = "Check the published version for drift now",
            description = "Today's open leads the model scores (up to 5,000 of the newest) against its training "
                    + "leads: the population stability index of the score and of each attribute. Answers the check, "
                    + "which the model keeps as its drift field: {checkedOn, version, leads, scorePsi, attributes: "
                    + "[{path, psi}] (PSI 0.1 or more), drifting (0.25 or more)}. 409 when the model is not published. "
                    + "The same check runs every day at 04:10.")
    public JsonObject drift(@PathParam("id") String id) {
        return driftWatch.check(id);
    }

    @POST
    @Path("{id}/suggest-attributes")
    @Operation(summary = "Rank every attribute for the model without training",
            description = "Every attribute a model may read, ranked on the model's closed leads as \"attributes\": "
                    + "\"auto\" chooses: {value: [{path, label, gain (single-attribute AUC above 0.5), filled (share "
                    + "of closed leads with a value), chosen, why, warnings: [leakage warnings]}]}, best first; pinned "
                    + "and dropped attributes as the model says")
    public JsonObject suggestAttributes(@PathParam("id") String id) {
        jakarta.json.JsonArray ranking = io.leadscore.model.ModelTrainer.ranking(trainer.suggest(id));
        return ModelJson.collection(ranking.stream().map(v -> v.asJsonObject()).toList());
    }

    @POST
    @Path("{id}/train")
    @Operation(summary = "Train a new version in the background",
            description = "202; status TRAINING, then TRAINED (or PUBLISHED if a version is published) or FAILED with "
                    + "error. 409 while a training runs. The training is a model-train batch job (jobParameters "
                    + "modelId, publish, requestedBy) that operators see in the Admin Center.")
    public Response train(@PathParam("id") String id, @Context SecurityContext security) {
        ModelService.Summary s = models.train(id, PublishPolicy.NEVER, security.getUserPrincipal().getName());
        return Response.accepted(ModelJson.model(s)).tag(Etags.of(s.model().version())).build();
    }

    @POST
    @Path("{id}/publish")
    @Operation(summary = "Publish the latest trained version",
            description = "Its open leads are scored again; answers the model with warnings about published models "
                    + "that score the same leads. 409 when no version is trained.")
    public JsonObject publish(@PathParam("id") String id) {
        return ModelJson.published(models.publish(id));
    }

    @POST
    @Path("{id}/unpublish")
    @Operation(summary = "Stop scoring with this model", description = "Its leads are scored by another model or lose their score")
    public Response unpublish(@PathParam("id") String id) {
        return ok(models.unpublish(id));
    }

    @GET
    @Path("{id}/versions")
    @Operation(summary = "Every trained version, newest first, with its metrics")
    public JsonObject versions(@PathParam("id") String id) {
        Integer published = models.get(id).model().publishedVersion();
        List<ModelVersion> versions = models.versions(id);
        return ModelJson.collection(versions.stream().map(v -> ModelJson.version(v, published)).toList());
    }

    @GET
    @Path("{id}/versions/{version}")
    @Operation(summary = "One version, with its ROC curve and calibration bins")
    public JsonObject version(@PathParam("id") String id, @PathParam("version") int number) {
        return ModelJson.version(models.version(id, number), models.get(id).model().publishedVersion());
    }

    @POST
    @Path("{id}/versions/{version}/publish")
    @Operation(summary = "Publish a given version (roll back or forward)")
    public JsonObject publishVersion(@PathParam("id") String id, @PathParam("version") int number) {
        return ModelJson.published(models.publishVersion(id, number));
    }

    @GET
    @Path("{id}/factors")
    @RolesAllowed({Caller.SALESPERSON, Caller.SALES_MANAGER, Caller.SYSTEM_ADMINISTRATOR})
    @Operation(summary = "How much each attribute drives the scores",
            description = "For the lead form's About tab and for administrators: the grade bounds and every attribute "
                    + "with its mean impact in score points on leads the model did not train on")
    public JsonObject factors(@PathParam("id") String id) {
        return ModelJson.factors(models.factors(id));
    }

    private Response ok(ModelService.Summary s) {
        return Response.ok(ModelJson.model(s)).tag(Etags.of(s.model().version())).build();
    }
}
