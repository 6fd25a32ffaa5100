package dev.warden.server.config;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

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

    /**
     * Parses one file (safe loader: no custom tags, no aliases explosion).
     *
     * @throws ConfigException on I/O or syntax errors, with the line
     */
    public static YamlNode parse(Path file) {
        String name = file.getFileName().toString();
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit(4 * 1024 * 1024);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Node root = new Yaml(options).compose(reader);
            if (root == null) {
                throw new ConfigException(name, 0, "file is empty");
            }
            rejectDuplicateKeys(name, "", root, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
            return new YamlNode(name, "", root);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            throw new ConfigException(name, line, "invalid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new ConfigException(name, 0, "invalid YAML: " + e.getMessage());
        } catch (IOException e) {
            throw new ConfigException(name, 0, "cannot read: " + e.getMessage());
        }
    }

    /**
     * Fails on a mapping that repeats a key. SnakeYAML's own check runs only when it builds Java
     * objects, not on the node tree read here, and a repeated key would otherwise silently win over
     * the first (a second {@code risk:} under a tool, a second agent with the same name key).
     */
    private static void rejectDuplicateKeys(String file, String path, Node node, java.util.Set<Node> seen) {
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
            keys.add(((ScalarNode) t.getKeyNode()).getValue());
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

    /** A list of strings. */
    public List<String> strings() {
        return items().stream().map(YamlNode::string).toList();
    }

    /** The node as plain Java JSON values (maps, lists, strings, Long, BigDecimal, Boolean, null). */
    public Object plain() {
        return plain(node);
    }

    private static Object plain(Node n) {
        return switch (n) {
            case MappingNode m -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (NodeTuple t : m.getValue()) {
                    map.put(((ScalarNode) t.getKeyNode()).getValue(), plain(t.getValueNode()));
                }
                yield map;
            }
            case SequenceNode s -> s.getValue().stream().map(YamlNode::plain).toList();
            case ScalarNode s -> scalar(s);
            default -> throw new IllegalArgumentException("unsupported YAML node");
        };
    }

    private static Object scalar(ScalarNode s) {
        Tag tag = s.getTag();
        String v = s.getValue();
        if (tag.equals(Tag.NULL)) {
            return null;
        }
        if (tag.equals(Tag.BOOL)) {
            return Boolean.valueOf(v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("on"));
        }
        if (tag.equals(Tag.INT)) {
            BigInteger i = new BigInteger(v.replace("_", ""));
            return i.bitLength() < 64 ? (Object) i.longValue() : i;
        }
        if (tag.equals(Tag.FLOAT)) {
            return new BigDecimal(v.replace("_", ""));
        }
        return v;
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
