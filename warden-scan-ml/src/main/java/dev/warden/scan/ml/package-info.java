/**
 * Optional learned content detectors: prompt injection and toxicity scored by a logistic-regression
 * head per class on all-MiniLM-L6-v2 sentence embeddings.
 *
 * <p>The ONNX model and its tokenizer ship inside a Maven Central jar and are read from the
 * classpath; nothing is downloaded at run time. The heads are trained by {@link
 * dev.warden.scan.ml.TrainHead} on the {@code tune} split of the labelled evaluation set and shipped as
 * {@code minilm-heads.json} in this package. Entry point: {@link dev.warden.scan.ml.LearnedDetectors#load()};
 * Warden finds the detectors through {@link dev.warden.scan.ml.LearnedDetectorProvider}, a
 * {@link java.util.ServiceLoader} provider of {@link dev.warden.scan.OptionalDetectors}, and runs them
 * where the {@code data:} section enables them.
 */
package dev.warden.scan.ml;
