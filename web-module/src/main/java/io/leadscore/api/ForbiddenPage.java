package io.leadscore.api;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import static io.leadscore.common.Jsons.JSON;

/**
 * The 401 and 403 the container answers itself (web.xml's error pages): a caller who did not sign in (or whose
 * credentials or token were refused), and one who signed in but has none of the four roles, such as a bearer token
 * without a known group. Same problem+json as the API's own refusals, not an HTML page; the container's challenge
 * (WWW-Authenticate) stays.
 */
@WebServlet({"/problem/forbidden", "/problem/unauthorized"})
public class ForbiddenPage extends HttpServlet {

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        boolean signedIn = req.getServletPath().endsWith("forbidden");
        int status = signedIn ? HttpServletResponse.SC_FORBIDDEN : HttpServletResponse.SC_UNAUTHORIZED;
        resp.setStatus(status);
        resp.setContentType("application/problem+json");
        resp.setCharacterEncoding("UTF-8");
        resp.getWriter().write(JSON.createObjectBuilder().add("type", "about:blank")
                .add("title", signedIn ? "Forbidden" : "Unauthorized").add("status", status)
                .add("detail", signedIn ? "You have none of the roles that may use Leadscore"
                        : "Sign in: HTTP Basic credentials or a bearer token the server trusts").build().toString());
    }
}
