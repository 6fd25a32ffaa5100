/** Outcomes of allowed actions: completed or failed, with a result digest. */
package dev.warden.outcome;
