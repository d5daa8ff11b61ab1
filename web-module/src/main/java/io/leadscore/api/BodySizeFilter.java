package io.leadscore.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/** Refuses a declared body over 1 MB before anything reads it (a chunked body is counted as it is read). */
@Provider
@PreMatching
public class BodySizeFilter implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > JsonBodies.MAX_BYTES && !request.getUriInfo().getPath().startsWith("imports")) {
            request.abortWith(JsonBodies.tooLarge().getResponse());
        }
    }
}
