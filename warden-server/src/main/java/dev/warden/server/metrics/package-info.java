/** Prometheus metrics of a Warden server ({@code GET /metrics}), counted from the audit trail. */
package dev.warden.server.metrics;
