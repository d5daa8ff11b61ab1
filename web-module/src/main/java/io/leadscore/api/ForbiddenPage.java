package io.leadscore.api;

import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The 403 the container answers itself (web.xml's error page): a caller who signed in but has none of the four
 * roles, such as a bearer token without a known group. Same problem+json as the API's own refusals, not an HTML page.
 */
@WebServlet("/problem/forbidden")
public class ForbiddenPage extends HttpServlet {

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setStatus(HttpServletResponse.SC_FORBIDDEN);
        resp.setContentType("application/problem+json");
        resp.setCharacterEncoding("UTF-8");
        resp.getWriter().write(Json.createObjectBuilder().add("type", "about:blank").add("title", "Forbidden")
                .add("status", 403).add("detail", "You have none of the roles that may use Leadscore").build().toString());
    }
}
