package dev.warden.simulation.lifecycle;

import dev.warden.simulation.Draws;
import dev.warden.simulation.Profile;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The support agent's ordinary work, a day at a time: Poisson arrivals on the
 * {@link Profile#BUSINESS_HOURS} rhythm (scaled, with day-to-day variation), a fixed tool mix
 * (three quarters reads, the rest record updates, tickets and small refunds) over a working set
 * of customers and invoices, and a small share of actions that fail. The agent does not know its
 * level: Warden's maturity ceiling, not the agent, decides what it may do.
 */
final class SupportTraffic {
    /** The share of allowed actions that fail. */
    static final double FAILURE_RATE = 0.003;
    private static final Map<String, Double> MIX = new LinkedHashMap<>();

    static {
        MIX.put("crm.read", 40.0);
        MIX.put("crm.search", 12.0);
        MIX.put("invoice.read", 20.0);
        MIX.put("crm.update", 13.0);
        MIX.put("ticket.create", 11.0);
        MIX.put("payment.refund", 4.0);
    }

    private static final String[] FIELDS = {"email", "phone", "address", "note"};
    private static final String[] SUBJECTS = {"delivery delayed", "wrong size", "invoice question", "account locked",
        "address change", "damaged parcel"};
    private static final String[] QUERIES = {"name:meyer", "city:lyon", "email:@example.org", "order:o-77", "phone:+3361"};

    /** One call of the agent. */
    record Call(Instant at, String tool, String resource, Map<String, Object> args, String rationale, boolean fails) {
        /** The decision request's body. */
        Map<String, Object> body() {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("action", tool);
            b.put("resource", resource);
            b.put("args", args);
            b.put("context", Map.of("rationale", rationale));
            return b;
        }
    }

    private final SplittableRandom random;
    private final double scale;
    private final List<String> customers = new ArrayList<>();
    private final List<String> invoices = new ArrayList<>();

    SupportTraffic(long seed, double scale) {
        this.random = new SplittableRandom(seed);
        this.scale = scale;
        while (customers.size() < 300) {
            String id = "customer:c" + (10_000 + random.nextInt(90_000));
            if (!customers.contains(id)) {
                customers.add(id);
            }
        }
        while (invoices.size() < 200) {
            String id = "invoice:i" + (10_000 + random.nextInt(90_000));
            if (!invoices.contains(id)) {
                invoices.add(id);
            }
        }
    }

    /** Whether {@code id} is one of the customers the agent usually works on. */
    boolean known(String id) {
        return customers.contains(id);
    }

    /** The calls of the day starting at {@code dayStart}, in time order. */
    List<Call> day(Instant dayStart) {
        DayOfWeek dow = dayStart.atZone(ZoneOffset.UTC).getDayOfWeek();
        double dayFactor = Math.exp(0.12 * gaussian());
        List<Call> calls = new ArrayList<>();
        for (int m = 0; m < 1440; m++) {
            int n = poisson(Profile.BUSINESS_HOURS.rate(m, dow) * scale * dayFactor);
            List<Long> offsets = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                offsets.add(random.nextLong(60_000));
            }
            offsets.sort(Long::compare);
            for (long offset : offsets) {
                calls.add(call(dayStart.plusMillis(m * 60_000L + offset)));
            }
        }
        return calls;
    }

    private Call call(Instant at) {
        String tool = pick();
        boolean fails = random.nextDouble() < FAILURE_RATE;
        return switch (tool) {
            case "crm.read" -> {
                String id = customer();
                yield new Call(at, tool, id, Map.of("id", id), "look up the customer of a ticket", fails);
            }
            case "crm.search" -> new Call(at, tool, "customer:search", Map.of("query", QUERIES[random.nextInt(QUERIES.length)]),
                    "find the customer a message came from", fails);
            case "invoice.read" -> {
                String id = invoices.get(skewed(invoices.size()));
                yield new Call(at, tool, id, Map.of("id", id), "check an invoice the customer asks about", fails);
            }
            case "crm.update" -> {
                String id = customer();
                String field = FIELDS[random.nextInt(FIELDS.length)];
                yield new Call(at, tool, id, Map.of("id", id, "field", field, "value", "updated " + field + " " + random.nextInt(1000)),
                        "the customer asked to change their " + field, fails);
            }
            case "ticket.create" -> {
                String id = customer();
                yield new Call(at, tool, "ticket:" + id.substring(9), Map.of("customer", id,
                        "subject", SUBJECTS[random.nextInt(SUBJECTS.length)]), "open a follow-up ticket", fails);
            }
            case "payment.refund" -> {
                String id = invoices.get(skewed(invoices.size()));
                double amount = 5 + random.nextInt(90) + 0.5;
                yield new Call(at, tool, id, Map.of("invoice", id, "amount", amount, "currency", "EUR"),
                        String.format(Locale.ROOT, "refund %.2f EUR for a damaged item", amount), fails);
            }
            default -> throw new IllegalStateException(tool);
        };
    }

    private String customer() {
        return customers.get(skewed(customers.size()));
    }

    /** A few ids are touched much more often than the rest. */
    private int skewed(int size) {
        double u = random.nextDouble();
        return (int) (size * u * u);
    }

    private String pick() {
        double total = MIX.values().stream().mapToDouble(Double::doubleValue).sum();
        double x = random.nextDouble() * total;
        String last = null;
        for (Map.Entry<String, Double> e : MIX.entrySet()) {
            last = e.getKey();
            x -= e.getValue();
            if (x < 0) {
                return last;
            }
        }
        return last;
    }

    /** Draws used by the simulation's people (approvers, latencies), from the same seeded stream. */
    double uniform() {
        return random.nextDouble();
    }

    long between(long lo, long hi) {
        return lo + random.nextLong(hi - lo + 1);
    }

    private int poisson(double lambda) {
        return Draws.poisson(random, lambda);
    }

    private double gaussian() {
        return Draws.gaussian(random);
    }
}
