/**
 * Checkpoints in the C2SP signed-note format: Ed25519 signer and verifier keys
 * (golang.org/x/mod/sumdb/note encodings), signed notes and the tlog-checkpoint body.
 */
package dev.warden.audit.note;
