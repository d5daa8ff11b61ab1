package io.leadscore.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who may call what: every operation of the server's own OpenAPI document, called as each of the four roles and
 * anonymously, against the expected matrix in {@code role-matrix.txt} beside this class. An operation the
 * document lists and the matrix does not (or the other way round) fails the test, so a new endpoint cannot go
 * out without a decision about its roles. Then the row rule: a Salesperson reaches only their own leads, by
 * every path.
 */
class RoleMatrixIT {

    private static final List<String> CALLERS = List.of("sales", "manager", "admin", "operator", "anonymous");

    /** An operation as the matrix names it: method, path template and, where one path answers several, the media type. */
    private record Operation(String method, String path, String accept) {
        String key() {
            return method + " " + path + (accept == null ? "" : " " + accept);
        }
    }

    private static Map<String, List<String>> expected() throws IOException {
        Map<String, List<String>> m = new LinkedHashMap<>();
        try (InputStream in = RoleMatrixIT.class.getResourceAsStream("role-matrix.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                String[] cells = l.split("\\s+");
                int n = CALLERS.size();
                String key = String.join(" ", java.util.Arrays.copyOfRange(cells, 0, cells.length - n));
                m.put(key, List.of(java.util.Arrays.copyOfRange(cells, cells.length - n, cells.length)));
            }
        }
        return m;
    }

    /** Every operation the running server documents at /openapi, plus the CSV export (a second answer of GET /leads). */
    private static List<Operation> documented() throws Exception {
        HttpResponse<String> r = Api.exchange(HttpRequest.newBuilder(URI.create(Api.BASE + "/openapi?format=JSON")).build());
        assertEquals(200, r.statusCode());
        JsonObject paths = Json.createReader(new StringReader(r.body())).readObject().getJsonObject("paths");
        List<Operation> ops = new ArrayList<>();
        for (Map.Entry<String, JsonValue> p : paths.entrySet()) {
            for (String method : p.getValue().asJsonObject().keySet()) {
                if (List.of("get", "put", "post", "delete", "patch").contains(method)) {
                    ops.add(new Operation(method.toUpperCase(), p.getKey(), null));
                }
            }
        }
        ops.add(new Operation("GET", "/api/v1/leads", "text/csv"));
        return ops;
    }

    /** The operation called as {@code caller}, with ids that exist nowhere and a body no operation accepts. */
    private static HttpResponse<String> call(Operation op, String caller) throws Exception {
        String path = op.path().replaceAll("\\{(version|executionId)}", "987654321")
                .replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(Api.BASE + path)).timeout(Duration.ofSeconds(60));
        if (!caller.equals("anonymous")) {
            b.header("Authorization", Api.basic(caller));
        }
        if (op.accept() != null) {
            b.header("Accept", op.accept());
        }
        switch (op.method()) {
            case "GET" -> b.GET();
            case "DELETE" -> b.DELETE();
            default -> {
                boolean csv = path.equals("/api/v1/imports");
                b.header("Content-Type", csv ? "text/csv" : "application/json");
                // malformed: whoever may call it gets a 4xx, and nothing is written
                b.method(op.method(), HttpRequest.BodyPublishers.ofString(csv ? "" : "{"));
            }
        }
        return Api.exchange(b.build());
    }

    private static String verdict(int status) {
        return status == 401 || status == 403 ? String.valueOf(status) : "ok";
    }

    @Test
    void everyDocumentedOperationAnswersEachRoleAsTheMatrixSays() throws Exception {
        Map<String, List<String>> expected = expected();
        List<Operation> ops = documented();
        TreeSet<String> undecided = new TreeSet<>();
        ops.forEach(o -> {
            if (!expected.containsKey(o.key())) {
                undecided.add(o.key());
            }
        });
        assertTrue(undecided.isEmpty(), "operations without a line in role-matrix.txt: " + undecided);
        TreeSet<String> gone = new TreeSet<>(expected.keySet());
        ops.forEach(o -> gone.remove(o.key()));
        assertTrue(gone.isEmpty(), "lines in role-matrix.txt for operations the server no longer has: " + gone);

        List<String> wrong = new ArrayList<>();
        for (Operation op : ops) {
            List<String> want = expected.get(op.key());
            for (int i = 0; i < CALLERS.size(); i++) {
                HttpResponse<String> r = call(op, CALLERS.get(i));
                String got = verdict(r.statusCode());
                if (r.statusCode() >= 500 || !got.equals(want.get(i))) {
                    wrong.add(op.key() + " as " + CALLERS.get(i) + ": expected " + want.get(i) + ", got "
                            + r.statusCode() + " " + r.body());
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void aSalespersonReachesOnlyTheirOwnLeadsByEveryPath() throws Exception {
        Api sales = Api.as("sales");
        Api manager = Api.as("manager");
        String marker = Api.unique("Theirs");
        String account = manager.post("/api/v1/accounts", "{'name':'" + marker + "','industry':'Finance'}").expect(201)
                .json().getString("id");
        String theirs = manager.createLead("{'lastName':'" + marker + "','industry':'Finance','accountId':'" + account + "'}")
                .getString("id");
        String mine = sales.createLead("{'lastName':'" + marker + "','industry':'Finance','accountId':'" + account + "'}")
                .getString("id");
        manager.awaitScored(theirs);

        for (String path : List.of("", "/score", "/score-history", "/eligibility")) {
            sales.get("/api/v1/leads/" + theirs + path).problem(404);
        }
        sales.patch("/api/v1/leads/" + theirs, "{'topic':'mine now'}").problem(404);
        sales.post("/api/v1/leads/" + theirs + "/qualify").problem(404);
        sales.delete("/api/v1/leads/" + theirs, null).problem(404);

        for (String filter : List.of("lastName eq '" + marker + "'", "account/name eq '" + marker + "'",
                "account/name eq '" + marker + "' and score/value ge 0")) {
            JsonObject page = sales.get("/api/v1/leads?count=true&filter=" + Api.q(filter)).expect(200).json();
            List<String> ids = page.getJsonArray("value").stream().map(v -> v.asJsonObject().getString("id")).toList();
            assertFalse(ids.contains(theirs), filter + ": " + ids);
            assertTrue(page.getInt("count") <= 1, filter + " counts only the caller's own: " + page);
        }
        assertEquals(1, sales.get("/api/v1/leads?count=true&top=0&filter=" + Api.q("lastName eq '" + marker + "'"))
                .expect(200).json().getInt("count"));
        String csv = sales.get("/api/v1/leads?filter=" + Api.q("lastName eq '" + marker + "'"), "text/csv").expect(200).body();
        assertTrue(csv.contains(mine) && !csv.contains(theirs), csv);
        // the manager sees both
        assertEquals(2, manager.get("/api/v1/leads?count=true&top=0&filter=" + Api.q("lastName eq '" + marker + "'"))
                .expect(200).json().getInt("count"));
        // operators own and see no CRM records, however they ask
        Api operator = Api.as("operator");
        operator.get("/api/v1/leads", "text/csv").problem(403);
        operator.get("/api/v1/leads/" + mine + "/score").problem(403);
        operator.post("/api/v1/leads/" + mine + "/qualify").problem(403);
    }
}
