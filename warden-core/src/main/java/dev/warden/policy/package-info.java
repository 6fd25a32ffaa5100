/** The policy engine SPI (Cedar is the stock engine, in module warden-policy-cedar). */
package dev.warden.policy;
