package dev.ebm.experiments.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feature classifier trains once per recipe and is read back from its cache; the metric puts
 * real images near its floor and far below noise. Needs Fashion-MNIST ({@code apt-get install -y
 * dataset-fashion-mnist}, which {@code .ci/run} does).
 */
class SampleQualityTest {

  @TempDir Path cache;

  @Test
  void aCachedClassifierSeesWhatTheTrainedOneSawAndRealImagesScoreNearTheFloor()
      throws IOException {
    assumeTrue(
        Files.isDirectory(FashionMnist.INSTALLED),
        "install the Debian package dataset-fashion-mnist");
    FashionMnist data = FashionMnist.installed();
    FeatureClassifier.Recipe recipe = new FeatureClassifier.Recipe(3, 128, 32, 1, 128, 1e-3);
    List<String> log = new ArrayList<>();
    FashionMnist.Labelled probe = data.test(200);
    double[] trainedFeatures;
    double accuracy;
    try (FeatureClassifier trained = FeatureClassifier.load(recipe, data, cache, log::add)) {
      accuracy = trained.testAccuracy();
      assertTrue(accuracy > 0.8, "test accuracy " + accuracy);
      trainedFeatures = trained.features(probe.pixels(), probe.count());
    }
    assertTrue(
        log.stream().anyMatch(l -> l.startsWith("training the feature classifier")),
        log.toString());
    Path entry = cache.resolve("classifiers").resolve("fmnist-" + recipe.hash());
    assertTrue(Files.isDirectory(entry), "cached in " + entry);

    log.clear();
    try (FeatureClassifier cached = FeatureClassifier.load(recipe, data, cache, log::add)) {
      assertTrue(
          log.get(0).startsWith("feature classifier " + recipe.hash() + " from"), log.toString());
      assertEquals(accuracy, cached.testAccuracy());
      assertArrayEquals(trainedFeatures, cached.features(probe.pixels(), probe.count()), 0.0);

      // Real test images beyond the floor's (images 1 000–1 999) score like the floor, far below
      // noise;
      // the same images with their pixels inverted score in between.
      FashionMnist.Labelled test = data.test(2000);
      float[] real = new float[1000 * FashionMnist.PIXELS];
      System.arraycopy(test.pixels(), 1000 * FashionMnist.PIXELS, real, 0, real.length);
      SampleQuality q = SampleQuality.measure(cached, data, real, 1000, 5);
      assertTrue(q.ceiling() > 10 * q.floor(), q.describe());
      assertTrue(q.samples() < 2 * q.floor() + 1e-3 * q.ceiling(), q.describe());
      float[] inverted = real.clone();
      for (int i = 0; i < inverted.length; i++) {
        inverted[i] = 1 - inverted[i];
      }
      SampleQuality bad = SampleQuality.measure(cached, data, inverted, 1000, 5);
      assertTrue(bad.samples() > 5 * q.samples(), bad.describe());
      assertEquals(recipe.hash(), q.classifier());
      System.out.println("real: " + q.describe() + "; inverted: " + bad.samples());

      // At 14 × 14 the same images, pooled, score like the pooled floor, far below noise drawn at
      // that side.
      ImageSide half = new ImageSide(14);
      SampleQuality pooled = SampleQuality.measure(cached, data, half.pool(real), 1000, 5, half);
      assertTrue(pooled.ceiling() > 10 * pooled.floor(), pooled.describe());
      assertTrue(
          pooled.samples() < 2 * pooled.floor() + 1e-3 * pooled.ceiling(), pooled.describe());

      // The classes it gives are the ones its measured accuracy counted.
      FashionMnist.Labelled all = data.test(Integer.MAX_VALUE);
      int[] classes = cached.classes(all.pixels(), all.count());
      long right =
          IntStream.range(0, all.count()).filter(i -> classes[i] == all.labels()[i]).count();
      assertEquals(accuracy, right / (double) all.count(), 1e-12);
    }
    assertTrue(
        !new FeatureClassifier.Recipe(3, 128, 32, 2, 128, 1e-3).hash().equals(recipe.hash()),
        "another recipe has another cache entry");
    try (FeatureClassifier again = FeatureClassifier.load(recipe, data, cache, log::add)) {
      assertThrows(
          IllegalArgumentException.class,
          () -> SampleQuality.measure(again, data, new float[FashionMnist.PIXELS], 1, 0));
      // A sampler's states are clamped to the pixel range before they are measured.
      float[] pixels = data.test(50).pixels();
      double[] states = new double[pixels.length];
      for (int i = 0; i < states.length; i++) {
        states[i] = 3 * pixels[i] - 1;
      }
      float[] clamped = new float[pixels.length];
      for (int i = 0; i < clamped.length; i++) {
        clamped[i] = (float) Math.min(1, Math.max(0, states[i]));
      }
      assertEquals(
          SampleQuality.measure(again, data, clamped, 50, 2),
          SampleQuality.ofSamples(again, data, states, 2));
      assertThrows(
          IllegalArgumentException.class,
          () -> SampleQuality.ofSamples(again, data, new double[FashionMnist.PIXELS + 1], 0));
    }
  }
}
