/**
 * Continuous behaviour verification: metrics and baselines per agent, detectors, anomalies,
 * incidents and the automatic responses to them.
 */
package dev.warden.behavior;
