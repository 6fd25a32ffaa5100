package dev.warden.scan.ml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.scan.DataClass;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trained heads as stored in {@value #RESOURCE}: format 1, the embedding model they read, and
 * per class the weights, bias, default threshold and how they were trained.
 *
 * <pre>{@code
 * {"format": 1, "model": "all-minilm-l6-v2", "dimension": 384,
 *  "heads": [{"class": "injection", "bias": -1.2, "threshold": 0.71, "weights": [...],
 *             "training": {"seed": 29, "l2": 0.01, "texts": 180, ...}}]}
 * }</pre>
 *
 * @param heads    one head per class
 * @param training per class, free-form facts about the training run (written, never interpreted)
 */
public record HeadFile(List<LinearHead> heads, Map<DataClass, Map<String, Object>> training) {
    /** Classpath resource of the shipped heads. */
    public static final String RESOURCE = "dev/warden/scan/ml/minilm-heads.json";
    /** The embedding model the heads read. */
    public static final String MODEL = "all-minilm-l6-v2";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Copies the lists. */
    public HeadFile {
        heads = List.copyOf(heads);
        training = Map.copyOf(training);
    }

    /** The head for a class. */
    public LinearHead head(DataClass dataClass) {
        return heads.stream().filter(h -> h.dataClass() == dataClass).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no head for " + dataClass.id()));
    }

    /** Reads the shipped heads from the classpath. */
    public static HeadFile shipped() {
        try (InputStream in = HeadFile.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return read(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads heads from a file written by {@link #write(Path)}. */
    public static HeadFile read(Path file) {
        try {
            return read(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HeadFile read(JsonNode root) {
        if (root.path("format").asInt() != 1 || !MODEL.equals(root.path("model").asText())) {
            throw new IllegalStateException("unknown head file: format " + root.path("format") + ", model " + root.path("model"));
        }
        int dimension = root.path("dimension").asInt();
        List<LinearHead> heads = new ArrayList<>();
        Map<DataClass, Map<String, Object>> training = new LinkedHashMap<>();
        for (JsonNode h : root.path("heads")) {
            DataClass c = DataClass.byId(h.path("class").asText())
                    .orElseThrow(() -> new IllegalStateException("unknown class " + h.path("class")));
            JsonNode w = h.path("weights");
            if (w.size() != dimension) {
                throw new IllegalStateException(c.id() + " head has " + w.size() + " weights, not " + dimension);
            }
            double[] weights = new double[dimension];
            for (int i = 0; i < dimension; i++) {
                weights[i] = w.get(i).asDouble();
            }
            heads.add(new LinearHead(c, weights, h.path("bias").asDouble(), h.path("threshold").asDouble()));
            @SuppressWarnings("unchecked")
            Map<String, Object> facts = JSON.convertValue(h.path("training"), Map.class);
            training.put(c, facts == null ? Map.of() : facts);
        }
        return new HeadFile(heads, training);
    }

    /** Writes the heads as JSON (weights rounded to 6 significant digits). */
    public void write(Path file) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", 1);
        root.put("model", MODEL);
        root.put("dimension", heads.isEmpty() ? MiniLmEmbedder.DIMENSION : heads.get(0).dimension());
        ArrayNode array = root.putArray("heads");
        for (LinearHead head : heads) {
            ObjectNode h = array.addObject();
            h.put("class", head.dataClass().id());
            h.put("bias", round(head.bias()));
            h.put("threshold", round(head.threshold()));
            h.set("training", JSON.valueToTree(training.getOrDefault(head.dataClass(), Map.of())));
            ArrayNode w = h.putArray("weights");
            for (double v : head.weights()) {
                w.add(round(v));
            }
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, JSON.writeValueAsString(root) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double round(double v) {
        return Double.parseDouble(String.format(java.util.Locale.ROOT, "%.6g", v));
    }
}
