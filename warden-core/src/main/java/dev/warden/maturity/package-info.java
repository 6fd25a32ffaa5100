/**
 * The maturity lifecycle: evidence of how an agent would fare at the level above its own (shadow
 * mode), and promotion gates 1 (performance) and 4 (incident record) computed with their numbers,
 * read from the audit trail and the incident store.
 */
package dev.warden.maturity;
