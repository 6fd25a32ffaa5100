package dev.warden.agent;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import java.util.regex.Pattern;

/**
 * The immutable, globally unique identifier of an agent: {@code spiffe://<trust-domain>/agent/<name>}.
 *
 * @param trustDomain the SPIFFE trust domain, e.g. {@code warden.local}
 * @param name        the agent's unique name within the trust domain
 */
public record AgentId(String trustDomain, String name) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,253}[a-z0-9])?");
    private static final String PREFIX = "spiffe://";

    /** Validates both parts. */
    public AgentId {
        requireName(name);
        if (trustDomain == null || !DOMAIN.matcher(trustDomain).matches()) {
            throw new WardenException(ErrorCode.INVALID_FIELD,
                    "trust_domain must be lower-case letters, digits, dots and dashes, got: " + trustDomain);
        }
    }

    /**
     * Checks that {@code name} is a valid agent name: 1-63 characters of {@code a-z 0-9 . _ -},
     * starting with a letter or digit.
     *
     * @throws WardenException with {@link ErrorCode#INVALID_FIELD} naming the field {@code name}
     */
    public static String requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new WardenException(ErrorCode.INVALID_FIELD,
                    "name must be 1-63 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit");
        }
        return name;
    }

    /**
     * Parses the SPIFFE form.
     *
     * @throws WardenException if the text is not of the form {@code spiffe://<domain>/agent/<name>}
     */
    public static AgentId parse(String uri) {
        if (uri != null && uri.startsWith(PREFIX)) {
            String rest = uri.substring(PREFIX.length());
            int slash = rest.indexOf("/agent/");
            if (slash > 0) {
                return new AgentId(rest.substring(0, slash), rest.substring(slash + "/agent/".length()));
            }
        }
        throw new WardenException(ErrorCode.INVALID_FIELD, "not an agent id (spiffe://<domain>/agent/<name>): " + uri);
    }

    /** The SPIFFE URI form. */
    @Override
    public String toString() {
        return PREFIX + trustDomain + "/agent/" + name;
    }
}
