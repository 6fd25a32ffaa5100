package dev.warden.simulation;

import static dev.warden.simulation.SimulationCatalog.CRM_READ;
import static dev.warden.simulation.SimulationCatalog.CRM_SEARCH;
import static dev.warden.simulation.SimulationCatalog.CRM_UPDATE;
import static dev.warden.simulation.SimulationCatalog.DELETE;
import static dev.warden.simulation.SimulationCatalog.FORBIDDEN;
import static dev.warden.simulation.SimulationCatalog.INVOICE_READ;
import static dev.warden.simulation.SimulationCatalog.REFUND;
import static dev.warden.simulation.SimulationCatalog.REPORT_EXPORT;
import static dev.warden.simulation.SimulationCatalog.TICKET_CREATE;
import static dev.warden.simulation.SimulationCatalog.UNCLAIMED;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Generates a {@link Scenario}: benign traffic per agent profile with noise (Poisson arrivals,
 * day-to-day variation, occasional benign bursts, a small failure rate), then the injected
 * anomalies, placed after the learning period on agents and at times where they make sense.
 * Deterministic: one {@link SplittableRandom} seeded from {@link SimulationConfig#seed}.
 */
public final class TrafficModel {
    private static final long MINUTE = 60_000;
    private static final long DAY = 86_400_000;
    private static final Profile[] PROFILES = Profile.values();
    /** The share of benign calls that ask for the forbidden tool (agents sometimes try what they may not do). */
    private static final double BENIGN_DENIED = 0.002;

    private final SimulationConfig config;
    private final SplittableRandom random;
    private final long start;

    private TrafficModel(SimulationConfig config) {
        this.config = config;
        this.random = new SplittableRandom(config.seed());
        this.start = config.start().toEpochMilli();
    }

    /** Generates the scenario of {@code config}. */
    public static Scenario generate(SimulationConfig config) {
        return new TrafficModel(config).generate();
    }

    private Scenario generate() {
        List<AgentSpec> agents = new ArrayList<>();
        for (int i = 0; i < config.agents(); i++) {
            agents.add(agent(i));
        }
        List<Injection> injections = new ArrayList<>();
        List<SimulatedCall> injected = new ArrayList<>();
        Map<String, List<SimulatedCall>> benign = new LinkedHashMap<>();
        Plan plan = plan(agents);
        for (AgentSpec a : agents) {
            benign.put(a.name(), benign(a, plan.slowRoll.get(a.name())));
        }
        for (Planned p : plan.planned) {
            int index = injections.size();
            List<SimulatedCall> calls = inject(index, p, benign.get(p.agent.name()));
            calls.sort(Comparator.comparingLong(SimulatedCall::at));
            if (calls.isEmpty()) {
                continue; // nothing was injected (cannot happen with the placements below, but never label an empty set)
            }
            if (p.kind != AnomalyKind.ERROR_BURST) {
                injected.addAll(calls); // an error burst relabels benign calls in place
            }
            injections.add(new Injection(index, p.agent.name(), p.kind, Instant.ofEpochMilli(calls.getFirst().at()),
                    Instant.ofEpochMilli(calls.getLast().at()), note(p.kind)));
        }
        for (Map.Entry<String, SlowRoll> s : plan.slowRoll.entrySet()) {
            int index = injections.size();
            List<SimulatedCall> own = benign.get(s.getKey());
            List<SimulatedCall> relabeled = new ArrayList<>();
            for (SimulatedCall c : own) {
                relabeled.add(c.injection() == SlowRoll.MARK ? c.injected(index, c.fails()) : c);
            }
            benign.put(s.getKey(), relabeled);
            List<SimulatedCall> extra = relabeled.stream().filter(c -> c.injection() == index).toList();
            if (extra.isEmpty()) {
                continue;
            }
            injections.add(new Injection(index, s.getKey(), AnomalyKind.SLOW_ROLL, Instant.ofEpochMilli(extra.getFirst().at()),
                    Instant.ofEpochMilli(extra.getLast().at()), note(AnomalyKind.SLOW_ROLL) + " from day " + (config.learningDays() + 1)));
        }
        List<SimulatedCall> all = new ArrayList<>(injected);
        benign.values().forEach(all::addAll);
        all.sort(Comparator.comparingLong(SimulatedCall::at).thenComparing(SimulatedCall::agent));
        return new Scenario(config, agents, all, injections, digest(all));
    }

    // ---- agents --------------------------------------------------------------------------------

    private AgentSpec agent(int i) {
        Profile profile = PROFILES[i % PROFILES.length];
        String name = String.format(Locale.ROOT, "%s-%02d", profile.name().toLowerCase(Locale.ROOT).replace('_', '-'), i);
        Map<String, Double> mix = new TreeMap<>();
        switch (profile) {
            case STEADY -> {
                mix.put(CRM_READ, 50.0);
                mix.put(CRM_SEARCH, 20.0);
                mix.put(CRM_UPDATE, 20.0);
                mix.put(TICKET_CREATE, 10.0);
                if (random.nextInt(3) == 0) {
                    mix.put(DELETE, 0.5); // some agents delete now and then as part of their job
                }
            }
            case BUSINESS_HOURS -> {
                mix.put(CRM_READ, 40.0);
                mix.put(INVOICE_READ, 25.0);
                mix.put(CRM_UPDATE, 20.0);
                mix.put(REFUND, 10.0);
                mix.put(TICKET_CREATE, 5.0);
            }
            case NIGHTLY_BATCH -> {
                mix.put(REPORT_EXPORT, 60.0);
                mix.put(INVOICE_READ, 30.0);
                mix.put(CRM_UPDATE, 10.0);
            }
            case LOW_VOLUME -> {
                mix.put(CRM_READ, 70.0);
                mix.put(CRM_SEARCH, 30.0);
            }
        }
        mix.replaceAll((t, w) -> w * (0.5 + random.nextDouble()));
        Map<String, List<String>> workingSet = new TreeMap<>();
        for (String cls : List.of("customer", "invoice", "report")) {
            int size = cls.equals("report") ? 10 + random.nextInt(20) : 50 + random.nextInt(250);
            Set<String> ids = new HashSet<>();
            List<String> ordered = new ArrayList<>();
            while (ordered.size() < size) {
                String id = cls + ":" + cls.charAt(0) + (10_000 + random.nextInt(90_000));
                if (ids.add(id)) {
                    ordered.add(id);
                }
            }
            workingSet.put(cls, ordered);
        }
        double scale = 0.6 + random.nextDouble() * 0.8;
        double failureRate = 0.005 + random.nextDouble() * 0.025;
        return new AgentSpec(name, profile, scale, mix, workingSet, failureRate);
    }

    // ---- benign traffic ------------------------------------------------------------------------

    /** The slow-rolling extra volume on an agent: marked calls on the days from {@code fromDay}. */
    private record SlowRoll(int fromDay) {
        static final int MARK = -2;
    }

    private List<SimulatedCall> benign(AgentSpec a, SlowRoll slowRoll) {
        List<SimulatedCall> calls = new ArrayList<>();
        for (int day = 0; day < config.days(); day++) {
            long dayStart = start + day * DAY;
            DayOfWeek dow = Instant.ofEpochMilli(dayStart).atZone(ZoneOffset.UTC).getDayOfWeek();
            double dayFactor = Math.exp(0.12 * gaussian()); // day-to-day variation
            int burstMinute = -1;
            if (random.nextDouble() < 0.15) {
                burstMinute = random.nextInt(1440 - 10); // an occasional benign burst of ten minutes
            }
            double creep = slowRoll != null && day >= slowRoll.fromDay ? Math.pow(1.1, day - slowRoll.fromDay + 1) - 1 : 0;
            String session = "ses_" + a.name() + "_" + day;
            for (int m = 0; m < 1440; m++) {
                double rate = a.rate(m, dow) * dayFactor;
                if (burstMinute >= 0 && m >= burstMinute && m < burstMinute + 10) {
                    rate *= 1.6;
                }
                long minuteStart = dayStart + m * MINUTE;
                int n = poisson(rate);
                for (int k = 0; k < n; k++) {
                    calls.add(usual(a, minuteStart + random.nextLong(MINUTE), session, -1));
                }
                if (creep > 0) {
                    int extra = poisson(rate * creep);
                    for (int k = 0; k < extra; k++) {
                        calls.add(usual(a, minuteStart + random.nextLong(MINUTE), session, SlowRoll.MARK));
                    }
                }
            }
        }
        calls.sort(Comparator.comparingLong(SimulatedCall::at));
        return calls;
    }

    /** A call like the agent usually makes: a tool of its mix on a resource of its working set. */
    private SimulatedCall usual(AgentSpec a, long at, String session, int injection) {
        if (injection == -1 && random.nextDouble() < BENIGN_DENIED) {
            return call(at, a.name(), session, FORBIDDEN, "customer:all", false, injection); // a benign call policy denies
        }
        String tool = pick(a.toolMix());
        List<String> set = a.workingSet().get(SimulationCatalog.resourceClass(tool));
        double u = random.nextDouble();
        String resource = set.get((int) (set.size() * u * u)); // a few resources are touched much more than the rest
        return call(at, a.name(), session, tool, resource, random.nextDouble() < a.failureRate(), injection);
    }

    private SimulatedCall call(long at, String agent, String session, String tool, String resource, boolean fails, int injection) {
        Map<String, Object> args = tool.equals(REFUND)
                ? Map.of("id", resource, "amount", 5L + random.nextInt(195), "currency", "EUR")
                : Map.of("id", resource);
        return new SimulatedCall(at, agent, session, tool, resource, args, fails, injection);
    }

    // ---- injections ----------------------------------------------------------------------------

    private record Planned(AgentSpec agent, AnomalyKind kind, int day) {
    }

    /** What an injection of this kind consists of, for the report. */
    static String note(AnomalyKind kind) {
        return switch (kind) {
            case VOLUME_SPIKE -> "15 min of extra usual calls at 2.5x the usual rate (at least 4/min)";
            case ERROR_BURST -> "30 min in which 40% of the agent's actions fail";
            case FIRST_TOOL -> "3 calls of a claimed tool never used before";
            case NEW_RESOURCE_CLASS -> "3 reads of employee:* resources";
            case OFF_HOURS -> "30 usual calls in 30 min at an hour the agent is never active";
            case DENY_SPIKE -> "20 calls in 10 min to a forbidden and an unclaimed tool";
            case ENUMERATION -> "60 reads of distinct customers outside the working set in 5 min";
            case SLOW_ROLL -> "volume +10% a day, compounded";
            case ROGUE -> "40 distinct customer reads in 3 min, then records.delete";
        };
    }

    private record Plan(List<Planned> planned, Map<String, SlowRoll> slowRoll) {
    }

    /** Spreads {@code perKind} injections of each kind over eligible agents and evaluation days, one per agent-day. */
    private Plan plan(List<AgentSpec> agents) {
        Map<String, SlowRoll> slowRoll = new TreeMap<>();
        List<AgentSpec> creepers = agents.stream()
                .filter(a -> a.profile() == Profile.STEADY || a.profile() == Profile.BUSINESS_HOURS).toList();
        for (int i = 0; i < config.perKind() && i < creepers.size(); i++) {
            slowRoll.put(creepers.get(creepers.size() - 1 - i).name(), new SlowRoll(config.learningDays()));
        }
        Set<String> taken = new HashSet<>(); // agent@day
        List<Planned> planned = new ArrayList<>();
        int evalDays = config.days() - config.learningDays();
        for (AnomalyKind kind : AnomalyKind.values()) {
            if (kind == AnomalyKind.SLOW_ROLL) {
                continue;
            }
            List<AgentSpec> eligible = new ArrayList<>(agents.stream()
                    .filter(a -> !slowRoll.containsKey(a.name()) && eligible(kind, a)).toList());
            shuffle(eligible);
            int placed = 0;
            for (int attempt = 0; placed < config.perKind() && attempt < 50 * config.perKind() && !eligible.isEmpty(); attempt++) {
                AgentSpec a = eligible.get(attempt % eligible.size());
                int day = config.learningDays() + random.nextInt(evalDays);
                DayOfWeek dow = Instant.ofEpochMilli(start + day * DAY).atZone(ZoneOffset.UTC).getDayOfWeek();
                boolean weekend = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
                if ((weekend && a.profile() == Profile.BUSINESS_HOURS) || !taken.add(a.name() + "@" + day)) {
                    continue;
                }
                planned.add(new Planned(a, kind, day));
                placed++;
            }
        }
        return new Plan(planned, slowRoll);
    }

    private static boolean eligible(AnomalyKind kind, AgentSpec a) {
        return switch (kind) {
            case ERROR_BURST -> a.profile() != Profile.LOW_VOLUME; // needs enough calls for a failure share to mean something
            case OFF_HOURS -> a.profile() != Profile.STEADY; // a 24/7 agent has no off hours
            case ROGUE -> !a.toolMix().containsKey(DELETE);
            default -> true;
        };
    }

    /** A busy hour of the agent on a weekday. */
    private int activeHour(AgentSpec a) {
        List<Integer> hours = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            if (a.profile().usuallyActive(h) && !(a.profile() == Profile.BUSINESS_HOURS && h == 12)) {
                hours.add(h);
            }
        }
        return hours.get(random.nextInt(hours.size()));
    }

    /** The calls of one injection; for an error burst, benign calls of the window relabeled (they are then in both lists). */
    private List<SimulatedCall> inject(int index, Planned p, List<SimulatedCall> own) {
        AgentSpec a = p.agent;
        long dayStart = start + p.day * DAY;
        String session = "ses_" + a.name() + "_" + p.day;
        int hour = p.kind == AnomalyKind.OFF_HOURS ? offHour(a.profile()) : activeHour(a);
        long at = dayStart + hour * 60L * MINUTE + random.nextLong(30 * MINUTE);
        List<SimulatedCall> calls = new ArrayList<>();
        DayOfWeek dow = Instant.ofEpochMilli(dayStart).atZone(ZoneOffset.UTC).getDayOfWeek();
        switch (p.kind) {
            case VOLUME_SPIKE -> {
                double usual = a.rate(hour * 60, dow);
                double extraPerMinute = Math.max(2.5 * usual, 4.0); // total > 200% of the usual rate
                for (int m = 0; m < 15; m++) {
                    int n = poisson(extraPerMinute);
                    for (int k = 0; k < n; k++) {
                        calls.add(usual(a, at + m * MINUTE + random.nextLong(MINUTE), session, index));
                    }
                }
            }
            case ERROR_BURST -> {
                long end = at + 30 * MINUTE;
                for (int i = 0; i < own.size(); i++) {
                    SimulatedCall c = own.get(i);
                    if (c.at() >= at && c.at() < end && c.benign()) {
                        SimulatedCall relabeled = c.injected(index, random.nextDouble() < 0.4);
                        own.set(i, relabeled);
                        calls.add(relabeled);
                    }
                }
            }
            case FIRST_TOOL -> {
                List<String> unused = SimulationCatalog.CAPABILITIES.stream()
                        .filter(t -> !a.toolMix().containsKey(t) && !t.equals(FORBIDDEN)).toList();
                String tool = unused.get(random.nextInt(unused.size()));
                for (int k = 0; k < 3; k++) {
                    String resource = a.workingSet().get(SimulationCatalog.resourceClass(tool)).getFirst();
                    calls.add(call(at + k * 40_000L, a.name(), session, tool, resource, false, index));
                }
            }
            case NEW_RESOURCE_CLASS -> {
                String tool = a.toolMix().containsKey(CRM_READ) ? CRM_READ : a.toolMix().keySet().iterator().next();
                for (int k = 0; k < 3; k++) {
                    calls.add(call(at + k * 40_000L, a.name(), session, tool, "employee:e" + (10_000 + random.nextInt(90_000)),
                            false, index));
                }
            }
            case OFF_HOURS -> {
                for (int k = 0; k < 30; k++) {
                    calls.add(usual(a, at + k * MINUTE + random.nextLong(MINUTE), session, index));
                }
            }
            case DENY_SPIKE -> {
                for (int k = 0; k < 20; k++) {
                    String tool = k % 2 == 0 ? FORBIDDEN : UNCLAIMED;
                    calls.add(call(at + k * 30_000L + random.nextLong(30_000), a.name(), session, tool, "customer:all", false, index));
                }
            }
            case ENUMERATION -> calls.addAll(enumeration(a, at, session, index, 60, 5 * MINUTE));
            case ROGUE -> {
                List<SimulatedCall> reads = enumeration(a, at, session, index, 40, 3 * MINUTE);
                calls.addAll(reads);
                calls.add(call(reads.getLast().at() + 30_000, a.name(), session, DELETE, reads.getFirst().resource(), false, index));
            }
            case SLOW_ROLL -> throw new IllegalStateException("slow roll is generated with the benign traffic");
        }
        return calls;
    }

    /** {@code n} reads of distinct customers outside the agent's working set within {@code span}. */
    private List<SimulatedCall> enumeration(AgentSpec a, long at, String session, int index, int n, long span) {
        Set<String> own = new HashSet<>(a.workingSet().get("customer"));
        Set<String> seen = new HashSet<>();
        List<SimulatedCall> calls = new ArrayList<>();
        while (calls.size() < n) {
            String resource = "customer:c" + (10_000 + random.nextInt(90_000));
            if (!own.contains(resource) && seen.add(resource)) {
                calls.add(call(at + calls.size() * span / n, a.name(), session, CRM_READ, resource, false, index));
            }
        }
        return calls;
    }

    private static int offHour(Profile p) {
        return switch (p) {
            case BUSINESS_HOURS -> 2;
            case LOW_VOLUME -> 3;
            case NIGHTLY_BATCH -> 4;
            case STEADY -> throw new IllegalArgumentException("a steady agent has no off hours");
        };
    }

    // ---- randomness ----------------------------------------------------------------------------

    private int poisson(double lambda) {
        return Draws.poisson(random, lambda);
    }

    private double gaussian() {
        return Draws.gaussian(random);
    }

    private String pick(Map<String, Double> weights) {
        double total = 0;
        for (double w : weights.values()) {
            total += w;
        }
        double x = random.nextDouble() * total;
        String last = null;
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            last = e.getKey();
            x -= e.getValue();
            if (x < 0) {
                return last;
            }
        }
        return last;
    }

    private <T> void shuffle(List<T> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    private static String digest(List<SimulatedCall> calls) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (SimulatedCall c : calls) {
                sha.update((c.at() + "|" + c.agent() + "|" + c.session() + "|" + c.tool() + "|" + c.resource() + "|"
                        + new TreeMap<>(c.args()) + "|" + c.fails() + "|" + c.injection() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
