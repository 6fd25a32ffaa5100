package dev.warden.simulation;

import dev.warden.agent.Agent;
import dev.warden.catalog.EffectClass;
import dev.warden.catalog.JsonSchema;
import dev.warden.catalog.RiskTier;
import dev.warden.catalog.Tool;
import dev.warden.catalog.ToolCatalog;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicyQuery;
import dev.warden.policy.PolicyVerdict;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The tools of the simulated organisation and the policy over them: every tool is permitted except
 * {@value #FORBIDDEN}, which a policy forbids; {@value #UNCLAIMED} is in the catalog but in no
 * agent's capabilities (a call is a segmentation deny).
 */
public final class SimulationCatalog {
    /** Reads a customer record. */
    public static final String CRM_READ = "crm.read";
    /** Searches customers. */
    public static final String CRM_SEARCH = "crm.search";
    /** Updates a customer record. */
    public static final String CRM_UPDATE = "crm.update";
    /** Opens a ticket. */
    public static final String TICKET_CREATE = "ticket.create";
    /** Reads an invoice. */
    public static final String INVOICE_READ = "invoice.read";
    /** Refunds money (financial, with an impact). */
    public static final String REFUND = "payment.refund";
    /** Exports a report (what batches do). */
    public static final String REPORT_EXPORT = "report.export";
    /** Deletes records (destructive). */
    public static final String DELETE = "records.delete";
    /** Bulk export every agent may claim and no policy permits. */
    public static final String FORBIDDEN = "admin.export";
    /** A tool no agent claims. */
    public static final String UNCLAIMED = "user.impersonate";

    /** The capabilities every simulated agent is registered with. */
    public static final List<String> CAPABILITIES = List.of(CRM_READ, CRM_SEARCH, CRM_UPDATE, TICKET_CREATE, INVOICE_READ,
            REFUND, REPORT_EXPORT, DELETE, FORBIDDEN);

    private SimulationCatalog() {
    }

    /** The catalog. */
    public static ToolCatalog catalog() {
        return ToolCatalog.of(List.of(
                tool(CRM_READ, EffectClass.READ, RiskTier.LOW, null),
                tool(CRM_SEARCH, EffectClass.READ, RiskTier.LOW, null),
                tool(CRM_UPDATE, EffectClass.WRITE, RiskTier.MEDIUM, null),
                tool(TICKET_CREATE, EffectClass.WRITE, RiskTier.LOW, null),
                tool(INVOICE_READ, EffectClass.READ, RiskTier.LOW, null),
                tool(REFUND, EffectClass.FINANCIAL, RiskTier.MEDIUM, "amount"),
                tool(REPORT_EXPORT, EffectClass.READ, RiskTier.LOW, null),
                tool(DELETE, EffectClass.DESTRUCTIVE, RiskTier.HIGH, null),
                tool(FORBIDDEN, EffectClass.READ, RiskTier.HIGH, null),
                tool(UNCLAIMED, EffectClass.WRITE, RiskTier.HIGH, null)));
    }

    /** The resource class a tool's calls touch ({@code customer}, {@code invoice}, {@code report}). */
    public static String resourceClass(String tool) {
        return switch (tool) {
            case INVOICE_READ, REFUND -> "invoice";
            case REPORT_EXPORT -> "report";
            default -> "customer";
        };
    }

    /** The policy: permit everything but {@value #FORBIDDEN}. */
    public static PolicyEngine policies() {
        return new PolicyEngine() {
            @Override
            public PolicyVerdict evaluate(PolicyQuery query) {
                return query.tool().name().equals(FORBIDDEN)
                        ? new PolicyVerdict.Forbid(List.of("no-bulk-export"))
                        : new PolicyVerdict.Permit(List.of("permit-catalog"), List.of());
            }

            @Override
            public List<String> policyIds() {
                return List.of("permit-catalog", "no-bulk-export");
            }

            @Override
            public boolean mayEverPermit(Agent agent, Tool tool) {
                return !tool.name().equals(FORBIDDEN);
            }
        };
    }

    private static Tool tool(String name, EffectClass effect, RiskTier risk, String impactField) {
        return new Tool(name, "simulated " + name, Set.of(effect), risk, JsonSchema.anyObject(), Optional.ofNullable(impactField));
    }
}
