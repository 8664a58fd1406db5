package dev.ebm.core.data.toy;

import java.util.SplittableRandom;

/**
 * Concentric rings: a ring {@code k} is chosen with probability {@code w_k} (default proportional
 * to its radius, so points are uniform along the total circumference), then a point at a uniform
 * angle on the circle of radius {@code r_k}, plus isotropic Gaussian noise of std {@code s}. The
 * density is closed form: {@code p(x) = Σ_k w_k exp(−(ρ² + r_k²) / 2s²) I₀(ρ r_k / s²) / (2π s²)}
 * with {@code ρ = ‖x‖} and the modified Bessel function I₀ (Abramowitz &amp; Stegun 9.8.1–2,
 * relative error below 2e-7). Defaults: radii 1, 2, 3 and s = 0.15 (the ring std of Nijkamp et al.
 * 2019).
 */
public final class Rings implements ToyDensity {

  private final double[] radii;
  private final double[] weights;
  private final double std;

  public Rings(double[] radii, double std) {
    if (radii.length == 0 || !(std > 0)) {
      throw new IllegalArgumentException("rings need at least one radius and a positive std");
    }
    this.radii = radii.clone();
    this.std = std;
    double total = 0;
    for (double r : radii) {
      if (!(r > 0)) {
        throw new IllegalArgumentException("ring radii must be positive, got " + r);
      }
      total += r;
    }
    this.weights = new double[radii.length];
    for (int k = 0; k < radii.length; k++) {
      weights[k] = radii[k] / total;
    }
  }

  /** Radii 1, 2, 3; std 0.15. */
  public Rings() {
    this(new double[] {1, 2, 3}, 0.15);
  }

  @Override
  public String name() {
    return "rings";
  }

  @Override
  public String description() {
    return "rings of radii " + java.util.Arrays.toString(radii) + ", std " + std;
  }

  @Override
  public Evaluation evaluation() {
    return Evaluation.CLOSED_FORM;
  }

  @Override
  public double[] sample(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] out = new double[2 * n];
    for (int i = 0; i < n; i++) {
      double u = random.nextDouble();
      int k = 0;
      double cumulative = weights[0];
      while (u >= cumulative && k < radii.length - 1) {
        cumulative += weights[++k];
      }
      double angle = 2 * Math.PI * random.nextDouble();
      out[2 * i] = radii[k] * Math.cos(angle) + std * Normal.draw(random);
      out[2 * i + 1] = radii[k] * Math.sin(angle) + std * Normal.draw(random);
    }
    return out;
  }

  @Override
  public double logDensity(double x, double y) {
    double rho = Math.hypot(x, y);
    double s2 = std * std;
    double[] terms = new double[radii.length];
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < radii.length; k++) {
      double z = rho * radii[k] / s2;
      // log I₀(z) = z + log(e^{−z} I₀(z)); the exponent combines to −(ρ − r)² / 2s².
      double d = rho - radii[k];
      terms[k] =
          Math.log(weights[k])
              - d * d / (2 * s2)
              + Math.log(scaledBesselI0(z))
              - Math.log(2 * Math.PI * s2);
      max = Math.max(max, terms[k]);
    }
    double sum = 0;
    for (double t : terms) {
      sum += Math.exp(t - max);
    }
    return max + Math.log(sum);
  }

  @Override
  public double halfWidth() {
    double max = 0;
    for (double r : radii) {
      max = Math.max(max, r);
    }
    return max + 6 * std;
  }

  /** {@code e^{−z} I₀(z)} for {@code z ≥ 0} (Abramowitz &amp; Stegun 9.8.1 and 9.8.2). */
  static double scaledBesselI0(double z) {
    if (z <= 3.75) {
      double t = (z / 3.75) * (z / 3.75);
      double i0 =
          1
              + t
                  * (3.5156229
                      + t
                          * (3.0899424
                              + t
                                  * (1.2067492
                                      + t * (0.2659732 + t * (0.0360768 + t * 0.0045813)))));
      return Math.exp(-z) * i0;
    }
    double t = 3.75 / z;
    double poly =
        0.39894228
            + t
                * (0.01328592
                    + t
                        * (0.00225319
                            + t
                                * (-0.00157565
                                    + t
                                        * (0.00916281
                                            + t
                                                * (-0.02057706
                                                    + t
                                                        * (0.02635537
                                                            + t
                                                                * (-0.01647633
                                                                    + t * 0.00392377)))))));
    return poly / Math.sqrt(z);
  }
}
