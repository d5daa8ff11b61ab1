package io.leadscore.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Cross-site request forgery. A browser sends credentials on its own: the sign-on cookie, and Basic credentials
 * it once typed in. So a change (anything but GET, HEAD, OPTIONS), whatever authenticates it, is refused when
 * the browser says another site sent it: {@code Sec-Fetch-Site: cross-site}, or an {@code Origin} that is not
 * this server's. A change authenticated by the sign-on cookie alone must also carry {@code X-Requested-With},
 * which another site's page cannot send without the server's consent (CORS). API clients, which send none of
 * these browser headers, are not concerned.
 */
@Provider
@PreMatching
public class CsrfFilter implements ContainerRequestFilter {

    static final String HEADER = "X-Requested-With";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    public void filter(ContainerRequestContext request) {
        String refusal = refusal(request.getMethod(), request::getHeaderString, !request.getCookies().isEmpty());
        if (refusal != null) {
            request.abortWith(Problems.of(Response.Status.FORBIDDEN, refusal));
        }
    }

    /**
     * Why a request is refused as forged, or null when it is not: for every entry point that changes data
     * (the REST API here, the OData service in its servlet).
     */
    public static String refusal(String method, java.util.function.Function<String, String> header, boolean hasCookies) {
        if (SAFE.contains(method)) {
            return null;
        }
        String fetchSite = header.apply("Sec-Fetch-Site");
        if (fetchSite != null && fetchSite.trim().toLowerCase(Locale.ROOT).equals("cross-site")) {
            return "A change sent by another site is refused (Sec-Fetch-Site: cross-site)";
        }
        String origin = header.apply("Origin");
        // behind a proxy that rewrites Host, the one the browser used arrives as X-Forwarded-Host (a header a
        // page of another site cannot add without the server's consent)
        if (origin != null && !sameOrigin(origin, header.apply(HttpHeaders.HOST))
                && !sameOrigin(origin, header.apply("X-Forwarded-Host"))) {
            return "A change sent by another site is refused (Origin " + shown(origin) + ")";
        }
        if (header.apply(HttpHeaders.AUTHORIZATION) == null && header.apply(HEADER) == null && hasCookies) {
            return "A change made with the sign-on cookie needs the " + HEADER + " header";
        }
        return null;
    }

    /** True when {@code origin} (scheme://host[:port]) names the host and port the request was sent to. */
    static boolean sameOrigin(String origin, String host) {
        if (host == null || origin.equals("null")) {
            return false;
        }
        try {
            URI o = new URI(origin.trim());
            String authority = o.getRawAuthority();
            return authority != null && o.getRawPath() != null && o.getRawPath().isEmpty()
                    && authority.equalsIgnoreCase(host.trim());
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static String shown(String origin) {
        return origin.length() > 100 ? origin.substring(0, 100) + "…" : origin;
    }
}
