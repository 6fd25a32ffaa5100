/**
 * Warden's JSON without dependencies: canonical writing for hashing (audit entries, approval
 * fingerprints), the one number rule, and the one strict reader of stored JSON.
 */
package dev.warden.json;
