package dev.warden.server.console;

import java.util.List;
import java.util.Optional;

/**
 * The audit explorer: the search form and one page of entries, newest first.
 *
 * @param chrome    the frame
 * @param filter    the filters as sent (the form shows them again)
 * @param decisions the decision values the form offers
 * @param rows      the page's entries
 * @param olderUrl  the link to the next, older page; empty on the last
 * @param exhausted the page is short because the search read as many entries as a page may; the older link goes on
 * @param newestUrl the link to the newest page with the same filters
 */
public record AuditListView(Chrome chrome, AuditFilter filter, List<String> decisions, List<AuditRow> rows,
                            Optional<String> olderUrl, boolean exhausted, String newestUrl) {
}
