package org.dossierlink.operator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /health}: liveness, 200 while the node runs. {@code GET /health/ready}: readiness, 200 when
 * every {@link ReadinessCheck} passes and 503 otherwise. Both answer JSON:
 * <pre>{"status":"UP","checks":{"store":{"status":"UP","detail":"..."},...}}</pre>
 * A degraded check (an unreachable peer node) is {@code "status":"DEGRADED"}; the node is still ready
 * (200), and the answer says {@code "status":"DEGRADED"} overall with {@code "ready":true}.
 */
public final class HealthServlet extends HttpServlet {

    private final transient List<ReadinessCheck> checks;

    public HealthServlet(List<ReadinessCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    private static String state(boolean ready, boolean degraded) {
        return !ready ? "\"DOWN\"" : degraded ? "\"DEGRADED\"" : "\"UP\"";
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        StringBuilder json = new StringBuilder();
        int status;
        if (path.isEmpty() || path.equals("/")) {
            status = HttpServletResponse.SC_OK;
            json.append("{\"status\":\"UP\"}");
        } else if (path.equals("/ready")) {
            boolean ready = true;
            boolean degraded = false;
            StringBuilder parts = new StringBuilder();
            for (ReadinessCheck check : checks) {
                ReadinessCheck.Result r = check.check();
                ready &= r.ready();
                degraded |= r.degraded();
                if (parts.length() > 0) {
                    parts.append(',');
                }
                parts.append(Json.quote(check.name())).append(":{\"status\":").append(state(r.ready(), r.degraded()))
                        .append(",\"detail\":").append(Json.quote(r.detail() == null ? "" : r.detail())).append('}');
            }
            status = ready ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE;
            json.append("{\"status\":").append(state(ready, degraded));
            if (degraded) {
                json.append(",\"ready\":").append(ready);
            }
            json.append(",\"checks\":{").append(parts).append("}}");
        } else {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "use /health or /health/ready");
            return;
        }
        byte[] body = json.append('\n').toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
