/**
 * The maturity lifecycle: evidence of how an agent would fare at the level above its own (shadow
 * mode), read from the audit trail; the controls each level requires ({@link dev.warden.maturity.Control}),
 * checked for an agent from the live configuration ({@link dev.warden.maturity.ControlsInForce}); and
 * promotion gates 1 (performance) and 4 (incident record) computed with their numbers, read from the
 * audit trail and the incident store.
 */
package dev.warden.maturity;
