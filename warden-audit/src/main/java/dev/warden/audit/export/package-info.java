/**
 * Exports of the audit log and their offline verification: Warden's verifiable JSON Lines
 * ({@link dev.warden.audit.export.ExportLines}), OCSF API Activity events for SIEMs, and the
 * streaming verifier behind {@code warden audit verify}.
 */
package dev.warden.audit.export;
