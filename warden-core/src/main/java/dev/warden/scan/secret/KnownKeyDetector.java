package dev.warden.scan.secret;

import dev.warden.scan.ContentDetector;
import dev.warden.scan.DataClass;
import dev.warden.scan.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds API keys and tokens by their issuer's published prefix and shape: AWS access key ids
 * ({@code AKIA}, {@code ASIA}... and 16 upper-case letters or digits), GitHub tokens
 * ({@code ghp_}, {@code gho_}, {@code ghu_}, {@code ghs_}, {@code ghr_}, {@code github_pat_}),
 * GitLab ({@code glpat-}), Slack ({@code xoxb-}, {@code xoxp-}...) and Slack webhook URLs, Stripe
 * secret and restricted keys ({@code sk_live_}, {@code rk_live_}, test keys {@code sk_test_}) and
 * webhook secrets ({@code whsec_}), Google API keys ({@code AIza}) and OAuth access tokens
 * ({@code ya29.}), OpenAI and Anthropic style keys ({@code sk-}, {@code sk-proj-},
 * {@code sk-ant-}), npm ({@code npm_}), PyPI ({@code pypi-}), Hugging Face ({@code hf_}),
 * SendGrid ({@code SG.}), Shopify ({@code shpat_}...), DigitalOcean ({@code dop_v1_}) and
 * Twilio-style {@code SK} + 32 hex.
 *
 * <p>The key must stand alone (no word char right before or after it) and its body must have the
 * issuer's alphabet and length, with both letters and digits where the issuer's keys are random.
 * Score 1.0 for live keys, 0.9 for test-mode keys. Keys printed in vendor documentation as examples
 * (AWS's {@code AKIAIOSFODNN7EXAMPLE}) are reported too: the scanner cannot tell a documented
 * example pasted into a tool call from a real key, and masking one costs nothing.
 */
public final class KnownKeyDetector implements ContentDetector {
    /** The detector id. */
    public static final String ID = "secret_prefix";
    private static final String UPPER_DIGITS = "UD";
    private static final String ALNUM = "A";
    private static final String ALNUM_DASH = "A-";
    private static final String HEX = "H";
    private static final List<Rule> RULES = List.of(
            new Rule("AKIA", UPPER_DIGITS, 16, 16, 1.0), new Rule("ASIA", UPPER_DIGITS, 16, 16, 1.0),
            new Rule("ABIA", UPPER_DIGITS, 16, 16, 1.0), new Rule("ACCA", UPPER_DIGITS, 16, 16, 1.0),
            new Rule("AGPA", UPPER_DIGITS, 16, 16, 1.0), new Rule("AIDA", UPPER_DIGITS, 16, 16, 1.0),
            new Rule("AROA", UPPER_DIGITS, 16, 16, 1.0), new Rule("AIPA", UPPER_DIGITS, 16, 16, 1.0),
            new Rule("ANPA", UPPER_DIGITS, 16, 16, 1.0), new Rule("ANVA", UPPER_DIGITS, 16, 16, 1.0),
            new Rule("APKA", UPPER_DIGITS, 16, 16, 1.0),
            new Rule("ghp_", ALNUM, 30, 60, 1.0), new Rule("gho_", ALNUM, 30, 60, 1.0), new Rule("ghu_", ALNUM, 30, 60, 1.0),
            new Rule("ghs_", ALNUM, 30, 60, 1.0), new Rule("ghr_", ALNUM, 30, 60, 1.0), new Rule("github_pat_", "A_", 50, 120, 1.0),
            new Rule("glpat-", ALNUM_DASH + "_", 20, 40, 1.0),
            new Rule("xoxb-", ALNUM_DASH, 20, 200, 1.0), new Rule("xoxp-", ALNUM_DASH, 20, 200, 1.0),
            new Rule("xoxa-", ALNUM_DASH, 20, 200, 1.0), new Rule("xoxr-", ALNUM_DASH, 20, 200, 1.0),
            new Rule("xoxs-", ALNUM_DASH, 20, 200, 1.0), new Rule("xoxe-", ALNUM_DASH, 20, 200, 1.0),
            new Rule("xapp-", ALNUM_DASH, 20, 200, 1.0),
            new Rule("sk_live_", ALNUM, 16, 120, 1.0), new Rule("rk_live_", ALNUM, 16, 120, 1.0),
            new Rule("sk_test_", ALNUM, 16, 120, 0.9), new Rule("rk_test_", ALNUM, 16, 120, 0.9),
            new Rule("whsec_", ALNUM + "+/=", 24, 80, 1.0),
            new Rule("AIza", ALNUM_DASH + "_", 35, 35, 1.0), new Rule("ya29.", ALNUM_DASH + "_.", 30, 400, 1.0),
            new Rule("sk-ant-", ALNUM_DASH + "_", 30, 200, 1.0), new Rule("sk-proj-", ALNUM_DASH + "_", 30, 200, 1.0),
            new Rule("sk-svcacct-", ALNUM_DASH + "_", 30, 200, 1.0), new Rule("sk-", ALNUM_DASH + "_", 20, 200, 1.0),
            new Rule("npm_", ALNUM, 36, 36, 1.0), new Rule("pypi-", ALNUM_DASH + "_", 50, 300, 1.0),
            new Rule("hf_", ALNUM, 30, 40, 1.0), new Rule("SG.", ALNUM_DASH + "_.", 60, 80, 1.0),
            new Rule("shpat_", HEX, 32, 32, 1.0), new Rule("shpss_", HEX, 32, 32, 1.0), new Rule("shpca_", HEX, 32, 32, 1.0),
            new Rule("shppa_", HEX, 32, 32, 1.0), new Rule("dop_v1_", HEX, 64, 64, 1.0), new Rule("SK", HEX, 32, 32, 0.9));
    private static final String SLACK_HOOK = "hooks.slack.com/services/";
    /** The rules by the first two chars of their prefix, {@code c0 * 128 + c1} ({@code ho} also starts the Slack webhook host). */
    private static final Rule[][] BY_START = new Rule[128 * 128][];
    /** ASCII word chars: letters, digits, {@code _} and {@code -}. */
    private static final boolean[] WORD = new boolean[128];

    static {
        for (int k = 0; k < 128 * 128; k++) {
            List<Rule> rules = new ArrayList<>();
            for (Rule r : RULES) {
                if (r.prefix().charAt(0) * 128 + r.prefix().charAt(1) == k) {
                    rules.add(r);
                }
            }
            BY_START[k] = rules.isEmpty() && k != 'h' * 128 + 'o' ? null : rules.toArray(new Rule[0]);
        }
        for (int c = 0; c < 128; c++) {
            WORD[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        }
    }

    /**
     * One key shape.
     *
     * @param prefix   the literal prefix
     * @param alphabet body chars: {@code U} upper-case letters, {@code D} digits, {@code A} letters
     *                 and digits, {@code H} lower-case hex, plus any literal chars listed
     * @param min      the body's shortest length
     * @param max      the body's longest length
     * @param score    the finding's score
     */
    private record Rule(String prefix, String alphabet, int min, int max, double score) {
        boolean allows(char c) {
            if (alphabet.indexOf('A') >= 0 && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return true;
            }
            if (alphabet.indexOf('U') >= 0 && c >= 'A' && c <= 'Z') {
                return true;
            }
            if ((alphabet.indexOf('D') >= 0 || alphabet.indexOf('H') >= 0) && c >= '0' && c <= '9') {
                return true;
            }
            if (alphabet.indexOf('H') >= 0 && c >= 'a' && c <= 'f') {
                return true;
            }
            return "UDAH".indexOf(c) < 0 && alphabet.indexOf(c) >= 0;
        }
    }

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
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (!word(c)) {
                i++;
                continue;
            }
            char c1 = i + 1 < n ? text.charAt(i + 1) : 0;
            if (c >= 128 || c1 >= 128 || BY_START[c * 128 + c1] == null || (i > 0 && word(text.charAt(i - 1)))) {
                i++;
                while (i < n && word(text.charAt(i))) {
                    i++; // a key starts a word: skip the rest of this one
                }
                continue;
            }
            int end = -1;
            double score = 0;
            for (Rule r : BY_START[c * 128 + c1]) {
                if (!text.startsWith(r.prefix(), i)) {
                    continue;
                }
                int k = i + r.prefix().length();
                while (k < n && k - i - r.prefix().length() <= r.max() && r.allows(text.charAt(k))) {
                    k++;
                }
                while (k > i + r.prefix().length() && (text.charAt(k - 1) == '.' || text.charAt(k - 1) == '-')) {
                    k--; // a sentence full stop or a trailing dash
                }
                int body = k - i - r.prefix().length();
                if (body < r.min() || body > r.max() || (k < n && word(text.charAt(k))) || !random(text, i + r.prefix().length(), k, r)) {
                    continue;
                }
                end = k;
                score = r.score();
                break;
            }
            if (end > 0) {
                out.add(new Finding(DataClass.SECRET, ID, i, end, score));
                i = end;
                continue;
            }
            if (c == 'h' && text.startsWith(SLACK_HOOK, i)) {
                int k = i + SLACK_HOOK.length();
                while (k < n && k - i < 200 && (Character.isLetterOrDigit(text.charAt(k)) || text.charAt(k) == '/')) {
                    k++;
                }
                if (k - i - SLACK_HOOK.length() >= 20) {
                    out.add(new Finding(DataClass.SECRET, ID, i, k, 1.0));
                    i = k;
                    continue;
                }
            }
            i++;
            while (i < n && word(text.charAt(i))) {
                i++; // the rest of this word cannot start a key
            }
        }
        return out;
    }

    /**
     * Random bodies hold a digit and a letter; after the bare {@code sk-} prefix, letters of both
     * cases too ({@code sk-learn-pipeline-2024} is a name, not a key).
     */
    private static boolean random(String text, int from, int to, Rule r) {
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            upper |= Character.isUpperCase(c);
            lower |= Character.isLowerCase(c);
            digit |= Character.isDigit(c);
        }
        if (r.alphabet().equals(HEX)) {
            return digit && lower;
        }
        if (r.alphabet().equals(UPPER_DIGITS)) {
            return digit && upper;
        }
        if (r.prefix().equals("sk-")) {
            return digit && upper && lower; // the bare prefix also starts names: sk-learn-2024
        }
        return digit && (upper || lower);
    }

    private static boolean word(char c) {
        return c < 128 ? WORD[c] : Character.isLetterOrDigit(c);
    }
}
