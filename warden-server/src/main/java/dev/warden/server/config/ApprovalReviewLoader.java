package dev.warden.server.config;

import dev.warden.approval.ReviewSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The approval review settings of {@code warden.yaml}: rubber-stamp resistance
 * ({@code approvals.review}) and the server's public URL ({@code http.public_url}), which the
 * links in approval notifications start with. Without them, {@link ReviewSettings#DEFAULTS} and the
 * address the server listens on.
 *
 * <pre>
 * approvals:
 *   review:
 *     min_decision_seconds: 10       # approving faster than this after the approval opened alerts (0: off)
 *     bulk: {count: 20, window: 10m}  # more than count approvals by one operator in window alerts (count 0: off)
 *     notify_per_agent_per_minute: 20 # requests of one agent notified one by one a minute; beyond, one folded notice
 * http:
 *   public_url: https://warden.example.com
 * </pre>
 */
public final class ApprovalReviewLoader {
    private static final Set<String> KEYS = Set.of("min_decision_seconds", "bulk", "notify_per_agent_per_minute");
    private static final Set<String> BULK_KEYS = Set.of("count", "window");

    /**
     * What was read.
     *
     * @param settings  the rubber-stamp checks
     * @param publicUrl the server's public base URL, when configured
     */
    public record Loaded(ReviewSettings settings, Optional<String> publicUrl) {
    }

    private ApprovalReviewLoader() {
    }

    /**
     * Reads {@code <configDir>/warden.yaml}.
     *
     * @throws ConfigException naming the line of a bad value
     */
    public static Loaded load(Path configDir) {
        YamlNode root = YamlNode.parse(configDir.resolve("warden.yaml"));
        ReviewSettings settings = root.get("approvals").flatMap(a -> a.get("review"))
                .map(ApprovalReviewLoader::review).orElse(ReviewSettings.DEFAULTS);
        Optional<String> url = root.get("http").flatMap(h -> h.get("public_url")).map(ApprovalReviewLoader::url);
        return new Loaded(settings, url);
    }

    private static ReviewSettings review(YamlNode review) {
        review.allowOnly(KEYS);
        ReviewSettings d = ReviewSettings.DEFAULTS;
        Duration floor = review.get("min_decision_seconds").map(n -> Duration.ofSeconds(n.integer(0, 3600)))
                .orElse(d.minDecision());
        int count = d.bulkCount();
        Duration window = d.bulkWindow();
        Optional<YamlNode> bulk = review.get("bulk");
        if (bulk.isPresent()) {
            bulk.get().allowOnly(BULK_KEYS);
            count = bulk.get().get("count").map(n -> (int) n.integer(0, 100_000)).orElse(count);
            window = bulk.get().get("window").map(ApprovalReviewLoader::window).orElse(window);
        }
        int notices = review.get("notify_per_agent_per_minute").map(n -> (int) n.integer(0, 100_000))
                .orElse(d.notifyPerAgentPerMinute());
        return new ReviewSettings(floor, count, window, notices);
    }

    /** A window: a count and s, m or h ({@code 10m}), from 1 s to 24 h. */
    private static Duration window(YamlNode n) {
        String t = n.string().trim();
        if (!t.matches("[1-9][0-9]{0,5}[smh]")) {
            throw n.error("must be a count and s, m or h, e.g. 10m");
        }
        long v = Long.parseLong(t.substring(0, t.length() - 1));
        Duration d = switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(v);
            case 'm' -> Duration.ofMinutes(v);
            default -> Duration.ofHours(v);
        };
        if (d.compareTo(Duration.ofHours(24)) > 0) {
            throw n.error("must be at most 24h");
        }
        return d;
    }

    private static String url(YamlNode n) {
        String t = n.string().trim();
        try {
            URI u = new URI(t);
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null
                    || u.getRawQuery() != null || u.getRawFragment() != null) {
                throw n.error("must be an http or https URL without query or fragment, e.g. https://warden.example.com");
            }
        } catch (java.net.URISyntaxException e) {
            throw n.error("must be an http or https URL, e.g. https://warden.example.com");
        }
        return t.endsWith("/") ? t.substring(0, t.length() - 1) : t;
    }
}
