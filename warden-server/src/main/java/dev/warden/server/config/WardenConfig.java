package dev.warden.server.config;

import dev.warden.limits.LimitsConfig;
import dev.warden.agent.Projects;
import dev.warden.behavior.BehaviorConfig;
import dev.warden.breaker.BreakerConfig;
import dev.warden.catalog.ToolCatalog;
import dev.warden.mcp.McpGatewayConfig;
import dev.warden.policy.PolicySource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validated configuration of a Warden server, loaded from a config directory by
 * {@link ConfigLoader}.
 *
 * @param trustDomain     SPIFFE trust domain of agent ids
 * @param issuer          issuer (and audience) of access tokens; also accepted as client-assertion audience
 * @param projects        projects and their environments
 * @param tokenTtl        lifetime of access tokens (default 5 minutes)
 * @param approvalTtl     lifetime of approvals (default 1 hour)
 * @param maxBodyBytes    largest accepted request body
 * @param powerLossSafe   true to fsync every audit commit (survives power loss), false to survive process crashes
 * @param seeds           agents registered at first start
 * @param catalog         the tool catalog
 * @param policies        policy files in load order
 * @param policyDigests   file name to SHA-256 hex of each policy file, for the audit record of the load
 * @param mcp             the MCP gateway ({@code mcp:} section), when configured
 * @param limits          rate, transaction, cumulative and concurrency limits ({@code limits:} section;
 *                        {@link LimitsConfig#NONE} when absent)
 * @param breakers        circuit breaker settings ({@code breakers:} section; defaults when absent)
 * @param behavior        behaviour monitoring: learning period and detectors ({@code behavior:} section; the seed table when absent)
 * @param responses       automatic responses to anomalies ({@code responses:} section; the seed table when absent)
 * @param data            data governance: actions per data class, scan limits, output checks
 *                        ({@code data:} section and the tools' {@code output:}; built-in rules when absent)
 */
public record WardenConfig(String trustDomain, String issuer, Projects projects, Duration tokenTtl, Duration approvalTtl,
                           long maxBodyBytes, boolean powerLossSafe, List<SeedAgent> seeds, ToolCatalog catalog,
                           List<PolicySource> policies, Map<String, String> policyDigests,
                           Optional<McpGatewayConfig> mcp, LimitsConfig limits,
                           BreakerConfig breakers, BehaviorConfig behavior,
                           dev.warden.incident.ResponsePolicy responses, dev.warden.scan.DataRules data) {
}
