package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.warden.server.config.AuditSettings;
import dev.warden.server.config.ConfigException;
import dev.warden.server.config.ConfigLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed config files as an attack: seeded random mutations of the quickstart's and the MCP
 * example's warden.yaml and tools.yaml (byte flips, truncation, wrong types, huge and non-decimal
 * numbers, deep nesting, unicode and NUL, duplicate keys, anchors, recursive aliases and alias
 * bombs). Every one either loads or stops with a {@link ConfigException} naming file and line;
 * never another exception, never a stack overflow.
 */
class ConfigFuzzTest {
    private static final int RUNS = 1_000;
    private static final Pattern LOCATED = Pattern.compile("(?s)(warden|tools)\\.yaml:[1-9][0-9]*: .+");
    private static final String[] FILES = {"warden.yaml", "tools.yaml"};

    /** Values that break what a loader expects of a scalar, a list or a mapping. */
    private static final String[] VALUES = {
        "0x1F", "0b101", "0o17", "017", "1:30", "1_000", "_", "-_", "+.inf", ".nan", "1e999999999", "!!int abc",
        "!!float abc", "!!int ''", "!!float _", "9".repeat(400), "1" + "0".repeat(5000), "-9223372036854775809",
        "[]", "{}", "[a, [b, {c: d}]]", "{x: 1, x: 2}", "~", "''", "\"\"", "\"\\0\"", "\"a\\0b\"", "\"\\ud800\"",
        "\"\\U0001F600\"", "Ω≈ç√", "\"\\x00\\x01\\x7f\"", "!!binary aGVsbG8=", "2026-12-07", "!custom x", "yes", "no",
        "&a [1, *a]", "&b {k: *b}", "*undefined", "&c x", "? [k]\n  : v", "{[k]: v}", "{? {k: v} : w}", "|\n  block",
        "\"node_modules/\\0\"", "\"sandbox\\0\"", "\"https://a\\0b/\"", "[node, \"node_modules/x\\0\"]", "[\"./a\\0\"]",
        "[node, x]\n      cwd: \"sandbox\\0\"", "https://h/mcp\n      tls: {ca_file: \"a\\0\"}",
    };

    @TempDir
    Path tmp;

    @Test
    void everyMutatedConfig_loadsOrStopsWithFileAndLine() throws IOException {
        long seed = FuzzSeed.of("ConfigFuzzTest");
        Random random = new Random(seed);
        List<Path> examples = List.of(copy(TestServer.QUICKSTART, "quickstart"), copy(McpExampleTest.EXAMPLE, "mcp"));
        Map<String, String> failures = new LinkedHashMap<>();
        for (int run = 0; run < RUNS; run++) {
            Path dir = examples.get(random.nextInt(examples.size()));
            String file = FILES[random.nextInt(FILES.length)];
            Path target = dir.resolve(file);
            byte[] original = Files.readAllBytes(target);
            byte[] mutated = mutate(random, original);
            Files.write(target, mutated);
            try {
                check(failures, run, file, mutated, () -> ConfigLoader.load(dir));
                check(failures, run, file, mutated, () -> AuditSettings.load(dir, "warden.local"));
            } finally {
                Files.write(target, original);
            }
        }
        if (!failures.isEmpty()) {
            fail("seed " + seed + ", " + failures.size() + " kinds of failure:\n" + String.join("\n\n", failures.values()));
        }
    }

    @Test
    void everyHostileValueOnEveryLine_loadsOrStopsWithFileAndLine() throws IOException {
        Map<String, String> failures = new LinkedHashMap<>();
        int run = 0;
        Path dir = copy(McpExampleTest.EXAMPLE, "mcp-all"); // the richest example: every loader reads part of it
        for (String file : FILES) {
            Path target = dir.resolve(file);
            byte[] original = Files.readAllBytes(target);
            List<String> lines = new String(original, StandardCharsets.UTF_8).lines().toList();
            try {
                for (int at : valueLines(lines)) {
                    for (String value : VALUES) {
                        byte[] mutated = withValue(lines, at, value).getBytes(StandardCharsets.UTF_8);
                        Files.write(target, mutated);
                        check(failures, run, file, mutated, () -> ConfigLoader.load(dir));
                        check(failures, run++, file, mutated, () -> AuditSettings.load(dir, "warden.local"));
                    }
                }
            } finally {
                Files.write(target, original);
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " kinds of failure:\n" + String.join("\n\n", failures.values()));
        }
    }

    @Test
    void theExamplesThemselvesLoad() throws IOException {
        for (Path dir : List.of(copy(TestServer.QUICKSTART, "quickstart"), copy(McpExampleTest.EXAMPLE, "mcp"))) {
            assertThat(ConfigLoader.load(dir)).isNotNull();
            assertThat(AuditSettings.load(dir, "warden.local")).isNotNull();
        }
    }

    /** Records the first input of each kind of failure (exception type and where it was thrown, or the unlocated message). */
    private static void check(Map<String, String> failures, int run, String file, byte[] input, Runnable load) {
        try {
            load.run();
        } catch (ConfigException e) {
            if (!LOCATED.matcher(e.getMessage()).matches()) {
                failures.putIfAbsent("unlocated " + e.getMessage().replaceAll("[0-9]+", "N"), "run " + run + " (" + file
                        + "): message without file:line: " + e.getMessage() + "\n--- input:\n" + shown(input));
            }
        } catch (RuntimeException | StackOverflowError e) {
            String at = e.getStackTrace().length > 0 ? e.getStackTrace()[0].toString() : "?";
            failures.putIfAbsent(e.getClass().getName() + at, "run " + run + " (" + file + "): " + e + "\n  at " + at
                    + "\n--- input:\n" + shown(input));
        }
    }

    private static String shown(byte[] input) {
        String s = new String(input, StandardCharsets.UTF_8);
        return s.length() > 3000 ? s.substring(0, 3000) + "...(" + s.length() + " chars)" : s;
    }

    private static byte[] mutate(Random random, byte[] original) {
        String text = new String(original, StandardCharsets.UTF_8);
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            text = switch (random.nextInt(9)) {
                case 0, 1, 2 -> replaceValue(random, text);
                case 3 -> truncate(random, text);
                case 4 -> duplicateLine(random, text);
                case 5 -> insertLine(random, text, deepNesting(random));
                case 6 -> insertLine(random, text, aliasBomb(random));
                case 7 -> insertLine(random, text, "bogus_" + random.nextInt(3) + ": " + pick(random));
                default -> text;
            };
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(4) == 0 && bytes.length > 0) {
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
        }
        return bytes;
    }

    private static String pick(Random random) {
        return VALUES[random.nextInt(VALUES.length)];
    }

    /** Replaces what follows the colon (or the dash) of a random line with a hostile value. */
    private static String replaceValue(Random random, String text) {
        List<String> lines = text.lines().toList();
        List<Integer> candidates = valueLines(lines);
        return candidates.isEmpty() ? text : withValue(lines, candidates.get(random.nextInt(candidates.size())), pick(random));
    }

    /** The lines that hold a value after a colon or a dash. */
    private static List<Integer> valueLines(List<String> lines) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (!l.isBlank() && !l.stripLeading().startsWith("#") && (l.contains(":") || l.stripLeading().startsWith("- "))) {
                candidates.add(i);
            }
        }
        return candidates;
    }

    private static String withValue(List<String> original, int at, String value) {
        List<String> lines = new ArrayList<>(original);
        String l = lines.get(at);
        int colon = l.indexOf(": ");
        int cut = colon >= 0 ? colon + 2 : l.endsWith(":") ? l.length() : l.indexOf("- ") + 2;
        lines.set(at, l.substring(0, cut) + (l.endsWith(":") ? " " : "") + value);
        return String.join("\n", lines) + "\n";
    }

    private static String truncate(Random random, String text) {
        return text.isEmpty() ? text : text.substring(0, random.nextInt(text.length()));
    }

    private static String duplicateLine(Random random, String text) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        if (lines.isEmpty()) {
            return text;
        }
        int at = random.nextInt(lines.size());
        lines.add(at, lines.get(at));
        return String.join("\n", lines) + "\n";
    }

    private static String insertLine(Random random, String text, String inserted) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        lines.add(random.nextInt(lines.size() + 1), inserted);
        return String.join("\n", lines) + "\n";
    }

    private static String deepNesting(Random random) {
        int depth = random.nextBoolean() ? 20 + random.nextInt(40) : 1_000 + random.nextInt(20_000);
        return "deep: " + "[".repeat(depth) + "]".repeat(depth);
    }

    /** Billion laughs: each level lists the one before it many times. */
    private static String aliasBomb(Random random) {
        StringBuilder b = new StringBuilder("lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        int levels = 2 + random.nextInt(9);
        for (int i = 1; i <= levels; i++) {
            b.append("lol").append(i).append(": &l").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                b.append(j > 0 ? ", " : "").append("*l").append(i - 1);
            }
            b.append("]\n");
        }
        return b.toString();
    }

    private Path copy(Path from, String name) throws IOException {
        Path to = Files.createDirectories(tmp.resolve(name));
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.filter(p -> !from.relativize(p).toString().startsWith("node_modules")).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        // the MCP example's servers need not be installed: empty stand-ins pass the node_modules check
        for (String server : List.of("server-filesystem", "server-everything")) {
            Path js = to.resolve("node_modules/@modelcontextprotocol/" + server + "/dist/index.js");
            Files.createDirectories(js.getParent());
            Files.writeString(js, "");
        }
        return to;
    }
}
