package dev.warden.scan.secret;

import dev.warden.scan.ContentDetector;
import dev.warden.scan.DataClass;
import dev.warden.scan.Finding;
import dev.warden.scan.text.ScannedText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds random-looking values assigned to keys ({@code key=value}, JSON, YAML, headers): a value of
 * {@value #MIN_LENGTH} to {@value #MAX_LENGTH} chars from the base64 / base64url alphabet holding
 * upper- and lower-case letters and digits whose Shannon entropy, divided by the most its length
 * allows ({@code log2(min(length, 64))}), is at least {@link #THRESHOLD}. Values of keys that
 * name public random data (ids, hashes, checksums, commits, nonces, trace ids, cursors, images)
 * are skipped, as are hex-only strings (hashes, git SHAs) and UUIDs. A free-standing random token
 * of at least {@value #MIN_PROSE_LENGTH} chars also counts when a credential word ("secret",
 * "key", "token", "password", "credential") stands in the {@value #WINDOW} chars before it
 * ({@code access key AKIA... and secret wJalr...}). Score 0.7: a random value where a key is
 * expected is probably, not certainly, a credential.
 */
public final class HighEntropyDetector implements ContentDetector {
    /** The detector id. */
    public static final String ID = "high_entropy";
    /** Normalized entropy at or above which a value is random; fitted on the tune split. */
    public static final double THRESHOLD = 0.80;
    private static final int MIN_LENGTH = KeyValue.LONG_VALUE;
    private static final int MAX_LENGTH = 256;
    private static final int MIN_PROSE_LENGTH = 20;
    private static final int WINDOW = 48;
    private static final String[] CREDENTIAL_WORDS = {"secret", "key", "token", "password", "passwd", "credential", "bearer", "pwd",
        "passphrase", "clé", "schlüssel", "contraseña", "passwort", "mot de passe", "senha", "chiave"};
    private static final String[] PUBLIC_KEYS = {"id", "uuid", "guid", "hash", "sha", "sha1", "sha256", "sha512", "md5", "digest",
        "checksum", "integrity", "etag", "commit", "rev", "revision", "ref", "nonce", "image", "img", "data", "src", "href", "url", "uri",
        "path", "file", "filename", "name", "title", "text", "message", "msg", "description", "content", "body", "version", "build",
        "avatar", "thumbnail", "icon", "color", "font", "class", "style", "type", "mime", "encoding", "trace", "span", "request",
        "correlation", "cursor", "pagetoken", "nexttoken", "state", "code", "challenge", "sid", "kid", "fingerprint", "thumbprint",
        "publickey", "pubkey", "cert", "certificate", "signature", "sig", "salt", "iv", "blob", "base64", "b64", "payload", "tag",
        "label", "slug", "sku", "order", "invoice", "tracking", "number", "no", "ticket", "user", "username", "email", "account",
        "region", "host", "domain", "bucket", "key"};

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
        return Set.of(DataClass.SECRET);
    }

    @Override
    public List<Finding> scan(String text) {
        return scan(new ScannedText(text));
    }

    /** Scans a text, reading the assignments the scan found once for both secret detectors that use them. */
    @Override
    public List<Finding> scan(ScannedText scanned) {
        String text = scanned.text();
        List<Finding> out = new ArrayList<>();
        List<KeyValue> assignments = KeyValue.find(scanned);
        for (KeyValue kv : assignments) {
            int len = kv.valueEnd() - kv.valueStart();
            if (len < MIN_LENGTH || len > MAX_LENGTH || !random(text, kv.valueStart(), kv.valueEnd()) || publicKey(kv.normalizedKey())) {
                continue;
            }
            out.add(new Finding(DataClass.SECRET, ID, kv.valueStart(), kv.valueEnd(), 0.7));
        }
        prose(text, assignments, out);
        out.sort(Comparator.comparingInt(Finding::start));
        return out;
    }

    /** Free-standing random tokens right after a credential word. */
    private static void prose(String text, List<KeyValue> assignments, List<Finding> out) {
        int next = 0; // assignments are in order: the first whose value may still be ahead
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!tokenChar(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && tokenChar(text.charAt(i))) {
                i++;
            }
            if (i - start < MIN_PROSE_LENGTH) {
                continue;
            }
            int end = i;
            while (end > start && (text.charAt(end - 1) == '.' || text.charAt(end - 1) == '-')) {
                end--;
            }
            boolean standalone = (start == 0 || " \t\n\"'(`<".indexOf(text.charAt(start - 1)) >= 0)
                    && (i >= n || " \t\n\"'),;`>".indexOf(text.charAt(i)) >= 0 || text.charAt(i) == '.' || end < i);
            if (!standalone || end - start < MIN_PROSE_LENGTH || text.charAt(start) == '/' || text.startsWith("//", start)
                    || !random(text, start, end)) {
                continue;
            }
            while (next < assignments.size() && assignments.get(next).valueEnd() <= start) {
                next++;
            }
            if (next < assignments.size() && assignments.get(next).valueStart() <= start) {
                continue; // an assigned value: judged by its key above
            }
            String before = text.substring(Math.max(0, start - WINDOW), start).toLowerCase(Locale.ROOT);
            for (String w : CREDENTIAL_WORDS) {
                if (before.contains(w)) {
                    out.add(new Finding(DataClass.SECRET, ID, start, end, 0.7));
                    break;
                }
            }
        }
    }

    private static boolean tokenChar(char c) {
        return c < 128 && TOKEN[c];
    }

    private static final boolean[] TOKEN = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            TOKEN[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "+/=_-.~".indexOf(c) >= 0;
        }
    }

    private static boolean publicKey(String normalized) {
        int e = normalized.length();
        while (e > 0 && Character.isDigit(normalized.charAt(e - 1))) {
            e--; // x-amz-id-2, hash1
        }
        String key = normalized.substring(0, e);
        for (String p : PUBLIC_KEYS) {
            if (key.endsWith(p) && !CredentialAssignmentDetector.secretKey(key)) {
                return true;
            }
        }
        return key.startsWith("x") && key.contains("request") || key.contains("hash") || key.contains("sha") && !key.contains("shar");
    }

    /** Whether {@code v} looks like a random credential. */
    static boolean random(String v) {
        return random(v, 0, v.length());
    }

    /** Whether {@code text[start, end)} looks like a random credential. */
    static boolean random(String text, int start, int end) {
        int len = end - start;
        if (len < MIN_LENGTH || len > MAX_LENGTH) {
            return false;
        }
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        boolean nonHex = false;
        for (int k = start; k < end; k++) {
            char c = text.charAt(k);
            if (!(Character.isLetterOrDigit(c) && c < 128) && c != '+' && c != '/' && c != '=' && c != '-' && c != '_' && c != '.'
                    && c != '~') {
                return false;
            }
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
            digit |= c >= '0' && c <= '9';
            nonHex |= Character.isLetter(c) && !((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
        }
        if (!(upper && lower && digit) || !nonHex) {
            return false;
        }
        int[] counts = new int[128];
        for (int k = start; k < end; k++) {
            counts[text.charAt(k)]++;
        }
        return entropy(counts, len) / (Math.log(Math.min(len, 64)) / Math.log(2)) >= THRESHOLD;
    }

    /** Shannon entropy in bits per char of the char counts. */
    static double entropy(int[] counts, int len) {
        double h = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = (double) c / len;
                h -= p * Math.log(p) / Math.log(2);
            }
        }
        return h;
    }
}
