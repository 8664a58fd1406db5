package dev.ebm.core.data.toy;

import java.util.SplittableRandom;

/**
 * The univariate normal distribution for toy densities: standard draws (Box–Muller) and the density
 * {@code N(x; μ, σ) = exp(−(x − μ)²/2σ²)/(σ√(2π))}.
 */
public final class Normal {

  private Normal() {}

  /** One standard normal draw. */
  public static double draw(SplittableRandom random) {
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** {@code N(x; mean, std)}. */
  public static double density(double x, double mean, double std) {
    double z = (x - mean) / std;
    return Math.exp(-0.5 * z * z) / (std * Math.sqrt(2 * Math.PI));
  }
}
