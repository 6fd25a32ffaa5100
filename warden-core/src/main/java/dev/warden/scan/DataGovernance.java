package dev.warden.scan;

import dev.warden.catalog.JsonSchema;
import dev.warden.json.CanonicalJson;
import dev.warden.json.JsonReader;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Data governance as one service: the scanner with its detectors and key, and the configured
 * rules. What the decision guard ({@link DataGuard}), the MCP gateway's output hook, the HTTP API
 * and the audit record filter share.
 */
public final class DataGovernance {
    private static final System.Logger LOG = System.getLogger(DataGovernance.class.getName());

    private final ContentScanner scanner;
    private final DataRules rules;
    /** The record rules of each resolved set of rules (those are kept per project and level, so this stays small). */
    private final java.util.concurrent.ConcurrentHashMap<ClassRules, ClassRules> forRecords = new java.util.concurrent.ConcurrentHashMap<>();

    /** The scanner of {@code detectors} under {@code rules}, hashing with {@code key}; no optional detectors. */
    public DataGovernance(List<ContentDetector> detectors, DataRules rules, MaskingKey key) {
        this(detectors, OptionalDetectors.none(), rules, key);
    }

    /**
     * The scanner of {@code detectors}, and of the {@code optional} detectors where the rules enable
     * them ({@link DataRules#detectors()}), under {@code rules}, hashing with {@code key}. Every
     * optional detector the rules name is loaded here, once (so a model loads at startup, and only
     * when some project or level enables it).
     *
     * @throws IllegalArgumentException when the rules name an optional detector not offered
     * @throws RuntimeException         when one cannot be loaded
     */
    public DataGovernance(List<ContentDetector> detectors, OptionalDetectors optional, DataRules rules, MaskingKey key) {
        this.rules = Objects.requireNonNull(rules, "rules");
        for (String id : rules.detectors().named()) {
            if (!optional.offered().containsKey(id)) {
                throw new IllegalArgumentException("no installed optional detector has id '" + id + "'"
                        + (optional.offered().isEmpty() ? " (none is installed)"
                        : " (installed: " + String.join(", ", new java.util.TreeSet<>(optional.offered().keySet())) + ")"));
            }
            long started = System.nanoTime();
            ContentDetector d = optional.load(id);
            LOG.log(System.Logger.Level.INFO, "optional detector " + d.id() + " v" + d.version() + " loaded in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms");
        }
        this.scanner = new ContentScanner(detectors, optional, rules.limits(), key);
    }

    /** The scanner. */
    public ContentScanner scanner() {
        return scanner;
    }

    /** The rules. */
    public DataRules rules() {
        return rules;
    }

    /** The rules of a call by an agent of {@code project} at {@code level} (null for unknown). */
    public ClassRules rulesFor(String project, String level) {
        return rules.forCall(project, level);
    }

    /** Scans text, JSON or bytes under the rules of {@code project} and {@code level}. */
    public ScanResult scan(Object content, String project, String level) {
        return scanner.scan(content, rulesFor(project, level));
    }

    /**
     * The arguments as an audit record may keep them: every value of a class whose action is mask,
     * hash or block is replaced (mask by its placeholder, hash and block by the keyed hash, so equal
     * values still correlate). With the rules of {@code project} and {@code level}.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> forRecord(Map<String, Object> args, String project, String level) {
        ClassRules call = rulesFor(project, level);
        ScanResult r = scanner.scanJson(args, forRecords.computeIfAbsent(call, DataGovernance::recordRules));
        if (r.masked() instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        // refused (too deep or too large to scan): the record keeps no arguments rather than raw ones
        return Map.of("warden_withheld", r.code().orElse("unscanned"));
    }

    /**
     * A text (a rationale) as an audit record may keep it: values of mask, hash and block classes
     * replaced as in {@link #forRecord}; a text that cannot be scanned is withheld.
     */
    public String forRecord(String text, String project, String level) {
        ClassRules call = rulesFor(project, level);
        ScanResult r = scanner.scanText(text, forRecords.computeIfAbsent(call, DataGovernance::recordRules));
        return r.masked() instanceof String s ? s : "[withheld: " + r.code().orElse("unscanned") + "]";
    }

    /** The rules with block turned into hash: for records, which keep no blocked value in the clear. */
    static ClassRules recordRules(ClassRules call) {
        EnumMap<DataClass, ClassRule> out = new EnumMap<>(DataClass.class);
        for (DataClass c : DataClass.values()) {
            ClassRule r = call.rule(c);
            out.put(c, r.action() == DataAction.BLOCK ? new ClassRule(DataAction.HASH, r.threshold(), r.source()) : r);
        }
        return new ClassRules(out, call.detectors());
    }

    /**
     * Scans a tool's output and applies the tool's output checks ({@link OutputRule}): the largest
     * size, the schema of its JSON, and the forbidden classes. A violation is a block naming the rule
     * (code {@code output_too_large}, {@code output_schema} or {@code output_forbidden}).
     *
     * @param tool    the tool's catalog name
     * @param content what to scan: the output's text, or a JSON value holding all of it
     * @param text    the output's text, for the size and schema checks (null when it has none)
     * @param json    the output's structured JSON, for the size and schema checks (null when it has none)
     */
    public ScanResult scanOutput(String tool, Object content, String text, Object json, String project, String level) {
        ClassRules call = rulesFor(project, level);
        Optional<OutputRule> rule = rules.output(tool);
        if (rule.isPresent()) {
            Optional<ScanResult> violation = checkShape(rule.get(), text, json);
            if (violation.isPresent()) {
                LOG.log(System.Logger.Level.INFO, "output of " + tool + " withheld: " + violation.get().message().orElse(""));
                return violation.get();
            }
        }
        ScanResult r = scanner.scan(content == null ? "" : content, call);
        if (rule.isPresent() && !r.blocked()) {
            for (ScanFinding f : r.findings()) {
                if (rule.get().forbid().contains(f.dataClass()) && call.rule(f.dataClass()).counts(f.score())) {
                    return blocked(r, rule.get().source() + ".forbid", "output_forbidden", "the output of " + tool
                            + " carries " + f.dataClass().id() + ", which its output rule forbids");
                }
            }
        }
        if (r.blocked()) {
            LOG.log(System.Logger.Level.INFO, "output of " + tool + " withheld by " + r.rule().orElse("?") + ": "
                    + r.code().orElse(""));
        }
        return r;
    }

    private static Optional<ScanResult> checkShape(OutputRule rule, String text, Object json) {
        if (rule.maxBytes().isPresent()) {
            long size = json != null ? CanonicalJson.write(json).getBytes(StandardCharsets.UTF_8).length
                    : text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
            if (size > rule.maxBytes().getAsLong()) {
                return Optional.of(blocked(null, rule.source() + ".max_bytes", "output_too_large", "the output takes "
                        + size + " bytes, more than its rule's " + rule.maxBytes().getAsLong()));
            }
        }
        if (rule.schema().isPresent()) {
            Object value = json;
            if (value == null) {
                try {
                    value = JsonReader.parse(text == null ? "" : text);
                } catch (RuntimeException e) {
                    return Optional.of(blocked(null, rule.source() + ".schema", "output_schema",
                            "the output is not JSON, and its rule gives a schema"));
                }
            }
            JsonSchema schema = rule.schema().get();
            List<String> problems = schema.validate(value, "output");
            if (!problems.isEmpty()) {
                return Optional.of(blocked(null, rule.source() + ".schema", "output_schema",
                        "the output does not match its schema: " + problems.getFirst()));
            }
        }
        return Optional.empty();
    }

    private static ScanResult blocked(ScanResult found, String rule, String code, String message) {
        return new ScanResult(found == null ? List.of() : found.findings(), found == null ? java.util.Set.of() : found.labels(),
                ScanVerdict.BLOCK, Optional.of(rule), Optional.of(code), Optional.of(message), null,
                found == null ? List.of() : found.failures());
    }
}
