/**
 * The prompt-injection detector: text that tries to steer an AI agent that reads it. Signals of
 * several families (instruction override, role impersonation, jailbreak personas, addressing the
 * AI, hidden text, encoded payloads, tool-call look-alikes, exfiltration, concealment, steering of
 * the reader's answer) are found on the folded text, by phrase rules and by a structural pass that
 * reads addressee, imperative clauses and their objects; discounted when quoted or discussed, and
 * combined per document.
 */
package dev.warden.scan.injection;
