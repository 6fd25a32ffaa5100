/**
 * The RFC 9162 Merkle tree over the audit log: hashing, the compact range used to append and to
 * verify while streaming, proofs computed from the hashes a store keeps ({@link
 * dev.warden.audit.merkle.TreeLayout}), and proof verification.
 */
package dev.warden.audit.merkle;
