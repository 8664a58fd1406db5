package dev.ebm.core.data.toy;

import dev.ebm.core.analytic.GaussianMixture;
import java.util.SplittableRandom;

/**
 * Eight equally weighted isotropic Gaussians with means {@code r·(cos 2πk/8, sin 2πk/8)} and
 * standard deviation {@code s}; the density is the closed-form mixture. Defaults: {@code r = 2, s =
 * 0.1} (the benchmark workloads); Nijkamp et al. (2019) use {@code r = 1, s = 0.15}.
 */
public final class EightGaussians implements ToyDensity {

  private final double radius;
  private final double std;
  private final GaussianMixture mixture;

  public EightGaussians(double radius, double std) {
    if (!(radius > 0) || !(std > 0)) {
      throw new IllegalArgumentException(
          "radius and std must be positive, got " + radius + ", " + std);
    }
    this.radius = radius;
    this.std = std;
    double[] weights = new double[8];
    double[][] means = new double[8][];
    for (int k = 0; k < 8; k++) {
      weights[k] = 1.0 / 8;
      means[k] =
          new double[] {
            radius * Math.cos(2 * Math.PI * k / 8), radius * Math.sin(2 * Math.PI * k / 8)
          };
    }
    this.mixture = GaussianMixture.isotropic(weights, means, std);
  }

  /** Radius 2, std 0.1. */
  public EightGaussians() {
    this(2.0, 0.1);
  }

  /** The mixture, as an analytic energy. */
  public GaussianMixture mixture() {
    return mixture;
  }

  @Override
  public String name() {
    return "8gaussians";
  }

  @Override
  public String description() {
    return "8 Gaussians on a circle of radius " + radius + ", std " + std;
  }

  @Override
  public Evaluation evaluation() {
    return Evaluation.CLOSED_FORM;
  }

  @Override
  public double[] sample(int n, long seed) {
    return mixture.sample(n, new SplittableRandom(seed));
  }

  @Override
  public double logDensity(double x, double y) {
    return mixture.logDensity(new double[] {x, y}, 0);
  }

  @Override
  public double halfWidth() {
    return radius + 6 * std;
  }
}
