/**
 * The verifiable log around the audit store: the store SPIs ({@link dev.warden.audit.log.TreeAuditStore},
 * {@link dev.warden.audit.log.CheckpointStore}, {@link dev.warden.audit.log.RetentionStore}), the
 * batch integration of the tree, checkpoint publication, the log key file, and startup validation.
 */
package dev.warden.audit.log;
