/**
 * The maturity lifecycle: evidence of how an agent would fare at the level above its own (shadow
 * mode), read from the audit trail.
 */
package dev.warden.maturity;
