package dev.warden.scan;

import dev.warden.scan.text.ScannedText;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a list of {@link ContentDetector}s over a text or a JSON value and applies the actions of
 * the data classes found ({@link ClassRules}): the findings, the session labels they give, a verdict
 * and the masked copy ({@link ScanResult}).
 *
 * <p>JSON is scanned string by string: every string value, every object key and the plain decimal
 * form of every number (a card number sent as a JSON number is still a card number), each finding
 * placed by the RFC 6901 pointer of where it was. Overlapping findings of one class are merged into
 * one; masked spans that overlap across classes are replaced once, by the placeholder of the first.
 *
 * <p>Bad input never throws: content over {@link ScanLimits#maxBytes}, JSON deeper than
 * {@link ScanLimits#maxDepth}, bytes that are not UTF-8 or look binary are refused with a code
 * ({@code too_large}, {@code too_deep}, {@code invalid_utf8}, {@code binary}): blocked when any class
 * is configured to do more than detect (what could not be read could not be masked either), passed
 * with the reason otherwise. A detector that throws or takes longer than its budget fails closed
 * for the classes it reports whose action is {@code block} (verdict block, code
 * {@code detector_failed}) and is logged for the others.
 *
 * <p>Besides its own detectors, which run on every scan, a scanner may hold {@link OptionalDetectors}:
 * those run only in the scans whose rules name them ({@link ClassRules#detectors()}), after the
 * scanner's own, each within {@link ScanLimits#optionalBudget}. One that cannot be loaded, throws or
 * overruns fails like any other detector (closed for the {@code block} classes it reports).
 *
 * <p>Thread-safe when the detectors are.
 */
public final class ContentScanner {
    private static final System.Logger LOG = System.getLogger(ContentScanner.class.getName());

    private final List<ContentDetector> detectors;
    private final OptionalDetectors optional;
    private final ScanLimits limits;
    private final MaskingKey key;

    /**
     * A scanner.
     *
     * @param detectors the detectors, run in this order
     * @param limits    the bounds of each scan
     * @param key       the key of the {@code hash} action
     */
    public ContentScanner(List<ContentDetector> detectors, ScanLimits limits, MaskingKey key) {
        this(detectors, OptionalDetectors.none(), limits, key);
    }

    /**
     * A scanner with optional detectors.
     *
     * @param detectors the detectors run on every scan, in this order
     * @param optional  the detectors run only where the rules of a scan name them, loaded on first use
     * @param limits    the bounds of each scan
     * @param key       the key of the {@code hash} action
     */
    public ContentScanner(List<ContentDetector> detectors, OptionalDetectors optional, ScanLimits limits, MaskingKey key) {
        this.optional = Objects.requireNonNull(optional, "optional");
        this.detectors = List.copyOf(detectors);
        this.limits = Objects.requireNonNull(limits, "limits");
        this.key = Objects.requireNonNull(key, "key");
    }

    /** The detectors, in the order they run. */
    public List<ContentDetector> detectors() {
        return detectors;
    }

    /** The optional detectors, run where the rules of a scan name them. */
    public OptionalDetectors optional() {
        return optional;
    }

    /** The bounds of each scan. */
    public ScanLimits limits() {
        return limits;
    }

    /** The key of the {@code hash} action (and of masked audit fields). */
    public MaskingKey key() {
        return key;
    }

    /** Scans text, a JSON value (plain Java form) or bytes ({@link #scanBytes}), by its type. */
    public ScanResult scan(Object content, ClassRules rules) {
        if (content instanceof String s) {
            return scanText(s, rules);
        }
        if (content instanceof byte[] b) {
            return scanBytes(b, rules);
        }
        return scanJson(content, rules);
    }

    /** Scans one text. */
    public ScanResult scanText(String text, ClassRules rules) {
        Objects.requireNonNull(text, "text");
        if (utf8Longer(text, limits.maxBytes())) {
            return refused(rules, "too_large", "the text is larger than " + limits.maxBytes() + " bytes", text);
        }
        Run run = new Run(rules);
        String masked = run.scanString(text, Optional.empty());
        return run.result(masked);
    }

    /**
     * Scans bytes that should be UTF-8 text: refused ({@code invalid_utf8}) when they are not, or
     * ({@code binary}) when they hold NUL or mostly control characters.
     */
    public ScanResult scanBytes(byte[] bytes, ClassRules rules) {
        if (bytes.length > limits.maxBytes()) {
            return refused(rules, "too_large", "the content is larger than " + limits.maxBytes() + " bytes", null);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return refused(rules, "invalid_utf8", "the content is not valid UTF-8", null);
        }
        if (binary(text)) {
            return refused(rules, "binary", "the content looks binary (NUL or mostly control characters)", null);
        }
        return scanText(text, rules);
    }

    /** Scans a JSON value in Warden's plain Java form (maps, lists, strings, numbers, booleans, null). */
    public ScanResult scanJson(Object json, ClassRules rules) {
        Run run = new Run(rules);
        Object masked;
        try {
            masked = run.walk(json, "", 0);
        } catch (Refusal r) {
            return refused(rules, r.code, r.getMessage(), null);
        }
        return run.result(masked);
    }

    /** A refusal: blocked when some class does more than detect, else passed (unchanged) with the reason. */
    private static ScanResult refused(ClassRules rules, String code, String message, Object content) {
        if (rules.anyAction()) {
            return new ScanResult(List.of(), Set.of(), ScanVerdict.BLOCK, Optional.of("scan." + code), Optional.of(code),
                    Optional.of(message + "; it was not scanned, and content that cannot be scanned is refused"), null,
                    List.of());
        }
        return new ScanResult(List.of(), Set.of(), ScanVerdict.PASS, Optional.empty(), Optional.of(code),
                Optional.of(message + "; it was not scanned"), content, List.of());
    }

    private static boolean utf8Longer(String s, int max) {
        if (s.length() > max) {
            return true; // every char is at least one byte
        }
        if ((long) s.length() * 3 <= max) {
            return false;
        }
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes > max;
    }

    private static boolean binary(String text) {
        int control = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return true;
            }
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') {
                control++;
            }
        }
        return text.length() >= 16 && control * 10 > text.length();
    }

    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String code;

        Refusal(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    /** One scan's state. */
    private final class Run {
        final ClassRules rules;
        final List<ScanFinding> findings = new ArrayList<>();
        final Set<String> labels = new LinkedHashSet<>();
        final List<String> failures = new ArrayList<>();
        final Set<String> failedDetectors = new HashSet<>();
        long bytes;
        ClassRule blockedBy;
        String blockCode;
        String blockMessage;
        ClassRule maskedBy;

        Run(ClassRules rules) {
            this.rules = rules;
        }

        Object walk(Object value, String pointer, int depth) {
            if (depth > limits.maxDepth()) {
                throw new Refusal("too_deep", "the JSON nests deeper than " + limits.maxDepth() + " levels");
            }
            return switch (value) {
                case null -> null;
                case String s -> {
                    count(s);
                    yield scanString(s, Optional.of(pointer));
                }
                case Map<?, ?> m -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        String k = String.valueOf(e.getKey());
                        String child = pointer + "/" + escape(k);
                        count(k);
                        String maskedKey = scanString(k, Optional.of(child + "#key"));
                        while (out.containsKey(maskedKey)) { // two keys masked alike: keep both
                            maskedKey = maskedKey + "'";
                        }
                        out.put(maskedKey, walk(e.getValue(), child, depth + 1));
                    }
                    yield out;
                }
                case List<?> l -> {
                    List<Object> out = new ArrayList<>(l.size());
                    for (int i = 0; i < l.size(); i++) {
                        out.add(walk(l.get(i), pointer + "/" + i, depth + 1));
                    }
                    yield out;
                }
                case Number n -> {
                    String plain = plain(n);
                    count(plain);
                    String masked = scanString(plain, Optional.of(pointer));
                    yield masked.equals(plain) ? n : masked;
                }
                default -> value; // booleans
            };
        }

        void count(String s) {
            bytes += s.length();
            if (bytes > limits.maxBytes() || utf8Longer(s, limits.maxBytes())) {
                throw new Refusal("too_large", "the content is larger than " + limits.maxBytes() + " bytes");
            }
        }

        /** Scans one string; its masked form. */
        String scanString(String text, Optional<String> path) {
            if (text.isEmpty()) {
                return text;
            }
            List<Finding> raw = new ArrayList<>();
            ScannedText shared = new ScannedText(text); // folded at most once for all detectors
            for (ContentDetector d : detectors) {
                run(d, shared, limits.detectorBudget(), raw);
            }
            for (String id : rules.detectors()) {
                ContentDetector d;
                try {
                    d = optional.load(id);
                } catch (RuntimeException | LinkageError e) {
                    failed(id, optional.offered().getOrDefault(id, Set.of()), "could not be loaded ("
                            + e.getClass().getSimpleName() + ")");
                    continue;
                }
                run(d, shared, limits.optionalBudget(), raw);
            }
            if (raw.isEmpty()) {
                return text;
            }
            List<Finding> merged = merge(raw);
            List<Finding> toMask = new ArrayList<>();
            for (Finding f : merged) {
                findings.add(new ScanFinding(f.dataClass(), f.detector(), f.start(), f.end(), f.score(), path));
                ClassRule rule = rules.rule(f.dataClass());
                if (!rule.counts(f.score())) {
                    continue;
                }
                label(f.dataClass());
                switch (rule.action()) {
                    case BLOCK -> block(rule, "data_blocked", "content of class " + f.dataClass().id()
                            + " is blocked (" + rule.name() + ")");
                    case MASK, HASH -> {
                        if (f.end() > f.start()) {
                            toMask.add(f);
                            if (maskedBy == null) {
                                maskedBy = rule;
                            }
                        }
                    }
                    case DETECT -> { }
                }
            }
            return toMask.isEmpty() ? text : mask(text, toMask);
        }

        /** Runs one detector on one text, adding its findings to {@code raw}; a failure is recorded. */
        void run(ContentDetector d, ScannedText shared, java.time.Duration budget, List<Finding> raw) {
            String text = shared.text();
            long started = System.nanoTime();
            try {
                List<Finding> found = d.scan(shared);
                long took = System.nanoTime() - started;
                if (took > budget.toNanos()) {
                    failed(d.id(), d.classes(), "took " + took / 1_000_000 + " ms, over its budget of "
                            + budget.toMillis() + " ms");
                }
                if (found != null) {
                    for (Finding f : found) {
                        if (f != null && f.end() <= text.length()) {
                            raw.add(f);
                        }
                    }
                }
            } catch (RuntimeException | StackOverflowError e) {
                failed(d.id(), d.classes(), "threw " + e.getClass().getSimpleName());
            }
        }

        void label(DataClass c) {
            labels.add(c.id());
            if (c.personal()) {
                labels.add("pii");
            } else if (c == DataClass.SECRET) {
                labels.add("secret");
            } else if (c == DataClass.INJECTION) {
                labels.add("untrusted");
            }
        }

        void block(ClassRule rule, String code, String message) {
            if (blockedBy == null) {
                blockedBy = rule;
                blockCode = code;
                blockMessage = message;
            }
        }

        void failed(String id, Set<DataClass> classes, String why) {
            failures.add(id + ": " + why);
            boolean first = failedDetectors.add(id);
            boolean closed = false;
            for (DataClass c : classes) {
                ClassRule rule = rules.rule(c);
                if (rule.action() == DataAction.BLOCK) {
                    block(rule, "detector_failed", "detector " + id + " " + why + "; class " + c.id()
                            + " is blocked (" + rule.name() + "), so the content is refused");
                    closed = true;
                }
            }
            if (first) {
                LOG.log(closed ? System.Logger.Level.WARNING : System.Logger.Level.INFO, "detector " + id + " " + why
                        + (closed ? "; failing closed" : "; its classes are detect-only, the scan goes on without it"));
            }
        }

        String mask(String text, List<Finding> spans) {
            spans.sort(Comparator.comparingInt(Finding::start).thenComparing(Comparator.comparingInt(Finding::end).reversed()));
            StringBuilder out = new StringBuilder(text.length());
            int at = 0;
            int i = 0;
            while (i < spans.size()) {
                Finding first = spans.get(i);
                int end = first.end();
                int j = i + 1;
                while (j < spans.size() && spans.get(j).start() < end) {
                    end = Math.max(end, spans.get(j).end());
                    j++;
                }
                out.append(text, at, first.start());
                String value = text.substring(first.start(), end);
                ClassRule rule = rules.rule(first.dataClass());
                out.append(rule.action() == DataAction.HASH ? key.hashed(first.dataClass(), value)
                        : "[" + first.dataClass().id() + "]");
                at = end;
                i = j;
            }
            out.append(text, at, text.length());
            return out.toString();
        }

        ScanResult result(Object masked) {
            if (blockedBy != null) {
                return new ScanResult(findings, labels, ScanVerdict.BLOCK, Optional.of(blockedBy.name()),
                        Optional.of(blockCode), Optional.of(blockMessage), null, failures);
            }
            if (maskedBy != null) {
                return new ScanResult(findings, labels, ScanVerdict.MASK, Optional.of(maskedBy.name()), Optional.empty(),
                        Optional.empty(), masked, failures);
            }
            return new ScanResult(findings, labels, ScanVerdict.PASS, Optional.empty(), Optional.empty(), Optional.empty(),
                    masked, failures);
        }
    }

    /** Merges overlapping findings of one class (the first's detector, the widest span, the highest score). */
    static List<Finding> merge(List<Finding> raw) {
        List<Finding> sorted = new ArrayList<>(raw);
        sorted.sort(Comparator.comparing(Finding::dataClass).thenComparingInt(Finding::start).thenComparingInt(Finding::end));
        List<Finding> out = new ArrayList<>(sorted.size());
        Finding cur = null;
        for (Finding f : sorted) {
            if (cur != null && cur.dataClass() == f.dataClass()
                    && (f.start() < cur.end() || f.start() == cur.start())) {
                cur = new Finding(cur.dataClass(), cur.detector(), cur.start(), Math.max(cur.end(), f.end()),
                        Math.max(cur.score(), f.score()));
            } else {
                if (cur != null) {
                    out.add(cur);
                }
                cur = f;
            }
        }
        if (cur != null) {
            out.add(cur);
        }
        out.sort(Comparator.comparingInt(Finding::start).thenComparing(Finding::dataClass));
        return out;
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static String plain(Number n) {
        return switch (n) {
            case BigDecimal d -> d.toPlainString();
            case BigInteger i -> i.toString();
            case Double d when d.isNaN() || d.isInfinite() -> d.toString();
            case Double d -> BigDecimal.valueOf(d).toPlainString();
            case Float f -> BigDecimal.valueOf(f.doubleValue()).toPlainString();
            default -> n.toString();
        };
    }
}
