/**
 * The audit trail: every decision, outcome, approval, identity event and policy load appended at
 * one choke point, durably (group commit), hash-chained over canonical JSON entries.
 */
package dev.warden.audit;
