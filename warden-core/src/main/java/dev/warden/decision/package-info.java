/** The decision point: requests, decisions (allow, deny, approval required), reasons and guards. */
package dev.warden.decision;
