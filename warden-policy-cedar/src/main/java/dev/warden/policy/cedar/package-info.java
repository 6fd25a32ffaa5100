/**
 * The stock policy engine: Cedar policies evaluated through cedar-java.
 *
 * <p>{@link dev.warden.policy.cedar.CedarPolicyEngine} is the only public type; its class
 * documentation is the contract policy authors write against (entity types, attributes, action
 * groups, context, annotations). Everything else in this package is an implementation detail.
 */
package dev.warden.policy.cedar;
