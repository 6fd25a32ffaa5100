package dev.warden.scan.secret;

import dev.warden.scan.ContentDetector;
import dev.warden.scan.DataClass;
import dev.warden.scan.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Finds PEM private key blocks ({@code -----BEGIN RSA PRIVATE KEY-----}, {@code EC},
 * {@code OPENSSH}, {@code ENCRYPTED}, {@code DSA}, PKCS#8 {@code PRIVATE KEY}, and
 * {@code PGP PRIVATE KEY BLOCK}) with at least {@value #MIN_BODY} base64 chars of body, from the
 * BEGIN line through the matching END line (score 1.0), or through the end of the body when the
 * END line is missing, as in a truncated log (0.9). A BEGIN line with no body, as in prose about
 * key formats, is not a key. Also finds PuTTY private key files ({@code PuTTY-User-Key-File-}).
 * Public keys and certificates are not secrets and are not reported.
 */
public final class PrivateKeyDetector implements ContentDetector {
    /** The detector id. */
    public static final String ID = "private_key";
    private static final String BEGIN = "-----BEGIN ";
    private static final String DASHES = "-----";
    private static final int MIN_BODY = 40;

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
        List<Finding> out = new ArrayList<>();
        int n = text.length();
        int from = 0;
        for (int at = text.indexOf(BEGIN, from); at >= 0; at = text.indexOf(BEGIN, from)) {
            from = at + BEGIN.length();
            int labelEnd = text.indexOf(DASHES, from);
            if (labelEnd < 0 || labelEnd - from > 40) {
                continue;
            }
            String label = text.substring(from, labelEnd);
            if (!label.endsWith("PRIVATE KEY") && !label.equals("PGP PRIVATE KEY BLOCK")) {
                continue;
            }
            int bodyStart = labelEnd + DASHES.length();
            int bodyEnd = bodyStart;
            int base64 = 0;
            while (bodyEnd < n && (b64(text.charAt(bodyEnd)) || Character.isWhitespace(text.charAt(bodyEnd)) || text.charAt(bodyEnd) == '\\'
                    || header(text, bodyEnd))) {
                if (header(text, bodyEnd)) {
                    bodyEnd = text.indexOf('\n', bodyEnd) < 0 ? n : text.indexOf('\n', bodyEnd);
                    continue;
                }
                base64 += b64(text.charAt(bodyEnd)) ? 1 : 0;
                bodyEnd++;
            }
            if (base64 < MIN_BODY) {
                from = Math.max(from, bodyEnd);
                continue;
            }
            String end = "-----END " + label + DASHES;
            int endAt = text.startsWith(end, bodyEnd) ? bodyEnd : -1;
            if (endAt >= 0) {
                out.add(new Finding(DataClass.SECRET, ID, at, endAt + end.length(), 1.0));
                from = endAt + end.length();
            } else {
                int last = bodyEnd;
                while (last > bodyStart && Character.isWhitespace(text.charAt(last - 1))) {
                    last--;
                }
                out.add(new Finding(DataClass.SECRET, ID, at, last, 0.9));
                from = Math.max(from, bodyEnd);
            }
        }
        putty(text, out);
        out.sort(Comparator.comparingInt(Finding::start));
        return out;
    }

    /** PuTTY .ppk files: from the header line through the Private-MAC line. */
    private static void putty(String text, List<Finding> out) {
        String head = "PuTTY-User-Key-File-";
        for (int at = text.indexOf(head); at >= 0; at = text.indexOf(head, at + head.length())) {
            int mac = text.indexOf("Private-MAC:", at);
            int priv = text.indexOf("Private-Lines:", at);
            if (mac < 0 || priv < 0 || priv > mac) {
                return;
            }
            int end = text.indexOf('\n', mac);
            end = end < 0 ? text.length() : end;
            out.add(new Finding(DataClass.SECRET, ID, at, end, 1.0));
            at = end;
        }
    }

    /** An RFC 1421 header line inside an encrypted block ({@code Proc-Type:}, {@code DEK-Info:}). */
    private static boolean header(String text, int at) {
        return text.startsWith("Proc-Type:", at) || text.startsWith("DEK-Info:", at) || text.startsWith("Comment:", at)
                || text.startsWith("Version:", at);
    }

    private static boolean b64(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=';
    }
}
