package dev.warden.scan.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.warden.scan.DataClass;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainHeadTest {
    private static MiniLmEmbedder embedder;
    private static List<LabelledCase> handmade;
    /** Trained once for the class: training is the slow part (about 3 s). */
    private static HeadFile seed29;

    @BeforeAll
    static void loadOnce() throws URISyntaxException {
        embedder = MiniLmEmbedder.load();
        Path folder = Path.of(TrainHeadTest.class.getClassLoader().getResource("handmade-eval").toURI());
        handmade = LabelledCase.readAll(folder);
        seed29 = new TrainHead(embedder, 29).train(split("tune"));
    }

    private static List<LabelledCase> split(String name) {
        return handmade.stream().filter(c -> c.split().equals(name)).toList();
    }

    @Test
    void handmadeSet_isRead() {
        assertThat(handmade).hasSize(40);
        assertThat(handmade.stream().filter(c -> c.is(DataClass.INJECTION))).hasSize(16);
        assertThat(handmade.stream().filter(c -> c.is(DataClass.TOXICITY))).allMatch(c -> c.target(DataClass.TOXICITY) == 1.0);
    }

    @Test
    void sameSeed_sameHeads() {
        HeadFile again = new TrainHead(embedder, 29).train(split("tune"));
        assertThat(again.heads()).isEqualTo(seed29.heads());
        assertThat(again.training()).isEqualTo(seed29.training());
    }

    @Test
    void trainedHeads_rankHeldOutTextsOfTheirClassFirst() {
        HeadFile heads = seed29;
        for (DataClass c : List.of(DataClass.INJECTION, DataClass.TOXICITY)) {
            List<LabelledCase> report = split("report");
            double[] scores = report.stream().mapToDouble(k -> TrainHead.textScore(heads.head(c), embedder.embedWindows(k.text()))).toArray();
            boolean[] positive = new boolean[report.size()];
            for (int i = 0; i < positive.length; i++) {
                positive[i] = report.get(i).is(c);
            }
            assertThat(new ScoredSet(scores, positive).auc()).as(c.id()).isGreaterThanOrEqualTo(0.9);
        }
    }

    @Test
    void headFile_roundTripsThroughJson(@TempDir Path dir) {
        HeadFile heads = seed29;
        Path file = dir.resolve("heads.json");
        heads.write(file);
        HeadFile back = HeadFile.read(file);
        for (DataClass c : List.of(DataClass.INJECTION, DataClass.TOXICITY)) {
            LinearHead written = heads.head(c);
            LinearHead read = back.head(c);
            assertThat(read.threshold()).isCloseTo(written.threshold(), within(1e-5));
            assertThat(read.bias()).isCloseTo(written.bias(), within(1e-4 * Math.max(1, Math.abs(written.bias()))));
            double[] w = written.weights();
            double[] r = read.weights();
            for (int i = 0; i < w.length; i++) {
                assertThat(r[i]).isCloseTo(w[i], within(1e-5 * Math.max(1, Math.abs(w[i]))));
            }
        }
        assertThat(back.training().get(DataClass.INJECTION)).containsEntry("seed", 29);
    }
}
