package io.leadscore.api;

import io.leadscore.common.Caller;
import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The API of API.md under {@code /api/v1}. */
@ApplicationPath("/api/v1")
@DeclareRoles({Caller.SALESPERSON, Caller.SALES_MANAGER, Caller.SYSTEM_ADMINISTRATOR, Caller.OPERATOR})
@OpenAPIDefinition(
        info = @Info(title = "Leadscore API", version = "1",
                description = "Predictive lead scoring: leads, accounts and contacts, with scores, models and jobs. "
                        + "Errors are RFC 9457 problem details naming the field. Collections take filter (OData $filter subset), "
                        + "orderBy, top (default 50, at most 5000), skip (at most 10000) and count=true; a page's nextLink "
                        + "continues after its last row (skiptoken). Bodies are at most 1 MB."),
        security = @SecurityRequirement(name = "basic"))
@SecurityScheme(securitySchemeName = "basic", type = SecuritySchemeType.HTTP, scheme = "basic")
public class RestApplication extends Application {
}
