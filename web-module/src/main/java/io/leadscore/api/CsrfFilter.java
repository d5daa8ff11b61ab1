package io.leadscore.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.util.Set;

/**
 * Cross-site request forgery: a change (anything but GET, HEAD, OPTIONS) authenticated by the sign-on cookie
 * alone must carry the header {@code X-Requested-With}, which another site's page cannot send without the
 * server's consent (CORS). Requests with an Authorization header (integrations) are not concerned.
 */
@Provider
@PreMatching
public class CsrfFilter implements ContainerRequestFilter {

    static final String HEADER = "X-Requested-With";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    public void filter(ContainerRequestContext request) {
        if (SAFE.contains(request.getMethod()) || request.getHeaderString(HttpHeaders.AUTHORIZATION) != null
                || request.getHeaderString(HEADER) != null || request.getCookies().isEmpty()) {
            return;
        }
        request.abortWith(Problems.of(Response.Status.FORBIDDEN, "A change made with the sign-on cookie needs the "
                + HEADER + " header"));
    }
}
