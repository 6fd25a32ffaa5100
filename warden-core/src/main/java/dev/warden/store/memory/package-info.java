/** In-memory implementations of every store SPI, for tests and embedded use without persistence. */
package dev.warden.store.memory;
