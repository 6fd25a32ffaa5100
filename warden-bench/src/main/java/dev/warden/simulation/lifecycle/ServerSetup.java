package dev.warden.simulation.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The configuration directory of the simulated organisation: a customer-support agent's tools
 * (each with an input schema, financial ones with an impact field, every tool that changes
 * something with its compensation), its policies, and a warden.yaml that puts in force every
 * control the ATF requires up to Principal (limits and budgets, data governance, behaviour
 * monitoring, automatic demotion) and names the operators of each sign-off role.
 */
public final class ServerSetup {
    /** The project of the agent. */
    public static final String PROJECT = "support";
    /** Its environment. */
    public static final String ENVIRONMENT = "prod";

    private ServerSetup() {
    }

    /** Writes warden.yaml, tools.yaml and policies/ into {@code dir}; {@code signOffRoles} adds {@code maturity.sign_off_roles}. */
    public static Path write(Path dir, LifecycleConfig config, boolean signOffRoles) throws IOException {
        Files.createDirectories(dir.resolve("policies"));
        Files.writeString(dir.resolve("warden.yaml"), wardenYaml(config, signOffRoles));
        Files.writeString(dir.resolve("tools.yaml"), TOOLS);
        Files.writeString(dir.resolve("policies").resolve("support.cedar"), POLICIES);
        Files.writeString(dir.resolve("policies").resolve("flow.cedar"), FLOW);
        return dir;
    }

    static String wardenYaml(LifecycleConfig config, boolean signOffRoles) {
        StringBuilder y = new StringBuilder("""
                # The lifecycle simulation's organisation (written by ServerSetup).
                trust_domain: lifecycle.sim
                projects:
                  support: [prod]
                tokens:
                  ttl_seconds: 300
                approvals:
                  ttl_seconds: 3600
                audit:
                  durability: process_crash
                limits:
                  defaults:
                    rate_per_tool: 60/minute
                  tools:
                    payment.refund:
                      max_impact: {junior: 100, senior: 250, principal: 500}
                  budgets:
                    refunds_daily: {tool: payment.refund, measure: impact, max: 3000, per: day}
                data:
                  classes:
                    secret: mask
                    injection: detect
                behavior:
                """);
        y.append("  learning: {days: ").append(config.learningDays()).append(", operations: ")
                .append(config.learningOperations()).append("}\n");
        y.append("""
                responses:
                  detectors:
                    enumeration: {critical: [revoke_sessions, alert]}
                maturity:
                  demotion: {critical_incident: intern, minor_incidents: 3, evaluation_days: 30, on_identity_change: review}
                """);
        y.append(config.gates());
        if (signOffRoles) {
            y.append("""
                      sign_off_roles:
                        technical_owner: [tom]
                        business_owner: [bella]
                        security: [sam]
                        risk_committee: [rita]
                        stakeholder: [stella]
                    """);
        }
        return y.toString();
    }

    private static final String TOOLS = """
            tools:
              - name: crm.read
                description: Read a customer record.
                effects: [read]
                risk: low
                input_schema:
                  type: object
                  properties: {id: {type: string, pattern: "^customer:c[0-9]{5}$"}}
                  required: [id]
                  additionalProperties: false
              - name: crm.search
                description: Search customers.
                effects: [read]
                risk: low
                input_schema:
                  type: object
                  properties: {query: {type: string, maxLength: 200}}
                  required: [query]
                  additionalProperties: false
              - name: invoice.read
                description: Read an invoice.
                effects: [read]
                risk: low
                input_schema:
                  type: object
                  properties: {id: {type: string, pattern: "^invoice:i[0-9]{5}$"}}
                  required: [id]
                  additionalProperties: false
              - name: crm.update
                description: Update a field of a customer record.
                effects: [write]
                risk: medium
                input_schema:
                  type: object
                  properties:
                    id: {type: string, pattern: "^customer:c[0-9]{5}$"}
                    field: {type: string, enum: [email, phone, address, note]}
                    value: {type: string, maxLength: 500}
                  required: [id, field, value]
                  additionalProperties: false
                compensate_with: {tool: crm.restore, args: {id: id, field: field}}
              - name: crm.restore
                description: Put back the previous value of a customer field (compensation).
                effects: [write]
                risk: medium
                input_schema:
                  type: object
                  properties:
                    id: {type: string}
                    field: {type: string, enum: [email, phone, address, note]}
                  required: [id, field]
                  additionalProperties: false
              - name: ticket.create
                description: Open a support ticket for a customer.
                effects: [write]
                risk: low
                input_schema:
                  type: object
                  properties:
                    customer: {type: string, pattern: "^customer:c[0-9]{5}$"}
                    subject: {type: string, maxLength: 200}
                  required: [customer, subject]
                  additionalProperties: false
                compensate_with: {tool: ticket.cancel, args: {customer: customer, subject: subject}}
              - name: ticket.cancel
                description: Cancel a ticket opened in error (compensation).
                effects: [write]
                risk: low
                input_schema:
                  type: object
                  properties: {customer: {type: string}, subject: {type: string, maxLength: 200}}
                  required: [customer, subject]
                  additionalProperties: false
              - name: payment.refund
                description: Refund (part of) an invoice.
                effects: [financial, write]
                risk: medium
                impact_field: amount
                input_schema:
                  type: object
                  properties:
                    invoice: {type: string, pattern: "^invoice:i[0-9]{5}$"}
                    amount: {type: number, exclusiveMinimum: 0}
                    currency: {type: string, enum: [EUR]}
                  required: [invoice, amount, currency]
                  additionalProperties: false
                compensate_with:
                  tool: payment.charge_back
                  args: {invoice: invoice, amount: amount, currency: currency, reason: {value: rollback}}
              - name: payment.charge_back
                description: Take back a refund made in error (compensation).
                effects: [financial, write]
                risk: medium
                impact_field: amount
                input_schema:
                  type: object
                  properties:
                    invoice: {type: string}
                    amount: {type: number, exclusiveMinimum: 0}
                    currency: {type: string, enum: [EUR]}
                    reason: {type: string, maxLength: 200}
                  required: [invoice, amount, reason]
                  additionalProperties: false
              - name: report.export
                description: Export customer records in bulk.
                effects: [read]
                risk: high
                input_schema:
                  type: object
                  properties: {scope: {type: string}, destination: {type: string}}
                  required: [scope]
                  additionalProperties: false
              - name: records.delete
                description: Delete a customer record.
                effects: [destructive]
                risk: high
                input_schema:
                  type: object
                  properties: {id: {type: string, pattern: "^customer:c[0-9]{5}$"}}
                  required: [id]
                  additionalProperties: false
                compensate_with: {tool: records.restore, args: {id: id}}
              - name: records.restore
                description: Restore a deleted customer record from the archive (compensation).
                effects: [write]
                risk: high
                input_schema:
                  type: object
                  properties: {id: {type: string}}
                  required: [id]
                  additionalProperties: false
            """;

    private static final String POLICIES = """
            // The support agent: reads, record updates and tickets; refunds under 100 EUR once a human approves each.
            @id("support-reads")
            permit(principal == Agent::"support-agent",
                   action in [Action::"crm.read", Action::"crm.search", Action::"invoice.read"], resource);

            @id("support-updates")
            permit(principal == Agent::"support-agent", action in [Action::"crm.update", Action::"ticket.create"], resource);

            @id("support-refunds")
            @approval("required")
            permit(principal == Agent::"support-agent", action == Action::"payment.refund", resource)
            when { context.args.amount.lessThan(decimal("100.00")) };

            // No agent exports customer data in bulk or deletes records.
            @id("no-bulk-export")
            forbid(principal, action == Action::"report.export", resource);

            @id("no-agent-deletes")
            forbid(principal, action == Action::"records.delete", resource);
            """;

    private static final String FLOW = """
            // A session that read untrusted content neither destroys nor spends without a human approving it.
            @id("flow-untrusted-no-harm")
            @approval("required")
            forbid(principal, action in [Action::"effect:destructive", Action::"effect:financial"], resource)
            when { context.session.labels.contains("untrusted") };
            """;
}
