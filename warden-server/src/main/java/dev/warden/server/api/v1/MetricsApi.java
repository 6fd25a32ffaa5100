package dev.warden.server.api.v1;

import dev.warden.server.metrics.AuditMetrics;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code GET /metrics} in the Prometheus text format. It needs the operator credential like every
 * operator endpoint (per-agent counters tell who does what); point the scraper's
 * {@code authorization} at the admin token.
 */
public final class MetricsApi {
    private final Auth auth;
    private final AuditMetrics metrics;

    /** Wires the endpoint. */
    public MetricsApi(Auth auth, AuditMetrics metrics) {
        this.auth = auth;
        this.metrics = metrics;
    }

    /** Registers the route. */
    public void register(RoutesConfig routes) {
        routes.get("/metrics", this::scrape);
    }

    private void scrape(Context ctx) {
        auth.operator(ctx);
        ctx.status(200).contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }
}
