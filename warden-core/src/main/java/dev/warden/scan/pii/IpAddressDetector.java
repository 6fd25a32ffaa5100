package dev.warden.scan.pii;

import dev.warden.scan.ContentDetector;
import dev.warden.scan.DataClass;
import dev.warden.scan.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds IP addresses.
 * <ul>
 *   <li>IPv4: a dotted quad of decimal numbers 0-255 without leading zeros, not part of a longer
 *   dotted chain (an OID, {@code 1.2.3.4.5}) and not right after a version word ("version",
 *   "v", "release", "build", "firmware"...) or a numbering word ("section", "clause", "step",
 *   "§"...), where four numbers are a version or a heading number: score 1.0.</li>
 *   <li>IPv6: eight groups of one to four hex digits, or fewer with one {@code ::}, optionally
 *   ending in a dotted quad, with at least one digit (so {@code std::move} or a MAC address is
 *   not one): score 1.0.</li>
 * </ul>
 * Network blocks in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}) are ranges, not
 * addresses, and are not reported. A candidate is a maximal run of hex digits, {@code :} and
 * {@code .}; runs are disjoint, so the scan is linear.
 */
public final class IpAddressDetector implements ContentDetector {
    /** The detector id. */
    public static final String ID = "ip_address";
    private static final int MAX_RUN = 64;
    private static final String[] VERSION_WORDS = {"version", "ver", "v", "release", "build", "firmware", "fw", "kernel", "rev",
        "revision", "sdk", "api", "java", "python", "node", "chrome", "firefox", "ios", "android", "windows", "macos", "tag",
        "patch", "upgrade", "upgraded", "downgrade", "downgraded", "bump", "bumped", "versión", "versao", "versione", "section", "sec",
        "chapter", "clause", "paragraph", "para", "step", "item", "figure", "fig", "table", "rule", "article", "art", "appendix", "§"};

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public Set<DataClass> classes() {
        return Set.of(DataClass.IP);
    }

    @Override
    public List<Finding> scan(String text) {
        List<Finding> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        int dot = text.indexOf('.');
        int colon = text.indexOf(':');
        while (i < n) {
            // every address holds a '.' or a ':': jump to the start of the run holding the next one
            if (dot >= 0 && dot < i) {
                dot = text.indexOf('.', i);
            }
            if (colon >= 0 && colon < i) {
                colon = text.indexOf(':', i);
            }
            if (dot < 0 && colon < 0) {
                break;
            }
            int sep = dot < 0 ? colon : colon < 0 ? dot : Math.min(dot, colon);
            int r = sep;
            while (r > i && sep - r <= MAX_RUN && runChar(text.charAt(r - 1))) {
                r--;
            }
            i = r;
            char c = text.charAt(i);
            if (!(hex(c) || c == ':') || (i > 0 && glued(text.charAt(i - 1)))) {
                int e = i;
                while (e < n && e - i <= MAX_RUN && runChar(text.charAt(e))) {
                    e++;
                }
                Finding keyed = afterColon(text, i, e); // "ip:10.0.0.1", "host:203.0.113.7"
                if (keyed != null) {
                    out.add(keyed);
                }
                i = Math.max(e, i + 1);
                while (i < n && (runChar(text.charAt(i)) || glued(text.charAt(i)))) {
                    i++; // no address starts inside this run or word
                }
                continue;
            }
            int end = i;
            boolean digit = false;
            boolean separator = false;
            while (end < n && (hex(text.charAt(end)) || text.charAt(end) == ':' || text.charAt(end) == '.')) {
                digit |= text.charAt(end) <= '9' && text.charAt(end) >= '0';
                separator |= text.charAt(end) == ':' || text.charAt(end) == '.';
                end++;
            }
            int stop = end;
            while (stop > i && (text.charAt(stop - 1) == '.' || (text.charAt(stop - 1) == ':' && !(stop - 2 >= i && text.charAt(stop - 2) == ':')))) {
                stop--; // a sentence full stop or a trailing colon ("host 10.0.0.1:")
            }
            boolean glue = end < n && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_'
                    || (text.charAt(end) == '/' && end + 1 < n && text.charAt(end + 1) >= '0' && text.charAt(end + 1) <= '9'));
            if (digit && separator && !glue && stop - i <= MAX_RUN && stop > i) {
                Finding f = candidate(text, i, stop);
                if (f != null) {
                    out.add(f);
                }
            }
            i = end;
            while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                i++; // the rest of a glued word
            }
        }
        return out;
    }

    private static Finding candidate(String text, int start, int end) {
        String run = text.substring(start, end);
        if (run.indexOf(':') < 0) {
            return ipv4(run) && !versionBefore(text, start) ? new Finding(DataClass.IP, ID, start, end, 1.0) : null;
        }
        // host:port forms of IPv4 ("10.0.0.1:8080") report the address only
        int colon = run.indexOf(':');
        if (run.indexOf(':', colon + 1) < 0 && ipv4(run.substring(0, colon))) {
            return versionBefore(text, start) ? null : new Finding(DataClass.IP, ID, start, start + colon, 1.0);
        }
        return ipv6(run) ? new Finding(DataClass.IP, ID, start, end, 1.0) : afterColon(text, start, end);
    }

    /**
     * The IPv4 address ending a run after its last {@code :} ({@code ip:10.0.0.1}), when nothing
     * glues on after it; else null.
     */
    private static Finding afterColon(String text, int start, int end) {
        int stop = end;
        while (stop > start && text.charAt(stop - 1) == '.') {
            stop--;
        }
        int colon = stop - 1;
        while (colon >= start && text.charAt(colon) != ':') {
            colon--; // only within the run: a search past its start would make the scan quadratic
        }
        if (colon < start || stop - colon - 1 < 7 || (end < text.length() && glued(text.charAt(end)) && text.charAt(end) != '.'
                && text.charAt(end) != ':')) {
            return null;
        }
        return ipv4(text.substring(colon + 1, stop)) ? new Finding(DataClass.IP, ID, colon + 1, stop, 1.0) : null;
    }

    /** Whether {@code s} is exactly a dotted quad with each part 0-255 and no leading zero. */
    static boolean ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
                return false;
            }
            for (int k = 0; k < p.length(); k++) {
                if (p.charAt(k) < '0' || p.charAt(k) > '9') {
                    return false;
                }
            }
            if (Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s} is an IPv6 address (RFC 4291 text forms, no zone). */
    static boolean ipv6(String s) {
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return false;
        }
        String tail4 = null;
        int lastColon = s.lastIndexOf(':');
        String body = s;
        if (s.indexOf('.') >= 0) {
            tail4 = s.substring(lastColon + 1);
            if (!ipv4(tail4)) {
                return false;
            }
            body = s.substring(0, lastColon + 1) + "0:0"; // the quad stands for two groups
        }
        boolean digit = false;
        for (int k = 0; k < s.length(); k++) {
            digit |= s.charAt(k) >= '0' && s.charAt(k) <= '9';
        }
        if (!digit) {
            return false;
        }
        int groups = 0;
        String[] halves = dbl >= 0 ? new String[] {body.substring(0, body.indexOf("::")), body.substring(body.indexOf("::") + 2)}
                : new String[] {body};
        for (String h : halves) {
            if (h.isEmpty()) {
                continue;
            }
            for (String g : h.split(":", -1)) {
                if (g.isEmpty() || g.length() > 4) {
                    return false;
                }
                for (int k = 0; k < g.length(); k++) {
                    if (!hex(g.charAt(k))) {
                        return false;
                    }
                }
                groups++;
            }
        }
        if (dbl >= 0) {
            return groups <= 7 && (groups >= 2 || s.equals("::1") || s.startsWith("::ffff:") || s.endsWith("::"));
        }
        return groups == 8;
    }

    private static boolean versionBefore(String text, int start) {
        int[] w = wordBefore(text, start);
        String word = text.substring(w[0], w[1]).toLowerCase(Locale.ROOT);
        if (word.equals("to") || word.equals("from") || word.equals("of") || word.equals("is") || word.equals("at")) {
            int[] w2 = wordBefore(text, w[0]);
            word = text.substring(w2[0], w2[1]).toLowerCase(Locale.ROOT);
        }
        for (String v : VERSION_WORDS) {
            if (word.equals(v)) {
                return true;
            }
        }
        return false;
    }

    /** The [start, end) of the word (at most 12 letters) before {@code start}, skipping blanks and {@code : = " '}. */
    private static int[] wordBefore(String text, int start) {
        int k = start;
        while (k > 0 && start - k < 8 && " :=\"'".indexOf(text.charAt(k - 1)) >= 0) {
            k--;
        }
        int w = k;
        while (w > 0 && k - w < 12 && (Character.isLetter(text.charAt(w - 1)) || text.charAt(w - 1) == '§')) {
            w--;
        }
        return new int[] {w, k};
    }

    /** A char that, right before a candidate, makes it part of a longer token. */
    private static boolean glued(char p) {
        if (p < 128) {
            return (p >= 'a' && p <= 'z') || (p >= 'A' && p <= 'Z') || (p >= '0' && p <= '9') || p == '_' || p == '.' || p == ':' || p == '-';
        }
        return Character.isLetterOrDigit(p);
    }

    private static boolean runChar(char c) {
        return hex(c) || c == ':' || c == '.';
    }

    private static boolean hex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
