package dev.warden.behavior;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one agent usually does, and what it did lately: the monitor's state per agent. Fixed-size
 * arrays (a minute ring for the last hour, expected calls per hour of week and of day) and capped
 * sets keep it bounded whatever the traffic. Only the monitor's thread touches it.
 *
 * <p>Each completed hour is folded into the baseline: expected calls per hour of the week (an EWMA
 * over weeks, weight {@value #WEEK_ALPHA}) and per hour of the day (over days, weight
 * {@value #DAY_ALPHA}), with their variance; deny and error shares and latency over active hours.
 * Nothing older than a month keeps weight worth counting, and an agent silent for more than 30
 * days starts learning again.
 */
public final class AgentBaseline {
    static final double WEEK_ALPHA = 0.5;
    static final double DAY_ALPHA = 0.2;
    static final double SHARE_ALPHA = 0.05;
    static final int MAX_TOOLS = 256;
    static final int MAX_CLASSES = 64;
    static final int MAX_DISTINCT = 256;
    static final int EVIDENCE = 16;
    /** Days an hour of the (week or weekend) day must have been seen before volume is judged against it. */
    static final int RHYTHM_DAYS = 2;
    /** Call times kept for counts finer than a minute (the volume rule's short windows). */
    static final int RECENT = 128;
    private static final int FORMAT = 2; // 2: weekday and weekend day rhythm (1 had one, read as both)
    private static final Duration STALE = Duration.ofDays(30);

    private final String agent;
    private Instant firstSeen;
    private Instant lastSeen;
    private long operations;
    private long activeHours;

    // the times (epoch ms) of the latest RECENT calls, oldest overwritten first
    private final long[] recentCalls = new long[RECENT];
    private int recentNext;
    // the latest RECENT outcomes: time (epoch ms) shifted left once, the low bit set when it failed
    private final long[] recentOutcomes = new long[RECENT];
    private int outcomeNext;
    // the last hour, minute by minute
    private final long[] minuteStamp = new long[60];
    private final int[] minuteCalls = new int[60];
    private final int[] minuteDenies = new int[60];
    private final int[] minuteOutcomes = new int[60];
    private final int[] minuteFailures = new int[60];

    // the hour in progress
    private long hour = Long.MIN_VALUE;
    private int hourCalls;
    private int hourDenies;
    private int hourOutcomes;
    private int hourFailures;
    private long hourMicros;

    // the baseline
    private final double[] weekMean = new double[168];
    private final double[] weekVar = new double[168];
    private final int[] weekSamples = new int[168];
    // by hour of day, weekdays in 0..23 and weekends in 24..47: a Monday is not judged by the Sunday before it
    private final double[] dayMean = new double[48];
    private final double[] dayVar = new double[48];
    private final int[] daySamples = new int[48];
    private double denyShare;
    private double errorShare;
    private double latencyMicros;
    private double distinctPerMinute;
    private long approvalsAsked;
    private long approvalsRedeemed;

    // distinct resources read in the current minute (hashes, open addressing)
    private long distinctMinute = Long.MIN_VALUE;
    private final int[] distinctHashes = new int[MAX_DISTINCT];
    private int distinctCount;
    // distinct resources touched (hashes, open addressing, at most MAX_DISTINCT; an int array, not boxed)
    private final int[] touched = new int[MAX_DISTINCT * 2];
    private int touchedCount;

    private final Map<String, ToolStats> tools = new LinkedHashMap<>();
    private final Set<String> resourceClasses = new LinkedHashSet<>();
    private final String[] evidence = new String[EVIDENCE];
    private final long[] evidenceAt = new long[EVIDENCE]; // decision times (epoch ms), for the action latency
    private double actionMillis = -1; // EWMA of decision -> outcome time; -1 until one is known
    private int evidenceNext;
    private final Map<String, Instant> lastFired = new LinkedHashMap<>();
    private boolean dirty = true; // changed since its last snapshot

    /** Counts per agent x tool. */
    public static final class ToolStats {
        long calls;
        long denies;
        long outcomes;
        long failures;
        double impact;
        long micros;
        double hourlyShare;
        int hourCalls;

        /** Decisions for this tool. */
        public long calls() {
            return calls;
        }

        /** Failed outcomes for this tool. */
        public long failures() {
            return failures;
        }
    }

    AgentBaseline(String agent) {
        this.agent = agent;
    }

    /** The agent. */
    public String agent() {
        return agent;
    }

    /** Whether the baseline counts: watched for {@code period} or {@code operations} decisions. */
    public boolean learned(Instant now, Duration period, long ops) {
        return firstSeen != null && (operations >= ops || !now.isBefore(firstSeen.plus(period)));
    }

    /** Folds a decision in. */
    void decided(BehaviorEvent.Decided e) {
        dirty = true;
        Instant at = e.at();
        if (lastSeen != null && at.isAfter(lastSeen.plus(STALE))) {
            reset();
        }
        if (firstSeen == null) {
            firstSeen = at;
        }
        advance(at);
        lastSeen = max(lastSeen, at);
        operations++;
        int m = minute(at);
        minuteCalls[m]++;
        hourCalls++;
        recentCalls[recentNext] = at.toEpochMilli();
        recentNext = (recentNext + 1) % RECENT;
        hourMicros += e.micros();
        if (e.refused()) {
            minuteDenies[m]++;
            hourDenies++;
        }
        if ("approval_required".equals(e.decision())) {
            approvalsAsked++;
        } else if (e.reasons().contains("approval_redeemed")) {
            approvalsRedeemed++;
        }
        ToolStats t = tool(e.tool());
        if (t != null) {
            t.calls++;
            t.hourCalls++;
            t.micros += e.micros();
            if (e.refused()) {
                t.denies++;
            }
            if (!e.denied() && e.impact().isPresent()) {
                t.impact += e.impact().get();
            }
        }
        int h = e.target();
        touch(h);
        if (e.read()) {
            long em = at.getEpochSecond() / 60;
            if (em != distinctMinute) {
                foldDistinct();
                distinctMinute = em;
            }
            addDistinct(h);
        }
        evidence[evidenceNext] = e.decisionId();
        evidenceAt[evidenceNext] = at.toEpochMilli();
        evidenceNext = (evidenceNext + 1) % EVIDENCE;
    }

    /** Folds an outcome in. */
    void outcome(BehaviorEvent.Outcome o) {
        dirty = true;
        if (firstSeen == null) {
            firstSeen = o.at();
        }
        advance(o.at());
        lastSeen = max(lastSeen, o.at());
        int m = minute(o.at());
        minuteOutcomes[m]++;
        hourOutcomes++;
        recentOutcomes[outcomeNext] = (o.at().toEpochMilli() << 1) | (o.failed() ? 1 : 0);
        outcomeNext = (outcomeNext + 1) % RECENT;
        if (o.failed()) {
            minuteFailures[m]++;
            hourFailures++;
        }
        for (int i = 0; i < EVIDENCE; i++) {
            if (o.decisionId().equals(evidence[i])) { // a recent decision: how long its action took
                double ms = Math.max(0, o.at().toEpochMilli() - evidenceAt[i]);
                actionMillis = actionMillis < 0 ? ms : actionMillis + SHARE_ALPHA * (ms - actionMillis);
                break;
            }
        }
        o.tool().map(this::tool).ifPresent(t -> {
            t.outcomes++;
            if (o.failed()) {
                t.failures++;
            }
        });
    }

    private static Instant max(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    private ToolStats tool(String name) {
        ToolStats t = tools.get(name);
        if (t == null && tools.size() < MAX_TOOLS) {
            t = new ToolStats();
            tools.put(name, t);
        }
        return t;
    }

    /** Whether the agent used this tool before (true when too many tools are known to tell). */
    public boolean knowsTool(String name) {
        return tools.containsKey(name) || tools.size() >= MAX_TOOLS;
    }

    /** Remembers a resource class; true if it is new (false when too many are known to tell). */
    boolean learnClass(String resourceClass) {
        if (resourceClasses.contains(resourceClass) || resourceClasses.size() >= MAX_CLASSES) {
            return false;
        }
        resourceClasses.add(resourceClass);
        return true;
    }

    /** Whether this resource class was seen. */
    public boolean knowsClass(String resourceClass) {
        return resourceClasses.contains(resourceClass) || resourceClasses.size() >= MAX_CLASSES;
    }

    private int minute(Instant at) {
        long em = at.getEpochSecond() / 60;
        int i = (int) Math.floorMod(em, 60L);
        if (minuteStamp[i] != em) {
            minuteStamp[i] = em;
            minuteCalls[i] = 0;
            minuteDenies[i] = 0;
            minuteOutcomes[i] = 0;
            minuteFailures[i] = 0;
        }
        return i;
    }

    /** Closes the hours that ended before {@code at}, folding them into the baseline. */
    private void advance(Instant at) {
        long h = Math.floorDiv(at.getEpochSecond(), 3600L);
        if (hour == Long.MIN_VALUE) {
            hour = h;
            return;
        }
        if (h <= hour) {
            return; // late events count in the hour in progress
        }
        fold(hour, hourCalls, hourDenies, hourOutcomes, hourFailures, hourMicros);
        long quiet = Math.min(h - hour - 1, 168); // a week of quiet hours says all there is to say
        for (long q = 1; q <= quiet; q++) {
            fold(h - quiet - 1 + q, 0, 0, 0, 0, 0);
        }
        hour = h;
        hourCalls = hourDenies = hourOutcomes = hourFailures = 0;
        hourMicros = 0;
        for (ToolStats t : tools.values()) {
            t.hourCalls = 0;
        }
    }

    private void fold(long epochHour, int calls, int denies, int outcomes, int failures, long micros) {
        int how = hourOfWeek(epochHour);
        ewma(weekMean, weekVar, weekSamples, how, calls, WEEK_ALPHA);
        ewma(dayMean, dayVar, daySamples, daySlot(epochHour), calls, DAY_ALPHA);
        if (calls > 0) {
            activeHours++;
            denyShare += SHARE_ALPHA * ((double) denies / calls - denyShare);
            latencyMicros += SHARE_ALPHA * ((double) micros / calls - latencyMicros);
            for (ToolStats t : tools.values()) {
                t.hourlyShare += SHARE_ALPHA * ((double) t.hourCalls / calls - t.hourlyShare);
            }
        }
        if (outcomes > 0) {
            errorShare += SHARE_ALPHA * ((double) failures / outcomes - errorShare);
        }
    }

    private static void ewma(double[] mean, double[] var, int[] samples, int i, double x, double alpha) {
        if (samples[i] == 0) {
            mean[i] = x;
            var[i] = 0;
        } else {
            double d = x - mean[i];
            mean[i] += alpha * d;
            var[i] = (1 - alpha) * (var[i] + alpha * d * d);
        }
        if (samples[i] < Integer.MAX_VALUE) {
            samples[i]++;
        }
    }

    private void addDistinct(int h) {
        if (distinctCount >= MAX_DISTINCT / 2) {
            distinctCount++; // saturated: counts on, no longer exact
            return;
        }
        int i = Math.floorMod(h * 0x9E3779B9, MAX_DISTINCT);
        while (distinctHashes[i] != 0) {
            if (distinctHashes[i] == (h | 1)) {
                return;
            }
            i = (i + 1) % MAX_DISTINCT;
        }
        distinctHashes[i] = h | 1;
        distinctCount++;
    }

    private void touch(int h) {
        if (touchedCount >= MAX_DISTINCT) {
            return;
        }
        int i = Math.floorMod(h * 0x9E3779B9, touched.length);
        while (touched[i] != 0) {
            if (touched[i] == (h | 1)) {
                return;
            }
            i = (i + 1) % touched.length;
        }
        touched[i] = h | 1;
        touchedCount++;
    }

    private void foldDistinct() {
        if (distinctMinute != Long.MIN_VALUE) {
            distinctPerMinute += SHARE_ALPHA * (distinctCount - distinctPerMinute);
        }
        java.util.Arrays.fill(distinctHashes, 0);
        distinctCount = 0;
    }

    /** Hour of the week, 0 = Monday 00:00 UTC. */
    static int hourOfWeek(long epochHour) {
        // 1970-01-01 was a Thursday: three days after a Monday
        return (int) Math.floorMod(epochHour + 72, 168L);
    }

    /** The day-rhythm slot of an hour: its hour of day, plus 24 on Saturdays and Sundays (UTC). */
    static int daySlot(long epochHour) {
        return (int) Math.floorMod(epochHour, 24L) + (hourOfWeek(epochHour) >= 120 ? 24 : 0);
    }

    static int daySlot(Instant at) {
        return daySlot(Math.floorDiv(at.getEpochSecond(), 3600L));
    }

    /** Hour of the week of an instant. */
    public static int hourOfWeek(Instant at) {
        return hourOfWeek(Math.floorDiv(at.getEpochSecond(), 3600L));
    }

    // ---- what detectors read ----

    /** Calls, denies, outcomes and failures in the {@code minutes} minutes up to {@code at}. */
    public Window window(Instant at, int minutes) {
        long now = at.getEpochSecond() / 60;
        int calls = 0;
        int denies = 0;
        int outcomes = 0;
        int failures = 0;
        for (int i = 0; i < 60; i++) {
            long age = now - minuteStamp[i];
            if (age >= 0 && age < minutes) {
                calls += minuteCalls[i];
                denies += minuteDenies[i];
                outcomes += minuteOutcomes[i];
                failures += minuteFailures[i];
            }
        }
        return new Window(calls, denies, outcomes, failures);
    }

    /**
     * Calls in the {@code seconds} seconds up to {@code at}, to the millisecond while the latest
     * {@value #RECENT} calls reach back that far, else whole minutes from the minute ring.
     */
    public int callsIn(Instant at, long seconds) {
        long now = at.toEpochMilli();
        long from = now - seconds * 1000;
        int n = 0;
        for (int k = 1; k <= RECENT; k++) {
            long t = recentCalls[Math.floorMod(recentNext - k, RECENT)];
            if (t == 0 || t <= from) {
                return n;
            }
            if (t <= now) {
                n++;
            }
        }
        return window(at, (int) Math.max(1, Math.min(60, (seconds + 59) / 60))).calls();
    }

    /**
     * Failures among the latest {@code count} outcomes reported in the {@code seconds} seconds up
     * to {@code at}, or -1 when fewer were reported in that time (or {@code count} exceeds
     * {@value #RECENT}).
     */
    public int failuresInLast(Instant at, int count, long seconds) {
        if (count < 1 || count > RECENT) {
            return -1;
        }
        long now = at.toEpochMilli();
        long from = now - seconds * 1000;
        int seen = 0;
        int failures = 0;
        for (int k = 1; k <= RECENT && seen < count; k++) {
            long v = recentOutcomes[Math.floorMod(outcomeNext - k, RECENT)];
            long t = v >> 1;
            if (v == 0 || t <= from) {
                return -1;
            }
            if (t <= now) {
                seen++;
                failures += (int) (v & 1);
            }
        }
        return seen == count ? failures : -1;
    }

    /**
     * The counts of the shortest window of at least {@code minMinutes} minutes up to {@code at} that
     * holds {@code minOutcomes} outcomes, looking back at most an hour (then the hour's counts).
     */
    public Span windowHoldingOutcomes(Instant at, int minMinutes, int minOutcomes) {
        long now = at.getEpochSecond() / 60;
        int[] calls = new int[60];
        int[] denies = new int[60];
        int[] outcomes = new int[60];
        int[] failures = new int[60];
        for (int i = 0; i < 60; i++) {
            long age = now - minuteStamp[i];
            if (age >= 0 && age < 60) {
                int a = (int) age;
                calls[a] += minuteCalls[i];
                denies[a] += minuteDenies[i];
                outcomes[a] += minuteOutcomes[i];
                failures[a] += minuteFailures[i];
            }
        }
        Window w = new Window(0, 0, 0, 0);
        for (int a = 0; a < 60; a++) {
            w = new Window(w.calls() + calls[a], w.denies() + denies[a], w.outcomes() + outcomes[a],
                    w.failures() + failures[a]);
            if (a + 1 >= minMinutes && w.outcomes() >= minOutcomes) {
                return new Span(w, a + 1);
            }
        }
        return new Span(w, 60);
    }

    /**
     * A window's counts and its length.
     *
     * @param window  the counts
     * @param minutes the minutes it spans
     */
    public record Span(Window window, int minutes) {
    }

    /**
     * Counts in a window.
     *
     * @param calls    decisions
     * @param denies   denied decisions
     * @param outcomes outcomes reported
     * @param failures failed outcomes
     */
    public record Window(int calls, int denies, int outcomes, int failures) {
    }

    /** Expected calls per hour at {@code at}: by hour of week once two weeks were seen there, else by hour of day. */
    public double expectedPerHour(Instant at) {
        long h = Math.floorDiv(at.getEpochSecond(), 3600L);
        int how = hourOfWeek(h);
        if (weekSamples[how] >= 2) {
            return weekMean[how];
        }
        int slot = daySlot(h);
        if (daySamples[slot] > 0) {
            return dayMean[slot];
        }
        int other = (slot + 24) % 48; // a first weekend is judged by the weekdays' rhythm, not by nothing
        return daySamples[other] > 0 ? dayMean[other] : 0;
    }

    /** The standard deviation of calls per hour at {@code at} (never below the Poisson floor sqrt(mean)). */
    public double sigmaPerHour(Instant at) {
        long h = Math.floorDiv(at.getEpochSecond(), 3600L);
        int how = hourOfWeek(h);
        double var;
        double mean;
        if (weekSamples[how] >= 2) {
            var = weekVar[how];
            mean = weekMean[how];
        } else {
            int slot = daySlot(h);
            if (daySamples[slot] == 0) {
                slot = (slot + 24) % 48;
            }
            var = dayVar[slot];
            mean = dayMean[slot];
        }
        return Math.sqrt(Math.max(var, Math.max(mean, 1)));
    }

    /**
     * Calls expected in the {@code minutes} minutes up to {@code at}: each minute at its own hour's
     * rate, so a window across an hour boundary expects what both hours usually see.
     */
    public double expectedIn(Instant at, int minutes) {
        double sum = 0;
        for (int m = 0; m < minutes; m++) {
            sum += expectedPerHour(at.minusSeconds(60L * m)) / 60.0;
        }
        return sum;
    }

    /** Calls expected in the {@code seconds} seconds up to {@code at}, each part at its own hour's rate. */
    public double expectedInSeconds(Instant at, long seconds) {
        double sum = 0;
        long end = at.toEpochMilli();
        long start = end - seconds * 1000;
        while (end > start) {
            long hourStart = Math.floorDiv(end - 1, 3_600_000L) * 3_600_000L; // the hour holding the instant just before end
            long from = Math.max(start, hourStart);
            sum += expectedPerHour(Instant.ofEpochMilli(from)) * (end - from) / 3_600_000.0;
            end = from;
        }
        return sum;
    }

    /**
     * Whether every hour the window touches was seen before (as an hour of the day): where it was
     * not, there is nothing to compare with yet, however many operations were seen.
     */
    public boolean knowsHours(Instant at, int minutes) {
        // a window of at most an hour touches at most two hours: its first and its last
        return daySamples[daySlot(at)] >= RHYTHM_DAYS && daySamples[daySlot(at.minusSeconds(60L * (minutes - 1)))] >= RHYTHM_DAYS;
    }

    /** The standard deviation of the calls in that window (hourly variance scaled to the minutes). */
    public double sigmaIn(Instant at, int minutes) {
        double var = 0;
        for (int m = 0; m < minutes; m++) {
            double s = sigmaPerHour(at.minusSeconds(60L * m));
            var += s * s / 60.0;
        }
        return Math.sqrt(var);
    }

    /** How many hours of day were seen, per hour of day (0 when never). */
    public int daySamples(int hourOfDay) {
        return daySamples[hourOfDay] + daySamples[hourOfDay + 24];
    }

    /** Expected calls in hour of day {@code h} on a weekday. */
    public double dayMean(int hourOfDay) {
        return dayMean[hourOfDay];
    }

    /** The agent's usual share of denied decisions. */
    public double denyShare() {
        return denyShare;
    }

    /** The agent's usual share of failed outcomes. */
    public double errorShare() {
        return errorShare;
    }

    /** The usual number of distinct resources read per minute. */
    public double distinctPerMinute() {
        return distinctPerMinute;
    }

    /** Distinct resources read in the current minute up to {@code at}. */
    public int distinctReadsThisMinute(Instant at) {
        return at.getEpochSecond() / 60 == distinctMinute ? distinctCount : 0;
    }

    /** Hours with activity folded into the baseline. */
    public long activeHours() {
        return activeHours;
    }

    /** Decisions seen. */
    public long operations() {
        return operations;
    }

    /** When the agent was first seen by the monitor. */
    public Instant firstSeen() {
        return firstSeen;
    }

    /** The latest decision ids, oldest first (at most {@value #EVIDENCE}). */
    public List<String> recentDecisions(int max) {
        List<String> out = new ArrayList<>(EVIDENCE);
        for (int i = 0; i < EVIDENCE; i++) {
            String id = evidence[(evidenceNext + i) % EVIDENCE];
            if (id != null) {
                out.add(id);
            }
        }
        return out.size() <= max ? out : out.subList(out.size() - max, out.size());
    }

    /** When {@code key} last fired, to hold back repeats. */
    Instant lastFired(String key) {
        return lastFired.get(key);
    }

    void fired(String key, Instant at) {
        if (lastFired.size() >= MAX_TOOLS * 2 && !lastFired.containsKey(key)) {
            lastFired.remove(lastFired.keySet().iterator().next());
        }
        lastFired.put(key, at);
    }

    private void reset() {
        firstSeen = null;
        operations = 0;
        activeHours = 0;
        hour = Long.MIN_VALUE;
        hourCalls = hourDenies = hourOutcomes = hourFailures = 0;
        java.util.Arrays.fill(weekSamples, 0);
        java.util.Arrays.fill(daySamples, 0);
        java.util.Arrays.fill(weekMean, 0);
        java.util.Arrays.fill(dayMean, 0);
        denyShare = errorShare = latencyMicros = distinctPerMinute = 0;
        tools.clear();
        resourceClasses.clear();
        java.util.Arrays.fill(touched, 0);
        touchedCount = 0;
    }

    /** The baseline as shown by {@code GET /v1/agents/{name}/baseline}. */
    public Map<String, Object> view(Instant now, Duration period, long ops) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("agent", agent);
        v.put("learning", !learned(now, period, ops));
        v.put("first_seen", firstSeen == null ? null : firstSeen.toString());
        v.put("last_seen", lastSeen == null ? null : lastSeen.toString());
        v.put("operations", operations);
        v.put("active_hours", activeHours);
        Window minute = window(now, 1);
        Window lastHour = window(now, 60);
        v.put("calls_last_minute", minute.calls());
        v.put("calls_last_hour", lastHour.calls());
        v.put("expected_calls_this_hour", round(expectedPerHour(now)));
        v.put("deny_rate", round(denyShare));
        v.put("error_rate", round(errorShare));
        v.put("approval_acceptance", approvalsAsked == 0 ? null : round((double) approvalsRedeemed / approvalsAsked));
        v.put("decision_latency_us", round(latencyMicros));
        v.put("action_latency_ms", actionMillis < 0 ? null : round(actionMillis));
        v.put("distinct_resources", touchedCount);
        v.put("distinct_reads_per_minute", round(distinctPerMinute));
        List<Double> byHour = new ArrayList<>(24);
        for (int h = 0; h < 24; h++) {
            byHour.add(round(dayMean[h]));
        }
        v.put("expected_calls_by_hour_of_day", byHour);
        List<Double> byWeekendHour = new ArrayList<>(24);
        for (int h = 24; h < 48; h++) {
            byWeekendHour.add(round(dayMean[h]));
        }
        v.put("expected_calls_by_hour_of_weekend_day", byWeekendHour);
        Map<String, Double> byWeekday = new LinkedHashMap<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            double sum = 0;
            for (int h = 0; h < 24; h++) {
                sum += weekMean[(d.getValue() - 1) * 24 + h];
            }
            byWeekday.put(d.name().toLowerCase(java.util.Locale.ROOT), round(sum));
        }
        v.put("expected_calls_by_weekday", byWeekday);
        Map<String, Object> perTool = new LinkedHashMap<>();
        tools.forEach((name, t) -> {
            Map<String, Object> tv = new LinkedHashMap<>();
            tv.put("calls", t.calls);
            tv.put("share", round(t.hourlyShare));
            tv.put("deny_rate", t.calls == 0 ? 0.0 : round((double) t.denies / t.calls));
            tv.put("error_rate", t.outcomes == 0 ? 0.0 : round((double) t.failures / t.outcomes));
            tv.put("impact_sum", round(t.impact));
            tv.put("decision_latency_us", t.calls == 0 ? 0.0 : round((double) t.micros / t.calls));
            perTool.put(name, tv);
        });
        v.put("tools", perTool);
        v.put("resource_classes", List.copyOf(resourceClasses));
        return v;
    }

    private static double round(double d) {
        return Math.round(d * 1000) / 1000.0;
    }

    /** Hour of day of an instant (UTC). */
    public static int hourOfDay(Instant at) {
        return ZonedDateTime.ofInstant(at, ZoneOffset.UTC).getHour();
    }

    // ---- persistence ----

    /** Whether it changed since its last {@link #snapshot()} (only changed baselines are written). */
    public boolean dirty() {
        return dirty;
    }

    /** Marks it changed (its snapshot could not be stored: the next round writes it again). */
    void changed() {
        dirty = true;
    }

    /** The baseline as bytes for the store (the minute ring and the hour in progress included). */
    public byte[] snapshot() {
        dirty = false;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(FORMAT);
            out.writeLong(firstSeen == null ? Long.MIN_VALUE : firstSeen.toEpochMilli());
            out.writeLong(lastSeen == null ? Long.MIN_VALUE : lastSeen.toEpochMilli());
            out.writeLong(operations);
            out.writeLong(activeHours);
            for (int i = 0; i < 60; i++) {
                out.writeLong(minuteStamp[i]);
                out.writeInt(minuteCalls[i]);
                out.writeInt(minuteDenies[i]);
                out.writeInt(minuteOutcomes[i]);
                out.writeInt(minuteFailures[i]);
            }
            out.writeLong(hour);
            out.writeInt(hourCalls);
            out.writeInt(hourDenies);
            out.writeInt(hourOutcomes);
            out.writeInt(hourFailures);
            out.writeLong(hourMicros);
            for (int i = 0; i < 168; i++) {
                out.writeDouble(weekMean[i]);
                out.writeDouble(weekVar[i]);
                out.writeInt(weekSamples[i]);
            }
            for (int i = 0; i < 48; i++) {
                out.writeDouble(dayMean[i]);
                out.writeDouble(dayVar[i]);
                out.writeInt(daySamples[i]);
            }
            out.writeDouble(denyShare);
            out.writeDouble(errorShare);
            out.writeDouble(latencyMicros);
            out.writeDouble(distinctPerMinute);
            out.writeLong(approvalsAsked);
            out.writeLong(approvalsRedeemed);
            out.writeInt(touchedCount);
            for (int h : touched) {
                if (h != 0) {
                    out.writeInt(h);
                }
            }
            out.writeInt(tools.size());
            for (Map.Entry<String, ToolStats> e : tools.entrySet()) {
                ToolStats t = e.getValue();
                out.writeUTF(e.getKey());
                out.writeLong(t.calls);
                out.writeLong(t.denies);
                out.writeLong(t.outcomes);
                out.writeLong(t.failures);
                out.writeDouble(t.impact);
                out.writeLong(t.micros);
                out.writeDouble(t.hourlyShare);
                out.writeInt(t.hourCalls);
            }
            out.writeInt(resourceClasses.size());
            for (String c : resourceClasses) {
                out.writeUTF(c);
            }
            out.writeDouble(actionMillis);
            for (int k = 1; k <= RECENT; k++) { // oldest first
                out.writeLong(recentCalls[Math.floorMod(recentNext - RECENT - 1 + k, RECENT)]);
            }
            for (int k = 1; k <= RECENT; k++) {
                out.writeLong(recentOutcomes[Math.floorMod(outcomeNext - RECENT - 1 + k, RECENT)]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * A baseline from {@link #snapshot()}.
     *
     * @throws IllegalArgumentException if the bytes are not a snapshot of a known format
     */
    public static AgentBaseline restore(String agent, byte[] snapshot) {
        AgentBaseline b = new AgentBaseline(agent);
        b.dirty = false;
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
            int format = in.readInt();
            if (format != FORMAT && format != 1) {
                throw new IllegalArgumentException("unknown baseline format");
            }
            long first = in.readLong();
            b.firstSeen = first == Long.MIN_VALUE ? null : Instant.ofEpochMilli(first);
            long last = in.readLong();
            b.lastSeen = last == Long.MIN_VALUE ? null : Instant.ofEpochMilli(last);
            b.operations = in.readLong();
            b.activeHours = in.readLong();
            for (int i = 0; i < 60; i++) {
                b.minuteStamp[i] = in.readLong();
                b.minuteCalls[i] = in.readInt();
                b.minuteDenies[i] = in.readInt();
                b.minuteOutcomes[i] = in.readInt();
                b.minuteFailures[i] = in.readInt();
            }
            b.hour = in.readLong();
            b.hourCalls = in.readInt();
            b.hourDenies = in.readInt();
            b.hourOutcomes = in.readInt();
            b.hourFailures = in.readInt();
            b.hourMicros = in.readLong();
            for (int i = 0; i < 168; i++) {
                b.weekMean[i] = in.readDouble();
                b.weekVar[i] = in.readDouble();
                b.weekSamples[i] = in.readInt();
            }
            for (int i = 0; i < (format == 1 ? 24 : 48); i++) {
                b.dayMean[i] = in.readDouble();
                b.dayVar[i] = in.readDouble();
                b.daySamples[i] = in.readInt();
            }
            if (format == 1) { // one rhythm for every day: weekends start from it
                System.arraycopy(b.dayMean, 0, b.dayMean, 24, 24);
                System.arraycopy(b.dayVar, 0, b.dayVar, 24, 24);
                System.arraycopy(b.daySamples, 0, b.daySamples, 24, 24);
            }
            b.denyShare = in.readDouble();
            b.errorShare = in.readDouble();
            b.latencyMicros = in.readDouble();
            b.distinctPerMinute = in.readDouble();
            b.approvalsAsked = in.readLong();
            b.approvalsRedeemed = in.readLong();
            int touchedCount = Math.min(in.readInt(), MAX_DISTINCT);
            for (int i = 0; i < touchedCount; i++) {
                b.touch(in.readInt());
            }
            int n = Math.min(in.readInt(), MAX_TOOLS);
            for (int i = 0; i < n; i++) {
                ToolStats t = new ToolStats();
                String name = in.readUTF();
                t.calls = in.readLong();
                t.denies = in.readLong();
                t.outcomes = in.readLong();
                t.failures = in.readLong();
                t.impact = in.readDouble();
                t.micros = in.readLong();
                t.hourlyShare = in.readDouble();
                t.hourCalls = in.readInt();
                b.tools.put(name, t);
            }
            int classes = Math.min(in.readInt(), MAX_CLASSES);
            for (int i = 0; i < classes; i++) {
                b.resourceClasses.add(in.readUTF());
            }
            b.actionMillis = in.readDouble();
            if (format >= 2) {
                for (int k = 0; k < RECENT; k++) {
                    b.recentCalls[k] = in.readLong();
                }
                for (int k = 0; k < RECENT; k++) {
                    b.recentOutcomes[k] = in.readLong();
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("baseline snapshot of " + agent + " is damaged", e);
        }
        return b;
    }
}
