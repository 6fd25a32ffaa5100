package dev.warden.testing;

import dev.warden.scan.ContentDetector;
import dev.warden.scan.DataClass;
import dev.warden.scan.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Small detectors for tests of the scanning engine and its wiring, independent of the shipped ones:
 * a literal card number, a naive e-mail, an injection phrase flagging the whole text, a toxicity
 * score, and detectors that throw or overrun their budget.
 */
public final class TestDetectors {
    /** The card number the card detector finds. */
    public static final String CARD = "4111111111111111";

    private TestDetectors() {
    }

    /** The usual set: card, e-mail, injection, toxicity. */
    public static List<ContentDetector> all() {
        return List.of(card(), email(), injection(), toxicity());
    }

    /** Finds every occurrence of {@link #CARD}. */
    public static ContentDetector card() {
        return new Literal("test_card", DataClass.CARD, CARD);
    }

    /** Finds every occurrence of {@code needle} as {@code dataClass}. */
    public static ContentDetector literal(String id, DataClass dataClass, String needle) {
        return new Literal(id, dataClass, needle);
    }

    /** Finds runs of letters, digits and dots around an '@' with a dot after it. */
    public static ContentDetector email() {
        return new ContentDetector() {
            @Override
            public String id() {
                return "test_email";
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
                for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
                    int s = at;
                    while (s > 0 && word(text.charAt(s - 1))) {
                        s--;
                    }
                    int e = at + 1;
                    while (e < text.length() && word(text.charAt(e))) {
                        e++;
                    }
                    if (s < at && text.substring(at, e).indexOf('.') > 1) {
                        out.add(new Finding(DataClass.EMAIL, id(), s, e, 1.0));
                    }
                }
                return out;
            }

            private boolean word(char c) {
                return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-';
            }
        };
    }

    /** Flags the whole text as an injection when it contains "ignore previous" (any case). */
    public static ContentDetector injection() {
        return new ContentDetector() {
            @Override
            public String id() {
                return "test_injection";
            }

            @Override
            public int version() {
                return 1;
            }

            @Override
            public Set<DataClass> classes() {
                return Set.of(DataClass.INJECTION);
            }

            @Override
            public List<Finding> scan(String text) {
                return text.toLowerCase(Locale.ROOT).contains("ignore previous")
                        ? List.of(new Finding(DataClass.INJECTION, id(), 0, text.length(), 0.9)) : List.of();
            }
        };
    }

    /** Scores toxicity 0.4 per "idiot" (at most 1), over the whole text. */
    public static ContentDetector toxicity() {
        return new ContentDetector() {
            @Override
            public String id() {
                return "test_toxicity";
            }

            @Override
            public int version() {
                return 1;
            }

            @Override
            public Set<DataClass> classes() {
                return Set.of(DataClass.TOXICITY);
            }

            @Override
            public List<Finding> scan(String text) {
                String lower = text.toLowerCase(Locale.ROOT);
                int n = 0;
                for (int i = lower.indexOf("idiot"); i >= 0; i = lower.indexOf("idiot", i + 1)) {
                    n++;
                }
                return n == 0 ? List.of() : List.of(new Finding(DataClass.TOXICITY, id(), 0, text.length(), Math.min(1.0, 0.4 * n)));
            }
        };
    }

    /** A detector of {@code classes} that throws on every text. */
    public static ContentDetector throwing(DataClass... classes) {
        return new ContentDetector() {
            @Override
            public String id() {
                return "test_throwing";
            }

            @Override
            public int version() {
                return 1;
            }

            @Override
            public Set<DataClass> classes() {
                return Set.of(classes);
            }

            @Override
            public List<Finding> scan(String text) {
                throw new IllegalStateException("broken detector");
            }
        };
    }

    /** A detector of {@code dataClass} that sleeps {@code millis} on every text and finds nothing. */
    public static ContentDetector slow(DataClass dataClass, long millis) {
        return new ContentDetector() {
            @Override
            public String id() {
                return "test_slow";
            }

            @Override
            public int version() {
                return 1;
            }

            @Override
            public Set<DataClass> classes() {
                return Set.of(dataClass);
            }

            @Override
            public List<Finding> scan(String text) {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return List.of();
            }
        };
    }

    private record Literal(String id, DataClass dataClass, String needle) implements ContentDetector {
        @Override
        public int version() {
            return 1;
        }

        @Override
        public Set<DataClass> classes() {
            return Set.of(dataClass);
        }

        @Override
        public List<Finding> scan(String text) {
            List<Finding> out = new ArrayList<>();
            for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
                out.add(new Finding(dataClass, id, i, i + needle.length(), 1.0));
            }
            return out;
        }
    }
}
