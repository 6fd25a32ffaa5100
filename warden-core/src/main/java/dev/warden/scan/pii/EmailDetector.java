package dev.warden.scan.pii;

import dev.warden.scan.ContentDetector;
import dev.warden.scan.DataClass;
import dev.warden.scan.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds e-mail addresses: a local part of at most 64 chars (letters, digits and {@code . _ % + -}),
 * an {@code @}, and a domain of dot-separated labels ending in an alphabetic top-level label of two
 * or more letters. Each {@code @} is expanded left and right over a bounded window, so the scan is
 * linear. Letters include non-ASCII ones (internationalised addresses). Not reported: the user
 * info of a URL ({@code https://user:token@host}), file names ({@code icon@2x.png}) and SSH git
 * remotes ({@code git@github.com:org/repo.git}). Score 1.0.
 */
public final class EmailDetector implements ContentDetector {
    /** The detector id. */
    public static final String ID = "email";
    private static final int MAX_LOCAL = 64;
    private static final int MAX_DOMAIN = 253;
    private static final Set<String> FILE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "svg", "webp", "ico", "bmp", "css", "js",
        "mjs", "ts", "tsx", "jsx", "map", "json", "html", "htm", "txt", "pdf", "woff", "woff2");

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
        return Set.of(DataClass.EMAIL);
    }

    @Override
    public List<Finding> scan(String text) {
        List<Finding> out = new ArrayList<>();
        int floor = 0; // no finding may start before the end of the previous one
        for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
            int start = at;
            while (start > floor && at - start <= MAX_LOCAL && local(text.charAt(start - 1))) {
                start--;
            }
            if (start > floor && local(text.charAt(start - 1))) {
                continue; // local part longer than allowed
            }
            while (start < at && (text.charAt(start) == '.' || text.charAt(start) == '-' || text.charAt(start) == '+')) {
                start++;
            }
            if (start == at || text.charAt(at - 1) == '.') {
                continue;
            }
            int end = domainEnd(text, at + 1);
            if (end > 0 && !urlUserInfo(text, start) && !fileName(text, at + 1, end) && !gitRemote(text, start, at, end)) {
                out.add(new Finding(DataClass.EMAIL, ID, start, end, 1.0));
                floor = end;
                at = end - 1;
            }
        }
        return out;
    }

    /**
     * Whether the candidate's local part is the user info of a URL ({@code https://user:token@host}):
     * a {@code ://} before it in the same token with no path, query or fragment in between.
     */
    private static boolean urlUserInfo(String text, int start) {
        for (int k = start - 1; k >= 2 && start - k < 300; k--) {
            char c = text.charAt(k);
            if (Character.isWhitespace(c) || c == '/' && !(text.charAt(k - 1) == '/' && text.charAt(k - 2) == ':') || c == '?' || c == '='
                    || c == '#' || c == '"' || c == '\'') {
                return false;
            }
            if (c == '/' && text.charAt(k - 1) == '/' && text.charAt(k - 2) == ':') {
                return true;
            }
        }
        return false;
    }

    /** {@code icon@2x.png}: an image or source file name, not a domain. */
    private static boolean fileName(String text, int domainStart, int end) {
        int dot = text.lastIndexOf('.', end - 1);
        String tld = text.substring(dot + 1, end).toLowerCase(Locale.ROOT);
        return FILE_EXTENSIONS.contains(tld) || (Character.isDigit(text.charAt(domainStart)) && text.charAt(domainStart + 1) == 'x');
    }

    /** {@code git@github.com:org/repo.git}: an SSH remote, not a mailbox. */
    private static boolean gitRemote(String text, int start, int at, int end) {
        return at - start == 3 && text.startsWith("git", start) && end < text.length() && text.charAt(end) == ':';
    }

    /** The end of a valid domain starting at {@code from}, or -1. */
    private static int domainEnd(String text, int from) {
        int i = from;
        int limit = Math.min(text.length(), from + MAX_DOMAIN);
        int labels = 0;
        int lastLabelStart = -1;
        int lastGoodEnd = -1;
        while (i < limit) {
            int labelStart = i;
            while (i < limit && label(text.charAt(i))) {
                i++;
            }
            if (i == labelStart || text.charAt(labelStart) == '-' || text.charAt(i - 1) == '-') {
                break;
            }
            labels++;
            lastLabelStart = labelStart;
            if (labels >= 2 && topLevel(text, lastLabelStart, i)) {
                lastGoodEnd = i;
            }
            if (i < limit - 1 && text.charAt(i) == '.' && label(text.charAt(i + 1))) {
                i++;
            } else {
                break;
            }
        }
        if (lastGoodEnd < 0) {
            return -1;
        }
        // the address must not run on into more address-like chars (e.g. a longer domain we cut at the window)
        if (lastGoodEnd < text.length() && (label(text.charAt(lastGoodEnd)) || text.charAt(lastGoodEnd) == '@')) {
            return -1;
        }
        return lastGoodEnd;
    }

    private static boolean topLevel(String text, int start, int end) {
        if (end - start < 2 || end - start > 24) {
            return false;
        }
        for (int k = start; k < end; k++) {
            if (!Character.isLetter(text.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static boolean local(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    private static boolean label(char c) {
        return Character.isLetterOrDigit(c) || c == '-';
    }
}
