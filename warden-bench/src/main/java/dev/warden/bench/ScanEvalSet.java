package dev.warden.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.scan.DataClass;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Stream;

/** Reads the labelled cases of the content-detector evaluation from the {@code *.jsonl} files of a folder. */
public final class ScanEvalSet {
    /** Where the set lives in the source tree, relative to the repository root. */
    public static final Path SOURCE_DIR = Path.of("warden-bench", "src", "main", "resources", "scan-eval");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScanEvalSet() {
    }

    /**
     * The cases of every {@code *.jsonl} file in {@code dir} if it is a folder, else of the
     * {@code scan-eval} folder on the class path (inside benchmarks.jar), in file-name order.
     */
    public static List<ScanCase> load(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return read(dir);
        }
        URL readme = ScanEvalSet.class.getResource("/scan-eval/README.md");
        if (readme == null) {
            throw new IOException("no evaluation set at " + dir.toAbsolutePath() + " nor on the class path");
        }
        try {
            URI uri = readme.toURI();
            if (uri.getScheme().equals("jar")) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return read(jar.getPath("/scan-eval"));
                }
            }
            return read(Path.of(uri).getParent());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    private static List<ScanCase> read(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        }
        List<ScanCase> cases = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Path f : files) {
            int n = 0;
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                ScanCase c;
                try {
                    c = parse(line);
                } catch (IOException | RuntimeException e) {
                    throw new IOException(f.getFileName() + ":" + n + ": " + e.getMessage(), e);
                }
                if (!ids.add(c.id())) {
                    throw new IOException(f.getFileName() + ":" + n + ": duplicate id " + c.id());
                }
                cases.add(c);
            }
        }
        return cases;
    }

    /** One case from its JSON line. */
    public static ScanCase parse(String line) throws IOException {
        JsonNode n = JSON.readTree(line);
        List<ScanCase.Label> labels = new ArrayList<>();
        for (JsonNode e : n.path("expect")) {
            String cls = e.path("class").asText();
            DataClass dc = DataClass.byId(cls).orElseThrow(() -> new IllegalArgumentException("unknown class " + cls));
            labels.add(new ScanCase.Label(dc, e.hasNonNull("value") ? Optional.of(e.get("value").asText()) : Optional.empty()));
        }
        OptionalDouble tox = n.hasNonNull("toxicity") ? OptionalDouble.of(n.get("toxicity").asDouble()) : OptionalDouble.empty();
        return new ScanCase(text(n, "id"), text(n, "split"), n.path("kind").asText("other"), text(n, "text"), labels, tox);
    }

    private static String text(JsonNode n, String field) {
        if (!n.hasNonNull(field)) {
            throw new IllegalArgumentException("missing " + field);
        }
        return n.get(field).asText();
    }
}
