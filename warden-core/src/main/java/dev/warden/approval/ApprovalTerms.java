package dev.warden.approval;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the policies asking for an approval say about it: how long it may stay open
 * ({@code @approval_ttl}) and which approver groups may approve it ({@code @approvers}).
 *
 * <p>Several policies combine ({@link #and}): the shortest deadline wins and the groups are
 * joined, so a member of any one of them may approve. No deadline means the configured default.
 *
 * @param ttl    how long the approval stays open, when a policy says so
 * @param groups approver groups, in the order first named, without repeats
 */
public record ApprovalTerms(Optional<Duration> ttl, List<String> groups) {
    /** The shortest deadline a policy may set. */
    public static final Duration MIN_TTL = Duration.ofSeconds(10);
    /** The longest deadline a policy may set. */
    public static final Duration MAX_TTL = Duration.ofDays(7);
    /** No deadline of its own, no group: the configured default, any approver in scope. */
    public static final ApprovalTerms NONE = new ApprovalTerms(Optional.empty(), List.of());

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([smhd]?)");

    /** Checks the deadline's bounds and copies the groups (repeats dropped). */
    public ApprovalTerms {
        Objects.requireNonNull(ttl, "ttl");
        ttl.ifPresent(t -> {
            if (t.compareTo(MIN_TTL) < 0 || t.compareTo(MAX_TTL) > 0) {
                throw new IllegalArgumentException("an approval deadline must be between 10s and 7d, was " + t);
            }
        });
        groups = List.copyOf(new LinkedHashSet<>(groups));
    }

    /** These terms combined with {@code other}'s: the shorter deadline, both groups. */
    public ApprovalTerms and(ApprovalTerms other) {
        if (other.equals(NONE)) {
            return this;
        }
        if (equals(NONE)) {
            return other;
        }
        Optional<Duration> shorter = ttl.isEmpty() ? other.ttl
                : other.ttl.isEmpty() ? ttl : Optional.of(ttl.get().compareTo(other.ttl.get()) <= 0 ? ttl.get() : other.ttl.get());
        List<String> both = new ArrayList<>(groups);
        both.addAll(other.groups);
        return new ApprovalTerms(shorter, both);
    }

    /**
     * Parses a duration as policies and queries write it: a whole number followed by {@code s},
     * {@code m}, {@code h} or {@code d} ({@code 90s}, {@code 30m}, {@code 2h}, {@code 1d}), or a
     * plain number of seconds.
     *
     * @throws IllegalArgumentException for anything else, the message saying what is expected
     */
    public static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a whole number with s, m, h or d (like 90s, 30m, 2h, 1d), got \""
                    + text + "\"");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /**
     * Parses an {@code @approval_ttl} value (a unit is required) and checks it is between {@link #MIN_TTL} and {@link #MAX_TTL}.
     *
     * @throws IllegalArgumentException naming the problem
     */
    public static Duration parseTtl(String text) {
        if (text == null || !text.trim().matches("\\d+[smhdSMHD]")) {
            throw new IllegalArgumentException("must be a whole number with s, m, h or d (like 90s, 30m, 2h, 1d), got \""
                    + text + "\"");
        }
        Duration d = parseDuration(text);
        if (d.compareTo(MIN_TTL) < 0 || d.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("must be between 10s and 7d, got \"" + text + "\"");
        }
        return d;
    }
}
