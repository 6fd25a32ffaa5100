/**
 * Human approvals: a pending request bound to the hash of one exact call, decided once by an
 * operator and usable once by the agent before its deadline.
 */
package dev.warden.approval;
