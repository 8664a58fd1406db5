package dev.ebm.experiments;

import dev.ebm.api.Samples;
import dev.ebm.experiments.output.QualityFile;
import dev.ebm.experiments.quality.FeatureClassifier;
import dev.ebm.experiments.quality.SampleQuality;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code ebm sample --quality}: the offline quality metric of Fashion-MNIST samples. */
final class QualityOptions {

  @Option(
      names = "--quality",
      description =
          "for Fashion-MNIST images (28x28x1): the Frechet distance of the samples (clamped to"
              + " [0, 1]) in the features of a classifier trained once and cached, beside held-out"
              + " real images and noise; writes quality.json")
  boolean asked;

  @Option(
      names = "--quality-cache",
      description = "where the feature classifier is cached (default: $EBM_CACHE or ~/.cache/ebm)")
  Path cache;

  /** If asked, measures the samples, writes {@code quality.json} into {@code target}, prints it. */
  void measure(Path target, Samples samples, int d, long seed) throws IOException {
    if (!asked) {
      return;
    }
    SampleQuality measured =
        QualityFile.measure(
            samples.flattened(),
            d,
            cache != null ? cache : FeatureClassifier.defaultCacheRoot(),
            seed,
            System.err);
    QualityFile.write(target, measured);
    System.out.println(measured.describe());
  }
}
