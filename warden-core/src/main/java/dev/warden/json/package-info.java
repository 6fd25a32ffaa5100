/** Canonical JSON writing for hashing (audit entries, approval fingerprints). */
package dev.warden.json;
