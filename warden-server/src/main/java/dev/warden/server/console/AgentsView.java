package dev.warden.server.console;

import java.util.List;
import java.util.Optional;

/**
 * The agents page: one page of the agents this operator may see that pass the filter.
 *
 * @param chrome   the frame
 * @param agents   the rows of this page, by name
 * @param filter   the filter in force (echoed in the form)
 * @param page     this page, from 1
 * @param pages    how many pages the matching agents fill (at least 1)
 * @param matching how many agents the operator may see pass the filter
 * @param levels   the level names the form offers
 * @param statuses the status names the form offers
 */
public record AgentsView(Chrome chrome, List<Row> agents, AgentsFilter filter, int page, int pages, int matching,
                         List<String> levels, List<String> statuses) {
    /** Agents per page. */
    public static final int PAGE_SIZE = 100;

    /** Copies. */
    public AgentsView {
        agents = List.copyOf(agents);
        levels = List.copyOf(levels);
        statuses = List.copyOf(statuses);
    }

    /** One agent as the table shows it. */
    public record Row(String name, String level, String basis, String status, String owner, String project, String purpose) {
    }

    /** The link to the previous page, if there is one. */
    public Optional<String> previous() {
        return page > 1 ? Optional.of(link(page - 1)) : Optional.empty();
    }

    /** The link to the next page, if there is one. */
    public Optional<String> next() {
        return page < pages ? Optional.of(link(page + 1)) : Optional.empty();
    }

    /** The link to the last page. */
    public String last() {
        return link(pages);
    }

    /** The link to the first page. */
    public String first() {
        return link(1);
    }

    private String link(int p) {
        String q = filter.query(p);
        return "/console/agents" + (q.isEmpty() ? "" : "?" + q);
    }
}
