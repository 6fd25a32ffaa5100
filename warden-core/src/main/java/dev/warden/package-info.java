/**
 * Warden core: the decision point, agent registry, tool catalog, approvals and audit trail,
 * usable in-process (see {@link dev.warden.Warden}) or behind the HTTP server.
 *
 * <p>This module depends on the JDK only. Storage, policy engines and transports are plugged in
 * through the SPIs of each feature package ({@code *Store}, {@link dev.warden.policy.PolicyEngine}).
 */
package dev.warden;
