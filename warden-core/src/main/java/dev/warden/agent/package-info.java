/** The agent registry: identities, owners, maturity levels, status and keys. */
package dev.warden.agent;
