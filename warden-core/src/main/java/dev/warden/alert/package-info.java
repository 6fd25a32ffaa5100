/**
 * Alerts that reach people: what fired, how urgent, for which agent, with the numbers and the
 * decisions behind it.
 */
package dev.warden.alert;
