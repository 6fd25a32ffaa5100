/**
 * Detectors of secrets: API keys with a known prefix, JSON Web Tokens, PEM private key blocks,
 * credentials assigned to password-, secret-, token- or key-named fields (including
 * {@code Authorization} headers and passwords in URLs), and high-entropy values assigned to other
 * fields. Hand-written scanners, linear in the text.
 */
package dev.warden.scan.secret;
