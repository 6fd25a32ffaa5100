/**
 * Demotion records (ATF maturity model §4.2, "demotion process"): every lowering of an agent's
 * level opens a record whose steps are written as they happen: trigger, isolation, root cause, new
 * level, controls at the new level, reactivation. A record stays open until an operator reactivates
 * the agent after recording the root cause, or the demotion is undone; while one is open the
 * incident-record promotion gate fails.
 */
package dev.warden.demotion;
