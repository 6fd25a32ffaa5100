/**
 * Detectors of personal data: e-mail addresses, telephone numbers, payment card numbers, IBANs,
 * national identity numbers and IP addresses. Each is a hand-written scanner that visits every
 * char a bounded number of times, validates what it finds (checksums, ranges, grouping) and
 * reports 1.0 for a validated match and less where only the shape and context speak for it.
 */
package dev.warden.scan.pii;
