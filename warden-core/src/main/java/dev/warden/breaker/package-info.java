/**
 * Circuit breakers (ATF R-1): per agent and tool, and per MCP upstream. Failed outcomes and
 * upstream errors open a breaker once the failure rate over a window crosses its threshold; while
 * it is open, calls are denied {@code circuit_open} with the time until a few probe calls are let
 * through again (half-open). Every transition is audited; an operator can reset a breaker.
 */
package dev.warden.breaker;
