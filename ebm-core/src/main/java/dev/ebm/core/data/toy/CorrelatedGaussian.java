package dev.ebm.core.data.toy;

import java.util.SplittableRandom;

/**
 * A zero-mean 2-D Gaussian with standard deviations {@code s} on both axes and correlation ρ,
 * covariance {@code Σ = s²·[[1, ρ], [ρ, 1]]}:
 *
 * <pre>
 *   log p(x, y) = −(x² − 2ρxy + y²) / (2s²(1 − ρ²)) − log(2π s² √(1 − ρ²))
 * </pre>
 *
 * The simplest density with an exact maximum-likelihood answer for a quadratic energy (the {@code
 * gaussian} model): the learned covariance should be Σ. Its narrow direction has standard deviation
 * {@code s√(1 − ρ)}. Defaults {@code s = 1, ρ = 0.8}.
 */
public final class CorrelatedGaussian implements ToyDensity {

  private final double std;
  private final double correlation;

  /**
   * The Gaussian of standard deviation {@code std} per axis and correlation {@code correlation}.
   *
   * @throws IllegalArgumentException for a std that is not positive or a correlation outside (−1,
   *     1)
   */
  public CorrelatedGaussian(double std, double correlation) {
    if (!(std > 0) || !(correlation > -1 && correlation < 1)) {
      throw new IllegalArgumentException(
          "gaussian needs std > 0 and a correlation in (-1, 1), got std "
              + std
              + ", correlation "
              + correlation);
    }
    this.std = std;
    this.correlation = correlation;
  }

  /** The covariance, row-major {@code [2, 2]}. */
  public double[] covariance() {
    double v = std * std;
    return new double[] {v, correlation * v, correlation * v, v};
  }

  @Override
  public String name() {
    return "gaussian";
  }

  @Override
  public String description() {
    return "Gaussian of std " + std + " per axis, correlation " + correlation;
  }

  @Override
  public Evaluation evaluation() {
    return Evaluation.CLOSED_FORM;
  }

  @Override
  public double[] sample(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] out = new double[2 * n];
    double across = Math.sqrt(1 - correlation * correlation);
    for (int i = 0; i < n; i++) {
      double a = Normal.draw(random);
      double b = Normal.draw(random);
      out[2 * i] = std * a;
      out[2 * i + 1] = std * (correlation * a + across * b);
    }
    return out;
  }

  @Override
  public double logDensity(double x, double y) {
    double v = std * std;
    double oneMinus = 1 - correlation * correlation;
    return -(x * x - 2 * correlation * x * y + y * y) / (2 * v * oneMinus)
        - Math.log(2 * Math.PI * v * Math.sqrt(oneMinus));
  }

  @Override
  public double halfWidth() {
    return 6 * std;
  }
}
