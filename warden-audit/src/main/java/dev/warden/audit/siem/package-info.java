/** Delivery of audit records to SIEMs: an HTTP webhook sink and a continuous forwarder. */
package dev.warden.audit.siem;
