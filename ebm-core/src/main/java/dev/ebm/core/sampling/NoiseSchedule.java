package dev.ebm.core.sampling;

import java.util.Arrays;

/**
 * The noise levels {@code σ₁ > σ₂ > … > σ_L} of a noise-conditional model, shared by its training
 * loss and its annealed sampler. Song &amp; Ermon (2019) use a geometric sequence from {@code σ₁ =
 * 1} to {@code σ_L = 0.01} with {@code L = 10} for images in {@code [0, 1]}.
 */
public final class NoiseSchedule {

  /**
   * The most levels a geometric schedule may have: far above the 10 of NCSN and the few thousand of
   * NCSNv2 (Song &amp; Ermon 2020), and small enough that a mistyped count is refused instead of
   * allocating gigabytes.
   */
  public static final int MAX_LEVELS = 100_000;

  private final double[] sigmas;

  private NoiseSchedule(double[] sigmas) {
    for (int i = 0; i < sigmas.length; i++) {
      if (!(sigmas[i] > 0) || Double.isInfinite(sigmas[i])) {
        throw new IllegalArgumentException("noise levels must be positive, got " + sigmas[i]);
      }
      if (i > 0 && !(sigmas[i] < sigmas[i - 1])) {
        throw new IllegalArgumentException(
            "noise levels must decrease strictly, got " + Arrays.toString(sigmas));
      }
    }
    this.sigmas = sigmas;
  }

  /**
   * {@code levels} values from {@code first} down to {@code last}, equally spaced in log.
   *
   * @throws IllegalArgumentException for fewer than 1 or more than {@value #MAX_LEVELS} levels, or
   *     unless {@code first > last > 0} (for more than one level)
   */
  public static NoiseSchedule geometric(double first, double last, int levels) {
    if (levels < 1) {
      throw new IllegalArgumentException("a schedule needs at least one level, got " + levels);
    }
    if (levels > MAX_LEVELS) {
      throw new IllegalArgumentException(
          "a schedule of "
              + levels
              + " levels is more than the "
              + MAX_LEVELS
              + " allowed; NCSN uses 10, NCSNv2 a few thousand");
    }
    if (levels == 1) {
      return new NoiseSchedule(new double[] {first});
    }
    if (!(first > last) || !(last > 0)) {
      throw new IllegalArgumentException(
          "a geometric schedule needs first > last > 0, got " + first + " and " + last);
    }
    double[] s = new double[levels];
    double ratio = Math.pow(last / first, 1.0 / (levels - 1));
    for (int i = 0; i < levels; i++) {
      s[i] = first * Math.pow(ratio, i);
    }
    s[levels - 1] = last;
    return new NoiseSchedule(s);
  }

  /** Explicit levels, strictly decreasing. */
  public static NoiseSchedule of(double... sigmas) {
    if (sigmas.length == 0) {
      throw new IllegalArgumentException("a schedule needs at least one level");
    }
    return new NoiseSchedule(sigmas.clone());
  }

  /** Song &amp; Ermon's image default: 10 levels from 1 to 0.01. */
  public static NoiseSchedule ncsnDefault() {
    return geometric(1.0, 0.01, 10);
  }

  /** The number of levels L. */
  public int levels() {
    return sigmas.length;
  }

  /** σ_i, for i from 0 (the largest) to L − 1 (the smallest). */
  public double sigma(int i) {
    return sigmas[i];
  }

  /** The largest level σ₁. */
  public double largest() {
    return sigmas[0];
  }

  /** The smallest level σ_L. */
  public double smallest() {
    return sigmas[sigmas.length - 1];
  }

  /** All levels, largest first. */
  public double[] sigmas() {
    return sigmas.clone();
  }

  @Override
  public String toString() {
    return Arrays.toString(sigmas);
  }
}
