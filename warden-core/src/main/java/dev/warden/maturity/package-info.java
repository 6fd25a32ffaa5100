/**
 * The maturity lifecycle: evidence of how an agent would fare at the level above its own (shadow
 * mode), read from the audit trail; and the controls each level requires ({@link dev.warden.maturity.Control}),
 * checked for an agent from the live configuration ({@link dev.warden.maturity.ControlsInForce}).
 */
package dev.warden.maturity;
