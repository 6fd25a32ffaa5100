/**
 * Citations of audit-log records in a document (an evidence dossier): each cited record with the
 * exact bytes hashed into the log and its inclusion proof against one signed checkpoint, and their
 * offline verification with the log's public keys.
 */
package dev.warden.audit.cite;
