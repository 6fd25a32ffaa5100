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
 * Finds credentials by where they are written: the value assigned to a key whose name says it is a
 * credential ({@code password}, {@code passwd}, {@code pwd}, {@code secret}, {@code token},
 * {@code api_key}, {@code access_key}, {@code private_key}, {@code client_secret},
 * {@code credentials}, {@code auth}...) in {@code key=value}, {@code key: value}, JSON, YAML,
 * code and {@code --key value} command lines; the password of {@code curl -u user:password}; the
 * credential of an {@code Authorization} header
 * after its scheme ({@code Bearer}, {@code Basic}); and the password in a URL's user info
 * ({@code postgres://app:pw@db}).
 *
 * <p>Keys that name something about a credential rather than the credential are skipped
 * ({@code token_url}, {@code max_tokens}, {@code password_policy}, {@code secret_name},
 * {@code access_key_id}, {@code next_page_token}), and so are values that are not secrets:
 * placeholders ({@code ${DB_PASSWORD}}, {@code <your-token>}, {@code ****}, {@code changeme},
 * {@code redacted}), type names ({@code string}), code ({@code getToken()}, {@code cfg.token}),
 * prose ({@code Password: must be 12 chars}) and values shorter than 4 chars. Score 0.9; 0.6 for an
 * unquoted value of letters only, and only under a key that ends in the credential noun
 * ({@code db_password: hunter}, but not {@code secret_scanning: enabled}).
 */
public final class CredentialAssignmentDetector implements ContentDetector {
    /** The detector id. */
    public static final String ID = "credential_assignment";
    private static final String[] SECRET_WORDS = {"password", "passwd", "passphrase", "passwort", "contrasena", "contraseña",
        "motdepasse", "secret", "token", "apikey", "accesskey", "privatekey", "secretkey", "credential", "authkey", "signingkey",
        "encryptionkey", "masterkey", "sessionkey", "authorization", "bearer", "xapikey", "webhookkey", "connectionkey", "clientkey",
        "licensekey", "accountkey", "storagekey", "sharedkey", "subscriptionkey"};
    /** Every credential key name holds one of these (any case): the cheap test before the full one. */
    static final String[] STEMS = {"pass", "pw", "secret", "token", "key", "auth", "cred", "bearer", "contra", "motdepasse", "psk"};
    private static final String[] CREDENTIAL_NOUNS = {"password", "passwd", "pwd", "pass", "pw", "passphrase", "passwort", "secret",
        "token", "key", "credential", "credentials", "auth", "authorization", "psk", "contrasena", "contraseña", "motdepasse"};
    private static final String[] EXACT = {"pwd", "pass", "pw", "auth", "apitoken", "psk"};
    private static final String[] NOT_SECRET = {"tokens", "tokenizer", "tokenurl", "tokenuri", "tokenendpoint", "tokentype", "tokenexpiry",
        "tokenlifetime", "expires", "expiresin", "expiry", "ttl", "length", "count", "limit", "max", "min", "policy", "file", "path",
        "dir", "url", "uri", "endpoint", "name", "id", "ids", "type", "hint", "label", "field", "header", "format", "version", "enabled",
        "required", "rotation", "prompt", "placeholder", "env", "ref", "arn", "manager", "store", "provider", "mode", "usage", "used",
        "budget", "cost", "hash", "hashed", "digest", "reset", "strength", "changed", "updated", "created", "validation", "regex",
        "pattern", "rule", "rules", "check", "error", "message", "location", "question", "display", "visible", "shown", "length",
        "pagetoken", "nexttoken", "continuationtoken", "synctoken", "nextpagetoken", "cursor", "template", "source", "sources",
        "rotated", "lastused", "expiration", "expirationdate", "age", "algorithm", "alg", "kind", "scope", "scopes", "issuer",
        "audience", "salt", "size", "bits", "fingerprint", "mount", "mountpath", "key", "backend", "engine",
        "file", "filepath", "var", "variable", "description", "help", "status", "state", "valid", "invalid", "lifetime", "duration",
        "timeout", "interval", "encoding", "schema", "class", "classname"};
    private static final Set<String> PLACEHOLDERS = Set.of("password", "passwd", "secret", "token", "changeme", "change_me", "changeit",
        "null", "none", "nil", "undefined", "true", "false", "empty", "redacted", "hidden", "masked", "example", "placeholder", "todo",
        "tbd", "string", "str", "int", "integer", "number", "boolean", "bool", "any", "object", "required", "optional", "default",
        "yourpassword", "your_password", "yoursecret", "yourtoken", "your_token", "your_api_key", "yourapikey", "secretstr", "bytes",
        "text", "varchar", "value", "mypassword", "notset", "unset", "n/a", "na", "sensitive", "omitted", "removed", "xxxxxx", "dummy",
        "test", "sample", "foo", "bar", "baz", "secret123", "password123", "apikey", "api_key", "key", "self", "this", "env", "os", "pass",
        "continue", "return", "break", "nullptr", "nothing");

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
        for (KeyValue kv : KeyValue.find(scanned)) {
            if (!kv.keyMentions(STEMS) || !secretKey(kv.normalizedKey())) {
                continue;
            }
            if (kv.normalizedKey().endsWith("auth") && kv.valueStart() < text.length()
                    && (text.charAt(kv.valueStart()) == '(' || text.charAt(kv.valueStart()) == '[')) {
                authPair(text, kv.valueStart(), out);
                continue;
            }
            double score = valueScore(text, kv.valueStart(), kv.valueEnd(), kv.quoted() || !kv.scheme().isEmpty());
            if (score < 0.9 && !namesTheCredential(kv.normalizedKey())) {
                continue; // a plain word under secret_scanning or password_encoder is a setting
            }
            if (score > 0) {
                out.add(new Finding(DataClass.SECRET, ID, kv.valueStart(), kv.valueEnd(), score));
            }
        }
        flags(text, out);
        curlUser(text, out);
        urlPasswords(text, out);
        out.sort(Comparator.comparingInt(Finding::start));
        return dedupe(out);
    }

    /** Whether a normalized key names a credential. */
    static boolean secretKey(String key) {
        if (key.isEmpty() || key.length() > KeyValue.MAX_KEY) {
            return false;
        }
        for (String e : EXACT) {
            if (key.equals(e)) {
                return true;
            }
        }
        if (key.endsWith("pwd") && key.length() <= 12) {
            return true;
        }
        boolean secret = false;
        for (String w : SECRET_WORDS) {
            if (key.contains(w)) {
                secret = true;
                break;
            }
        }
        if (!secret) {
            return false;
        }
        for (String w : NOT_SECRET) {
            if (key.endsWith(w) && !isSecretWordEnding(key, w)) {
                return false;
            }
        }
        return !(key.contains("tokens") || key.contains("tokenizer") || key.startsWith("max") || key.startsWith("min")
                || key.startsWith("num") || key.startsWith("has") || key.startsWith("is") && !key.startsWith("iss")
                || key.startsWith("show") || key.startsWith("use") && !key.startsWith("user") || key.startsWith("enable")
                || key.startsWith("require") || key.startsWith("forgot") || key.startsWith("reset"));
    }

    /** Whether the key ends in the credential itself ({@code db_password}, not {@code password_encoder}). */
    private static boolean namesTheCredential(String key) {
        for (String w : CREDENTIAL_NOUNS) {
            if (key.endsWith(w)) {
                return true;
            }
        }
        return false;
    }

    /** {@code secretkey} ends in {@code key} but is itself a credential name. */
    private static boolean isSecretWordEnding(String key, String ending) {
        for (String w : SECRET_WORDS) {
            if (key.endsWith(w) && w.length() > ending.length()) {
                return true;
            }
        }
        return false;
    }

    /**
     * How much a value looks like a real credential: 0 for placeholders, references, code and
     * prose; 0.6 for an unquoted letters-only value; else 0.9.
     */
    static double valueScore(String text, int start, int end, boolean quoted) {
        String v = text.substring(start, end).strip();
        if (v.length() < 4 || v.length() > KeyValue.MAX_VALUE) {
            return 0;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        int unpadded = lower.length();
        while (unpadded > 0 && lower.charAt(unpadded - 1) == '=') {
            unpadded--;
        }
        if (PLACEHOLDERS.contains(lower) || PLACEHOLDERS.contains(lower.substring(0, unpadded)) || lower.contains("example") || lower.contains("placeholder") || lower.contains("changeme")
                || lower.contains("redacted") || lower.contains("your_") || lower.contains("your-") || lower.startsWith("your")
                || lower.contains("<your") || lower.contains("xxxx") || lower.contains("****") || lower.contains("...")
                || lower.contains("••") || lower.contains("{{") || lower.contains("${") || lower.contains("#{")
                || lower.contains("replace") || lower.contains("insert") || lower.contains("dummy") || lower.contains("fake")) {
            return 0;
        }
        char f = v.charAt(0);
        if (f == '$' || f == '%' || f == '{' || f == '<' || f == '[' || f == '@' || f == '!' || f == '&' || f == '*' || f == '(' || f == '#'
                || f == '/' || f == '\\' || v.endsWith(">")) {
            return 0;
        }
        boolean same = true;
        for (int k = 1; k < v.length(); k++) {
            same &= v.charAt(k) == f;
        }
        if (same) {
            return 0;
        }
        boolean digit = false;
        boolean symbol = false;
        boolean underscoreOrDot = false;
        boolean camel = false;
        for (int k = 0; k < v.length(); k++) {
            char c = v.charAt(k);
            digit |= Character.isDigit(c);
            underscoreOrDot |= c == '_' || c == '.';
            symbol |= !Character.isLetterOrDigit(c) && c != '_' && c != '.';
            camel |= k > 0 && Character.isLowerCase(v.charAt(k - 1)) && Character.isUpperCase(c);
        }
        if (quoted) {
            if (v.indexOf(' ') >= 0 && !digit && !symbolOtherThanSpace(v)) {
                return 0; // a sentence in quotes
            }
            return 0.9;
        }
        if (v.indexOf('(') >= 0 || v.indexOf('[') >= 0 || lower.startsWith("os.") || lower.startsWith("process.")
                || lower.startsWith("env.") || lower.startsWith("self.") || lower.startsWith("this.") || lower.startsWith("config.")
                || lower.startsWith("settings.")) {
            return 0; // code: a call, a subscript or a field
        }
        if (!digit && !symbol) {
            if (underscoreOrDot || camel) {
                return 0; // an identifier
            }
            if (end + 1 < text.length() && text.charAt(end) == ' ' && Character.isLetter(text.charAt(end + 1))) {
                return 0; // prose runs on
            }
            return 0.6;
        }
        return 0.9;
    }

    private static boolean symbolOtherThanSpace(String v) {
        for (int k = 0; k < v.length(); k++) {
            char c = v.charAt(k);
            if (!Character.isLetterOrDigit(c) && c != ' ' && c != '.' && c != ',' && c != '\'' && c != '-') {
                return true;
            }
        }
        return false;
    }

    /** {@code auth=("user", "password")}: the second string of the pair. */
    private static void authPair(String text, int open, List<Finding> out) {
        int n = text.length();
        int k = open + 1;
        int[] second = null;
        for (int part = 0; part < 2; part++) {
            while (k < n && k - open < 16 && (text.charAt(k) == ' ' || (part == 1 && text.charAt(k) == ','))) {
                k++;
            }
            if (k >= n || (text.charAt(k) != '"' && text.charAt(k) != '\'')) {
                return;
            }
            char q = text.charAt(k);
            int close = k + 1;
            while (close < n && close - k < KeyValue.MAX_VALUE && text.charAt(close) != q && text.charAt(close) != '\n') {
                close++;
            }
            if (close >= n || text.charAt(close) != q) {
                return;
            }
            second = new int[] {k + 1, close};
            k = close + 1;
        }
        double score = valueScore(text, second[0], second[1], true);
        if (score > 0) {
            out.add(new Finding(DataClass.SECRET, ID, second[0], second[1], score));
        }
    }

    /** {@code --password value} and {@code --token value} on command lines. */
    private static void flags(String text, List<Finding> out) {
        int n = text.length();
        for (int at = text.indexOf("--"); at >= 0 && at < n; at = text.indexOf("--", at + 2)) {
            if (at > 0 && !Character.isWhitespace(text.charAt(at - 1))) {
                continue;
            }
            int k = at + 2;
            while (k < n && k - at < 40 && (Character.isLetterOrDigit(text.charAt(k)) || text.charAt(k) == '-' || text.charAt(k) == '_')) {
                k++;
            }
            if (k >= n || text.charAt(k) != ' ' || k == at + 2) {
                continue;
            }
            String key = text.substring(at + 2, k).replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
            if (!secretKey(key)) {
                continue;
            }
            int vs = k + 1;
            boolean quoted = vs < n && (text.charAt(vs) == '"' || text.charAt(vs) == '\'');
            int ve;
            if (quoted) {
                char q = text.charAt(vs);
                ve = vs + 1;
                while (ve < n && ve - vs < KeyValue.MAX_VALUE && text.charAt(ve) != q && text.charAt(ve) != '\n') {
                    ve++;
                }
                if (ve >= n || text.charAt(ve) != q) {
                    continue;
                }
                vs++;
            } else {
                ve = vs;
                while (ve < n && ve - vs < KeyValue.MAX_VALUE && !Character.isWhitespace(text.charAt(ve)) && text.charAt(ve) != '"'
                        && text.charAt(ve) != '\'') {
                    ve++;
                }
            }
            if (ve <= vs || text.charAt(vs) == '-') {
                continue;
            }
            double score = valueScore(text, vs, ve, true);
            if (score > 0) {
                out.add(new Finding(DataClass.SECRET, ID, vs, ve, score));
            }
        }
    }

    /** {@code curl -u user:password}: the password. */
    private static void curlUser(String text, List<Finding> out) {
        int n = text.length();
        for (int at = text.indexOf(" -u "); at >= 0; at = text.indexOf(" -u ", at + 4)) {
            int k = at + 4;
            int colon = -1;
            while (k < n && k - at < 260 && !Character.isWhitespace(text.charAt(k))) {
                if (text.charAt(k) == ':' && colon < 0) {
                    colon = k;
                }
                k++;
            }
            int vs = colon + 1;
            int ve = k;
            if (colon < 0 || ve - vs < 1) {
                continue;
            }
            if ((text.charAt(at + 4) == '"' || text.charAt(at + 4) == '\'') && text.charAt(ve - 1) == text.charAt(at + 4)) {
                ve--;
            }
            double score = valueScore(text, vs, ve, true);
            if (score > 0) {
                out.add(new Finding(DataClass.SECRET, ID, vs, ve, score));
            }
        }
    }

    /** {@code scheme://user:password@host}: the password. */
    private static void urlPasswords(String text, List<Finding> out) {
        int n = text.length();
        for (int at = text.indexOf("://"); at >= 0; at = text.indexOf("://", at + 3)) {
            int k = at + 3;
            int colon = -1;
            while (k < n && k - at < 260) {
                char c = text.charAt(k);
                if (c == '@' || c == '/' || Character.isWhitespace(c) || c == '"' || c == '\'' || c == '?' || c == '#') {
                    break;
                }
                if (c == ':' && colon < 0) {
                    colon = k;
                }
                k++;
            }
            if (k >= n || text.charAt(k) != '@' || colon < 0 || colon == at + 3 || k - colon < 2) {
                continue;
            }
            double score = valueScore(text, colon + 1, k, true);
            if (score > 0) {
                out.add(new Finding(DataClass.SECRET, ID, colon + 1, k, score));
            }
        }
    }

    private static List<Finding> dedupe(List<Finding> sorted) {
        List<Finding> out = new ArrayList<>(sorted.size());
        for (Finding f : sorted) {
            if (!out.isEmpty() && out.get(out.size() - 1).start() == f.start() && out.get(out.size() - 1).end() == f.end()) {
                continue;
            }
            out.add(f);
        }
        return out;
    }
}
