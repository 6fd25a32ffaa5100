/**
 * Information flow (ATF D-5): the data labels each session carries from what it read
 * ({@link dev.warden.flow.SessionLabels}), added when an allowed call's tool declares
 * {@code produces: [...]} in the catalog ({@link dev.warden.flow.FlowGuard}) or when an output
 * was flagged or came from outside (the MCP gateway's output hook, content scanners), each change a
 * durable {@code session.labeled} audit record; and the labels handed to the policy engine as
 * {@code context.session.labels}, so information-flow rules are ordinary Cedar policies.
 */
package dev.warden.flow;
