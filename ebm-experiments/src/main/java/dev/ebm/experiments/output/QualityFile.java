package dev.ebm.experiments.output;

import com.google.gson.GsonBuilder;
import dev.ebm.experiments.quality.FashionMnist;
import dev.ebm.experiments.quality.FeatureClassifier;
import dev.ebm.experiments.quality.SampleQuality;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Measures samples' quality as Fashion-MNIST images ({@link SampleQuality}: the Fréchet distance in
 * the features of a classifier trained once and cached, beside held-out real images and noise) and
 * writes it as {@code quality.json} beside them.
 */
public final class QualityFile {

  /** The most samples measured. */
  private static final int MAX_SAMPLES = 10_000;

  private QualityFile() {}

  /**
   * Measures the first (up to {@value #MAX_SAMPLES}) of {@code samples}, row-major images of {@code
   * d} values, with the classifier cached under {@code cache}; progress goes to {@code log}.
   *
   * @throws IllegalArgumentException unless the samples are 28×28×1 images, at least two
   */
  public static SampleQuality measure(
      double[] samples, int d, Path cache, long seed, PrintStream log) throws IOException {
    if (d != FashionMnist.PIXELS) {
      throw new IllegalArgumentException(
          "--quality measures Fashion-MNIST images of 28x28x1 ("
              + FashionMnist.PIXELS
              + " values); this energy's samples have "
              + d);
    }
    int count = Math.min(samples.length / d, MAX_SAMPLES);
    if (count < 2) {
      throw new IllegalArgumentException("--quality needs at least 2 chains, got " + count);
    }
    FashionMnist data = FashionMnist.installed();
    try (FeatureClassifier classifier =
        FeatureClassifier.load(FeatureClassifier.Recipe.standard(), data, cache, log::println)) {
      return SampleQuality.ofSamples(classifier, data, Arrays.copyOf(samples, count * d), seed);
    }
  }

  /** Writes {@code quality.json} into {@code target}. */
  public static void write(Path target, SampleQuality quality) throws IOException {
    Files.createDirectories(target);
    Files.writeString(
        target.resolve("quality.json"),
        new GsonBuilder()
            .setPrettyPrinting()
            .disableHtmlEscaping()
            .create()
            .toJson(quality.toMap()));
  }
}
