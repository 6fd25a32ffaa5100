package dev.warden.server.console;

import java.util.List;

/**
 * The overview page.
 *
 * @param chrome  the frame
 * @param levels  agents by maturity level
 * @param states  agents by status
 * @param work    open incidents and pending approvals
 * @param kpis    the KPIs of the last 24 hours
 * @param kpiNote when the KPIs were computed, for people
 * @param live    figures the page updates while it is open (decisions per minute)
 */
public record OverviewView(Chrome chrome, List<Figure> levels, List<Figure> states, List<Figure> work, List<Figure> kpis,
                           String kpiNote, List<Figure> live) {
}
