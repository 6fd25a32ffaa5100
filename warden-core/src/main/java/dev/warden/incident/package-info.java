/**
 * Incidents and automatic responses (ATF ): the anomalies detectors hand over
 * ({@link dev.warden.behavior.AnomalySink}) are grouped per agent into incidents with a timeline,
 * the configured responses are applied (alert, throttle, re-verification, token revocation,
 * quarantine, demotion, kill), each audited with its trigger and undoable by an operator; and the
 * key performance indicators computed from the audit trail, alerts and incidents.
 */
package dev.warden.incident;
