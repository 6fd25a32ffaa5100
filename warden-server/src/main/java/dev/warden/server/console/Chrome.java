package dev.warden.server.console;

import java.util.Map;
import java.util.Optional;

/**
 * What every console page's frame shows.
 *
 * @param assets   the hashed URL of each shipped asset by its plain name ({@code console.css})
 * @param operator the signed-in operator (empty: no header, no navigation)
 * @param csrf     the session's CSRF token, for the forms on the page
 */
public record Chrome(Map<String, String> assets, Optional<String> operator, String csrf) {
    /** Copies. */
    public Chrome {
        assets = Map.copyOf(assets);
    }

    /** The hashed URL of a shipped asset, e.g. {@code url("htmx.min.js")}. */
    public String url(String name) {
        String u = assets.get(name);
        if (u == null) {
            throw new IllegalArgumentException("no console asset " + name);
        }
        return u;
    }

    /** The stylesheet's hashed URL. */
    public String css() {
        return url("console.css");
    }
}
