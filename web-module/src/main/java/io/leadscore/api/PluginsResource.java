package io.leadscore.api;

import io.leadscore.common.Caller;
import io.leadscore.plugin.PluginCatalog;
import io.leadscore.plugin.PluginSteps;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import static io.leadscore.common.Jsons.JSON;

/** The installed plugins, {@code /api/v1/plugins}: what steps can be registered for. */
@Path("plugins")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.SYSTEM_ADMINISTRATOR, Caller.OPERATOR})
@Tag(name = "Plugin host")
public class PluginsResource {

    @EJB
    private PluginSteps steps;
    @Inject
    private PluginCatalog catalog;

    @GET
    @Operation(summary = "The installed plugins", description = "Built-in ones and those loaded from jars in the "
            + "plugin directory (server.xml variable plugin.dir), which is looked at again now")
    public JsonObject plugins() {
        steps.rescan();
        JsonArrayBuilder value = JSON.createArrayBuilder();
        for (PluginCatalog.Installed i : catalog.installed()) {
            value.add(JSON.createObjectBuilder().add("name", i.name()).add("className", i.plugin().getClass().getName()
                    .replaceAll("\\$.*", "")).add("source", i.source()));
        }
        JsonObjectBuilder out = JSON.createObjectBuilder().add("value", value);
        if (catalog.directory() != null) {
            out.add("directory", catalog.directory().toString());
        } else {
            out.addNull("directory");
        }
        return out.build();
    }

}
