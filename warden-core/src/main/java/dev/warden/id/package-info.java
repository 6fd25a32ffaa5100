/** Identifier generation with injected randomness. */
package dev.warden.id;
