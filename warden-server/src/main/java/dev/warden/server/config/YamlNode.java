package dev.warden.server.config;

import dev.warden.json.JsonNumbers;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * A node of a YAML configuration file that knows its file, line and path, so every validation
 * error can say exactly where it is ({@code tools.yaml:14: tools[2].risk: ...}).
 */
public final class YamlNode {
    private final String file;
    private final String path;
    private final Node node;

    private YamlNode(String file, String path, Node node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    /** The most characters a config file may have. */
    static final int MAX_CHARS = 4 * 1024 * 1024;

    /**
     * Parses one file (safe loader: no custom tags, at most 20 aliases of lists or mappings, at most
     * 50 levels of nesting, at most {@value #MAX_CHARS} characters).
     *
     * @throws ConfigException on I/O or syntax errors, with the line
     */
    public static YamlNode parse(Path file) {
        String name = file.getFileName().toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException(name, 0, "cannot read: " + e.getMessage());
        }
        String text = decode(name, bytes);
        checkCharacters(name, text);
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(50);
        options.setCodePointLimit(MAX_CHARS);
        StreamReader reader = new StreamReader(text);
        try {
            Node root = new Composer(new ParserImpl(reader, options), new Resolver(), options).getSingleNode();
            if (root == null) {
                throw new ConfigException(name, 1, "file is empty");
            }
            rejectDuplicateKeys(name, "", root, Collections.newSetFromMap(new IdentityHashMap<>()));
            return new YamlNode(name, "", root);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = (mark != null ? mark : reader.getMark()).getLine() + 1;
            throw new ConfigException(name, line, "invalid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            // alias and nesting limits carry no mark: the line being read when they tripped
            throw new ConfigException(name, reader.getMark().getLine() + 1, "invalid YAML: " + e.getMessage());
        }
    }

    /** Decodes UTF-8, naming the line of the first byte sequence that is not UTF-8. */
    private static String decode(String name, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new ConfigException(name, line, "not UTF-8 text (byte " + (in.position() + 1) + ")");
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** Fails on a character YAML does not allow and on a file over the size limit, naming the line. */
    private static void checkCharacters(String name, String text) {
        int line = 1;
        int count = 0;
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            int c = text.codePointAt(i);
            if (!StreamReader.isPrintable(c)) {
                throw new ConfigException(name, line, String.format("character U+%04X is not allowed in YAML"
                        + " (write it as an escape in a double-quoted string)", c));
            }
            if (++count > MAX_CHARS) {
                throw new ConfigException(name, line, "the file is longer than " + MAX_CHARS + " characters");
            }
            line += c == '\n' ? 1 : 0;
        }
    }

    /**
     * Fails on a mapping that repeats a key. SnakeYAML's own check runs only when it builds Java
     * objects, not on the node tree read here, and a repeated key would otherwise silently win over
     * the first (a second {@code risk:} under a tool, a second agent with the same name key).
     */
    private static void rejectDuplicateKeys(String file, String path, Node node, Set<Node> seen) {
        if (!seen.add(node)) {
            return;
        }
        if (node instanceof MappingNode m) {
            java.util.Set<String> keys = new java.util.HashSet<>();
            for (NodeTuple t : m.getValue()) {
                String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : null;
                if (key != null && !keys.add(key)) {
                    throw new ConfigException(file, t.getKeyNode().getStartMark().getLine() + 1,
                            (path.isEmpty() ? key : path + "." + key) + ": duplicate key (it appears twice in the same mapping)");
                }
                rejectDuplicateKeys(file, key == null ? path : (path.isEmpty() ? key : path + "." + key), t.getValueNode(), seen);
            }
        } else if (node instanceof SequenceNode seq) {
            for (int i = 0; i < seq.getValue().size(); i++) {
                rejectDuplicateKeys(file, path + "[" + i + "]", seq.getValue().get(i), seen);
            }
        }
    }

    /** The 1-based line of this node. */
    public int line() {
        return node.getStartMark().getLine() + 1;
    }

    /** The path of this node, e.g. {@code tools[2].risk}. */
    public String path() {
        return path.isEmpty() ? "(root)" : path;
    }

    /** An error located at this node. */
    public ConfigException error(String message) {
        return new ConfigException(file, line(), path() + ": " + message);
    }

    /** An error located at the line of {@code key} in this mapping (for a key that names something unknown). */
    public ConfigException errorAtKey(String key, String message) {
        for (NodeTuple t : mapping().getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return new ConfigException(file, k.getStartMark().getLine() + 1, child(key) + ": " + message);
            }
        }
        return error(message);
    }

    /** The child under {@code key} of a mapping, if present and not null. */
    public Optional<YamlNode> get(String key) {
        for (NodeTuple t : mapping().getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                Node v = t.getValueNode();
                return v.getTag().equals(Tag.NULL) ? Optional.empty() : Optional.of(new YamlNode(file, child(key), v));
            }
        }
        return Optional.empty();
    }

    /** The required child under {@code key}. */
    public YamlNode require(String key) {
        return get(key).orElseThrow(() -> new ConfigException(file, line(), child(key) + ": is required"));
    }

    /** The keys of a mapping, in file order. */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (NodeTuple t : mapping().getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw new YamlNode(file, path, t.getKeyNode()).error("a key must be a single value");
            }
            keys.add(k.getValue());
        }
        return keys;
    }

    /** Fails on any key outside {@code allowed}, naming it (catches typos). */
    public void allowOnly(java.util.Set<String> allowed) {
        for (NodeTuple t : mapping().getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "?";
            if (!allowed.contains(key)) {
                throw new ConfigException(file, t.getKeyNode().getStartMark().getLine() + 1,
                        child(key) + ": unknown key (allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
    }

    /** The items of a sequence. */
    public List<YamlNode> items() {
        if (!(node instanceof SequenceNode seq)) {
            throw error("must be a list");
        }
        List<YamlNode> out = new ArrayList<>();
        for (int i = 0; i < seq.getValue().size(); i++) {
            out.add(new YamlNode(file, path + "[" + i + "]", seq.getValue().get(i)));
        }
        return out;
    }

    /** The text of a scalar. */
    public String text() {
        if (!(node instanceof ScalarNode s)) {
            throw error("must be a single value");
        }
        return s.getValue();
    }

    /** A non-blank string scalar. */
    public String string() {
        String t = text();
        if (t.isBlank()) {
            throw error("must not be empty");
        }
        return t;
    }

    /** An integer scalar within bounds. */
    public long integer(long min, long max) {
        try {
            long v = Long.parseLong(text().trim());
            if (v < min || v > max) {
                throw error("must be between " + min + " and " + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw error("must be an integer");
        }
    }

    /** Whether this node is a single value (not a mapping or a list). */
    public boolean isScalar() {
        return node instanceof ScalarNode;
    }

    /** A decimal scalar within bounds. */
    public double decimal(double min, double max) {
        double v;
        try {
            v = Double.parseDouble(text().trim());
        } catch (NumberFormatException e) {
            throw error("must be a number");
        }
        if (!(v >= min && v <= max)) {
            throw error("must be between " + min + " and " + max);
        }
        return v;
    }

    /** A list of strings. */
    public List<String> strings() {
        return items().stream().map(YamlNode::string).toList();
    }

    /**
     * The node as plain Java JSON values (maps, lists, strings, Long, BigInteger, BigDecimal,
     * Boolean, null); numbers keep the JSON number rule ({@link JsonNumbers}).
     *
     * @throws ConfigException on a key that is not a single value, a number that is not decimal or
     *     breaks the rule, and a value that contains itself through an alias
     */
    public Object plain() {
        return plain(this, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static Object plain(YamlNode n, Set<Node> open) {
        if (!open.add(n.node)) {
            throw n.error("contains itself through an alias");
        }
        try {
            return switch (n.node) {
                case MappingNode m -> {
                    Map<String, Object> map = new LinkedHashMap<>();
                    for (NodeTuple t : m.getValue()) {
                        if (!(t.getKeyNode() instanceof ScalarNode k)) {
                            throw new YamlNode(n.file, n.path, t.getKeyNode()).error("a key must be a single value");
                        }
                        map.put(k.getValue(), plain(new YamlNode(n.file, n.child(k.getValue()), t.getValueNode()), open));
                    }
                    yield map;
                }
                case SequenceNode s -> {
                    List<Object> list = new ArrayList<>();
                    for (int i = 0; i < s.getValue().size(); i++) {
                        list.add(plain(new YamlNode(n.file, n.path + "[" + i + "]", s.getValue().get(i)), open));
                    }
                    yield Collections.unmodifiableList(list);
                }
                case ScalarNode s -> n.scalar(s);
                default -> throw n.error("unsupported YAML node");
            };
        } finally {
            open.remove(n.node);
        }
    }

    private Object scalar(ScalarNode s) {
        Tag tag = s.getTag();
        String v = s.getValue();
        if (tag.equals(Tag.NULL)) {
            return null;
        }
        if (tag.equals(Tag.BOOL)) {
            return Boolean.valueOf(v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("on"));
        }
        if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
            return number(v, tag.equals(Tag.INT));
        }
        return v;
    }

    private Number number(String v, boolean integer) {
        if (v.length() > JsonNumbers.MAX_TEXT_CHARS) {
            throw error("a number is at most " + JsonNumbers.MAX_TEXT_CHARS + " characters");
        }
        Number n;
        try {
            if (integer) {
                BigInteger i = new BigInteger(v.replace("_", ""));
                n = i.bitLength() < 64 ? (Number) i.longValue() : i;
            } else {
                n = new BigDecimal(v.replace("_", ""));
            }
        } catch (NumberFormatException e) {
            // YAML 1.1 also reads 0x1F, 0b101, 1:30 and .inf as numbers; JSON Schema has only decimals
            throw error("'" + v + "' is not a decimal number (quote it to make it text)");
        }
        Optional<String> problem = JsonNumbers.problem(n);
        if (problem.isPresent()) {
            throw error(problem.get());
        }
        return n;
    }

    private MappingNode mapping() {
        if (!(node instanceof MappingNode m)) {
            throw error("must be a mapping of keys to values");
        }
        return m;
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
