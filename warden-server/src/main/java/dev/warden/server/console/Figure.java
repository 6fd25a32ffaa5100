package dev.warden.server.console;

/**
 * One figure of the overview.
 *
 * @param key   its {@code data-kpi} name
 * @param label what it is, for people
 * @param value its value with its unit, or {@code no data}
 */
public record Figure(String key, String label, String value) {
}
