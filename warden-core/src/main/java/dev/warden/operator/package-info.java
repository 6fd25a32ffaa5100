/**
 * Operators: the named humans who run Warden, their roles ({@code admin}, {@code approver},
 * {@code auditor}, {@code owner}), how they sign in (password, short-lived operator token, API
 * key), and the separation of duties their approvals obey. Every change of an operator is audited
 * without its password or key.
 */
package dev.warden.operator;
