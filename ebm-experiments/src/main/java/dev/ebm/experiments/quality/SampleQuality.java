package dev.ebm.experiments.quality;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The offline sample-quality metric of a set of generated Fashion-MNIST images: the squared Fréchet
 * distance ({@link FrechetDistance}) between the classifier features ({@link FeatureClassifier}) of
 * the first n training images and those of the n samples, beside the same distance for the first n
 * held-out test images (the floor: what real images score) and for n images of uniform noise (the
 * ceiling). Lower is better; a number means most as a position between floor and ceiling, and only
 * beside others computed with the same classifier and the same n (the distance is biased upward at
 * small n).
 *
 * @param samples the distance of the samples
 * @param floor the distance of held-out real images
 * @param ceiling the distance of uniform noise
 * @param images n
 * @param classifier the classifier's recipe hash
 * @param classifierAccuracy its test accuracy
 */
public record SampleQuality(
    double samples,
    double floor,
    double ceiling,
    int images,
    String classifier,
    double classifierAccuracy) {

  /**
   * Measures {@code count} images (row-major {@code [count, 784]}, pixels in [0, 1]).
   *
   * @param seed the seed of the noise images
   * @throws IllegalArgumentException for fewer than 2 or more than 10 000 images
   * @throws IOException if the data cannot be read
   */
  public static SampleQuality measure(
      FeatureClassifier classifier, FashionMnist data, float[] pixels, int count, long seed)
      throws IOException {
    return measure(classifier, data, pixels, count, seed, ImageSide.FULL);
  }

  /**
   * Measures {@code count} images of {@code side} (row-major {@code [count, side²]}, pixels in [0,
   * 1]) against training and held-out images {@linkplain ImageSide#degrade degraded} to that side,
   * and uniform noise drawn at it; all are {@linkplain ImageSide#restore restored} to 28 × 28 for
   * the classifier. At 28 this is {@link #measure(FeatureClassifier, FashionMnist, float[], int,
   * long)}.
   *
   * @param seed the seed of the noise images
   * @throws IllegalArgumentException for fewer than 2 or more than 10 000 images
   * @throws IOException if the data cannot be read
   */
  public static SampleQuality measure(
      FeatureClassifier classifier,
      FashionMnist data,
      float[] pixels,
      int count,
      long seed,
      ImageSide side)
      throws IOException {
    if (count < 2 || count > 10_000) {
      throw new IllegalArgumentException(
          "the metric compares 2 to 10 000 images (as many as the test set holds), got " + count);
    }
    int d = classifier.featureSize();
    double[] reference = classifier.features(side.degrade(data.train(count).pixels()), count);
    double[] heldOut = classifier.features(side.degrade(data.test(count).pixels()), count);
    float[] noise = new float[count * side.pixels()];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) random.nextDouble();
    }
    return new SampleQuality(
        FrechetDistance.squared(reference, classifier.features(side.restore(pixels), count), d),
        FrechetDistance.squared(reference, heldOut, d),
        FrechetDistance.squared(reference, classifier.features(side.restore(noise), count), d),
        count,
        classifier.recipe().hash(),
        classifier.testAccuracy());
  }

  /**
   * Measures generated 28 × 28 samples as images: row-major {@code [count, 784]} values, each
   * clamped to [0, 1] first (a sampler's states may leave the pixel range).
   *
   * @param seed the seed of the noise images
   * @throws IllegalArgumentException for fewer than 2 or more than 10 000 images, or a length that
   *     is not a multiple of 784
   * @throws IOException if the data cannot be read
   */
  public static SampleQuality ofSamples(
      FeatureClassifier classifier, FashionMnist data, double[] samples, long seed)
      throws IOException {
    return ofSamples(classifier, data, samples, seed, ImageSide.FULL);
  }

  /**
   * Measures generated samples of {@code side} as images: row-major {@code [count, side²]} values,
   * each clamped to [0, 1] first, against data of that side ({@link #measure(FeatureClassifier,
   * FashionMnist, float[], int, long, ImageSide)}).
   *
   * @param seed the seed of the noise images
   * @throws IllegalArgumentException for fewer than 2 or more than 10 000 images, or a length that
   *     is not a multiple of {@code side²}
   * @throws IOException if the data cannot be read
   */
  public static SampleQuality ofSamples(
      FeatureClassifier classifier, FashionMnist data, double[] samples, long seed, ImageSide side)
      throws IOException {
    if (samples.length % side.pixels() != 0) {
      throw new IllegalArgumentException(
          "the metric measures Fashion-MNIST images of "
              + side.side()
              + "x"
              + side.side()
              + "x1 ("
              + side.pixels()
              + " values each); got "
              + samples.length
              + " values");
    }
    float[] pixels = new float[samples.length];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) Math.min(1, Math.max(0, samples[i]));
    }
    return measure(classifier, data, pixels, samples.length / side.pixels(), seed, side);
  }

  /** The fields as a JSON-ready map. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("frechet_distance", samples);
    m.put("frechet_distance_held_out_real", floor);
    m.put("frechet_distance_noise", ceiling);
    m.put("images", images);
    m.put("classifier", classifier);
    m.put("classifier_test_accuracy", classifierAccuracy);
    return m;
  }

  /** One line for logs and reports. */
  public String describe() {
    return String.format(
        "Fréchet distance in classifier features %.3f (held-out real images %.3f, uniform noise"
            + " %.3f; %d images, classifier %s with test accuracy %.4f)",
        samples, floor, ceiling, images, classifier, classifierAccuracy);
  }
}
