package dev.warden.server.console;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OIDC sign-ins the console has sent to the identity provider and not yet seen come back, in
 * memory: each is used once and expires after {@link #TTL}. The {@code state} that names one and the
 * browser binding (a cookie of its own) are 256 random bits each; so are the nonce and the PKCE
 * verifier.
 */
public final class PendingOidcLogins {
    /** How long a sign-in may take at the identity provider. */
    public static final Duration TTL = Duration.ofMinutes(10);
    /** Pending sign-ins held at most; beyond, the oldest are dropped. */
    static final int MAX = 10_000;

    private final Map<String, Pending> byState = new ConcurrentHashMap<>();
    private final Clock clock;
    private final SecureRandom random;

    /**
     * One sign-in under way.
     *
     * @param state        names it in the authorization request and the callback
     * @param binding      the value of the browser's {@code warden_oidc} cookie: the callback must come from that browser
     * @param nonce        what the ID token's {@code nonce} claim must be
     * @param codeVerifier the PKCE verifier whose S256 challenge went to the identity provider
     * @param preSession   the pre-sign-in console session it started from (ended at sign-in)
     * @param redirectUri  the callback address sent (sent again when the code is redeemed)
     * @param createdAt    when it started
     */
    public record Pending(String state, String binding, String nonce, String codeVerifier, Optional<String> preSession,
                          URI redirectUri, Instant createdAt) {
        /** Checks the parts. */
        public Pending {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(binding, "binding");
            Objects.requireNonNull(nonce, "nonce");
            Objects.requireNonNull(codeVerifier, "codeVerifier");
            Objects.requireNonNull(preSession, "preSession");
            Objects.requireNonNull(redirectUri, "redirectUri");
        }

        /** The PKCE challenge: base64url(SHA-256(verifier)). */
        public String codeChallenge() {
            try {
                byte[] h = MessageDigest.getInstance("SHA-256").digest(codeVerifier.getBytes(StandardCharsets.US_ASCII));
                return Base64.getUrlEncoder().withoutPadding().encodeToString(h);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Never shows the secrets. */
        @Override
        public String toString() {
            return "Pending[createdAt=" + createdAt + "]";
        }
    }

    /** Sign-ins timed by {@code clock}, secrets drawn from {@code random}. */
    public PendingOidcLogins(Clock clock, SecureRandom random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Starts a sign-in from {@code preSession}, to come back to {@code redirectUri}. */
    public Pending start(Optional<String> preSession, URI redirectUri) {
        Instant now = clock.instant();
        if (byState.size() >= MAX) {
            byState.values().removeIf(p -> expired(p, now));
            while (byState.size() >= MAX) {
                byState.values().stream().min(Comparator.comparing(Pending::createdAt))
                        .ifPresent(p -> byState.remove(p.state()));
            }
        }
        Pending p = new Pending(secret(), secret(), secret(), secret(), preSession, redirectUri, now);
        byState.put(p.state(), p);
        return p;
    }

    /**
     * Takes the sign-in named by {@code state} (it cannot be taken again), if it is live and was
     * started in the browser holding {@code binding}.
     */
    public Optional<Pending> take(String state, String binding) {
        if (state == null || state.isEmpty()) {
            return Optional.empty();
        }
        Pending p = byState.remove(state);
        if (p == null || expired(p, clock.instant()) || binding == null
                || !MessageDigest.isEqual(p.binding().getBytes(StandardCharsets.UTF_8), binding.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.of(p);
    }

    /** How many are held (live or not yet purged). */
    int size() {
        return byState.size();
    }

    private static boolean expired(Pending p, Instant now) {
        return !now.isBefore(p.createdAt().plus(TTL));
    }

    private String secret() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
