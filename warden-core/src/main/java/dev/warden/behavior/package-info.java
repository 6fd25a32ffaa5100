/**
 * Continuous behaviour verification: metrics and baselines per agent, detectors and anomalies.
 * Detectors hand each recorded anomaly to an {@link dev.warden.behavior.AnomalySink}; Warden's is
 * the incident service ({@link dev.warden.incident.IncidentService}), which groups anomalies into
 * incidents and applies the automatic responses.
 */
package dev.warden.behavior;
