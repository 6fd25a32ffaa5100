package dev.warden.scan;

import dev.warden.catalog.JsonSchema;
import dev.warden.decision.DecisionContext;
import dev.warden.decision.Guard;
import dev.warden.decision.Reason;
import dev.warden.flow.LabelSource;
import dev.warden.flow.SessionLabels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Data scans of a call (guard {@code data}), after the flow guard and before the policy: scans the
 * arguments and the agent's prompt ({@link dev.warden.decision.DecisionRequest#prompt}) under the
 * rules of the agent's project and level.
 *
 * <ul>
 *   <li>A block-mode class in the arguments denies the call ({@code data_blocked}; a detector that
 *       failed for a block-mode class, {@code detector_failed}; arguments that cannot be scanned,
 *       their refusal code), the reason naming the rule and the argument's path, never the value.</li>
 *   <li>The classes found in the arguments reach the policy as {@code context.data_classes} (only
 *       when some were found; policies test it with {@code has}).</li>
 *   <li>The decision's audit record keeps the arguments (and the rationale) with mask, hash and
 *       block values replaced, and a {@code data} field with what was found where, by which detector.</li>
 *   <li>What the prompt carries labels the session at once ({@code untrusted} for an injection),
 *       so this very call is judged with the label; a block-mode class in the prompt denies.</li>
 * </ul>
 */
public final class DataGuard implements Guard {
    /** The context entry of the classes found in the arguments. */
    public static final String DATA_CLASSES = "data_classes";

    /** The context entries this guard adds, declared for the policy engine. */
    public static final Map<String, JsonSchema> CONTEXT_ENTRIES = Map.of(DATA_CLASSES,
            JsonSchema.of(Map.of("type", "array", "items", Map.of("type", "string"))));

    private static final System.Logger LOG = System.getLogger(DataGuard.class.getName());

    private final DataGovernance data;
    private final SessionLabels labels;

    /** A guard scanning with {@code data} and labelling sessions in {@code labels}. */
    public DataGuard(DataGovernance data, SessionLabels labels) {
        this.data = Objects.requireNonNull(data, "data");
        this.labels = Objects.requireNonNull(labels, "labels");
    }

    @Override
    public Verdict check(DecisionContext decision) {
        String project = decision.agent().project();
        String level = decision.level();
        Map<String, Object> args = decision.request().args();
        Map<String, Object> summary = new LinkedHashMap<>();
        if (!args.isEmpty()) {
            ScanResult r = data.scanner().scanJson(args, data.rulesFor(project, level));
            if (!r.findings().isEmpty() || r.code().isPresent()) {
                summary.put("args", r.audit());
            }
            if (r.blocked()) {
                decision.recordArgs(data.forRecord(args, project, level));
                decision.record("data", summary);
                return Verdict.deny(Reason.of("data", r.code().orElse("data_blocked"), "arguments refused: "
                        + r.message().orElse("blocked") + where(r)));
            }
            if (r.verdict() == ScanVerdict.MASK) {
                @SuppressWarnings("unchecked")
                Map<String, Object> masked = (Map<String, Object>) r.masked();
                decision.recordArgs(masked);
            } else {
                decision.recordArgs(args); // scanned: nothing to mask, and the decision point need not scan again
            }
            List<String> classes = r.classes();
            if (!classes.isEmpty()) {
                decision.put(DATA_CLASSES, classes);
            }
        }
        String resource = decision.request().effectiveResource();
        String recordedResource = data.forRecord(resource, project, level);
        if (!recordedResource.equals(resource)) {
            decision.recordResource(recordedResource); // a resource may name a customer: customers/ada@example.org
        }
        decision.request().rationale().ifPresent(r -> {
            String recorded = data.forRecord(r, project, level);
            if (!recorded.equals(r)) {
                decision.recordRationale(recorded); // the agent's stated intent may name a customer too
            }
        });
        Optional<String> prompt = decision.request().prompt();
        if (prompt.isPresent()) {
            ScanResult p = data.scanner().scanText(prompt.get(), data.rulesFor(project, level));
            if (!p.findings().isEmpty() || p.code().isPresent()) {
                summary.put("prompt", p.audit());
            }
            labelFromPrompt(decision, p);
            if (p.blocked()) {
                decision.record("data", summary);
                return Verdict.deny(Reason.of("data", p.code().orElse("data_blocked"), "prompt refused: "
                        + p.message().orElse("blocked")));
            }
        }
        if (!summary.isEmpty()) {
            decision.record("data", summary);
        }
        return Verdict.PASS;
    }

    private void labelFromPrompt(DecisionContext decision, ScanResult p) {
        String session = decision.request().caller().sessionId();
        if (p.labels().isEmpty() || session == null) {
            return;
        }
        Set<String> now = new TreeSet<>(decision.sessionLabels());
        now.addAll(p.labels());
        decision.sessionLabels(now); // this call is judged with what the prompt carries
        try {
            labels.label(decision.agent().name(), session, p.labels(), new LabelSource(Optional.of(decision.id().value()),
                    decision.tool().name(), "prompt", decision.now(), "scan:prompt"));
        } catch (RuntimeException e) {
            // held in memory all the same (SessionLabels#label); the decision goes on with the labels
            LOG.log(System.Logger.Level.ERROR, "prompt labels of " + decision.id() + " not recorded: " + e.getMessage());
        }
    }

    private static String where(ScanResult r) {
        for (ScanFinding f : r.findings()) {
            if (r.code().filter("data_blocked"::equals).isPresent() && f.path().isPresent()
                    && r.rule().filter(x -> x.contains("." + f.dataClass().id() + "=")).isPresent()) {
                return " at " + f.path().get();
            }
        }
        return "";
    }
}
