package dev.warden.scan.ml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.scan.DataClass;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One case of the labelled evaluation set (warden-bench's {@code scan-eval/*.jsonl}; format in
 * that folder's README), as the trainer reads it: its document-level classes and graded toxicity.
 *
 * @param id        unique id
 * @param split     {@code tune} or {@code report}
 * @param kind      grouping for reports
 * @param text      the text
 * @param documents the document-level classes expected (labels without a value)
 * @param toxicity  the graded toxicity label in 0..1, or NaN when the case has none
 */
public record LabelledCase(String id, String split, String kind, String text, Set<DataClass> documents, double toxicity) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Copies the set. */
    public LabelledCase {
        documents = documents.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(documents));
    }

    /** Whether the text as a whole is labelled with the class. */
    public boolean is(DataClass dataClass) {
        return documents.contains(dataClass);
    }

    /**
     * The training target for a class: the graded toxicity when the class is toxicity and the case
     * has one, else 1 or 0 by the label.
     */
    public double target(DataClass dataClass) {
        if (dataClass == DataClass.TOXICITY && !Double.isNaN(toxicity)) {
            return Math.max(0, Math.min(1, toxicity));
        }
        return is(dataClass) ? 1.0 : 0.0;
    }

    /**
     * Whether the case counts as a positive of the class when scoring: its target is at least 0.5
     * (a graded toxicity below 0.5 is a negative, as in {@code ScanEvaluationRun}).
     */
    public boolean positive(DataClass dataClass) {
        return target(dataClass) >= 0.5;
    }

    /** Every case of every {@code *.jsonl} file in a folder, files in name order. */
    public static List<LabelledCase> readAll(Path folder) {
        List<LabelledCase> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted().toList()) {
                all.addAll(readFile(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    /** Every case of one JSON Lines file. */
    public static List<LabelledCase> readFile(Path file) {
        List<LabelledCase> all = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    all.add(parse(JSON.readTree(line)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    static LabelledCase parse(JsonNode node) {
        Set<DataClass> documents = EnumSet.noneOf(DataClass.class);
        for (JsonNode expect : node.path("expect")) {
            if (!expect.has("value")) {
                DataClass.byId(expect.path("class").asText()).ifPresent(documents::add);
            }
        }
        JsonNode graded = node.get("toxicity");
        return new LabelledCase(node.path("id").asText(), node.path("split").asText(), node.path("kind").asText(),
                node.path("text").asText(), documents, graded != null && graded.isNumber() ? graded.asDouble() : Double.NaN);
    }
}
