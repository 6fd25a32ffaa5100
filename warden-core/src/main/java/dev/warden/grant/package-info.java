/**
 * Pre-approvals (just-in-time grants): an approver's scoped, time-boxed permission that turns the
 * matching calls of one agent that would need a human approval into allows. A grant never lifts a
 * deny; it only stands in for an approval. Every use is counted with the record of the decision
 * that uses it, which names the grant ({@code grant_id}).
 */
package dev.warden.grant;
