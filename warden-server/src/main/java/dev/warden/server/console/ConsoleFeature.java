package dev.warden.server.console;

import io.javalin.config.RoutesConfig;

/**
 * One part of the console (approvals, an agent's page, incidents, the audit explorer, the live
 * feed): registers its routes under {@code /console/} through the guard, which signs requests in,
 * checks CSRF tokens and turns failures into HTML error pages.
 */
@FunctionalInterface
public interface ConsoleFeature {
    /** Adds this part's routes. */
    void register(RoutesConfig routes, ConsoleGuard guard);
}
