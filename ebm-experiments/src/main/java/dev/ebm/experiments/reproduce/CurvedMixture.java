package dev.ebm.experiments.reproduce;

import dev.ebm.api.Evaluation;
import dev.ebm.core.data.toy.Normal;
import dev.ebm.core.data.toy.ToyDensity;
import java.util.SplittableRandom;

/**
 * A 2-D density of about ±10 that none of the toy densities resembles, for checking that defaults
 * fit data of another scale: an uneven mixture of three curved, overlapping components,
 *
 * <pre>
 *   p = 0.45·arc((0, −2), R = 6, σ_r = 0.6, θ ~ N(π/2, 0.7²))
 *     + 0.35·banana(x ~ N(0, 2.5²), y | x ~ N(−8 + 0.18 x², 0.7²))
 *     + 0.20·arc((6, 6), R = 3, σ_r = 0.5, θ ~ N(5π/4, 0.5²))
 * </pre>
 *
 * An arc about centre {@code c} has radius {@code r = R + σ_r·z} and angle θ (the normal's density
 * wrapped onto the circle), so its density at {@code x} is {@code N(r; R, σ_r)·Σₖ N(θ + 2πk; μ,
 * σ_θ) / r} with {@code (r, θ)} the polar coordinates of {@code x − c} (the radius's mass below 0,
 * Φ(−10), is neglected).
 */
public final class CurvedMixture implements ToyDensity {

  private static final double[] WEIGHTS = {0.45, 0.35, 0.20};

  @Override
  public String name() {
    return "curved-mixture";
  }

  @Override
  public String description() {
    return "0.45 arc about (0,-2) of radius 6 + 0.35 banana y = -8 + 0.18 x^2 + 0.20 arc about (6,6)"
        + " of radius 3";
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
      double[] point;
      if (u < WEIGHTS[0]) {
        point = arc(random, 0, -2, 6, 0.6, Math.PI / 2, 0.7);
      } else if (u < WEIGHTS[0] + WEIGHTS[1]) {
        double x = 2.5 * Normal.draw(random);
        point = new double[] {x, -8 + 0.18 * x * x + 0.7 * Normal.draw(random)};
      } else {
        point = arc(random, 6, 6, 3, 0.5, 1.25 * Math.PI, 0.5);
      }
      out[2 * i] = point[0];
      out[2 * i + 1] = point[1];
    }
    return out;
  }

  @Override
  public double logDensity(double x, double y) {
    double p =
        WEIGHTS[0] * arcDensity(x, y, 0, -2, 6, 0.6, Math.PI / 2, 0.7)
            + WEIGHTS[1] * Normal.density(x, 0, 2.5) * Normal.density(y, -8 + 0.18 * x * x, 0.7)
            + WEIGHTS[2] * arcDensity(x, y, 6, 6, 3, 0.5, 1.25 * Math.PI, 0.5);
    return Math.log(p);
  }

  @Override
  public double halfWidth() {
    return 14;
  }

  private static double[] arc(
      SplittableRandom random,
      double cx,
      double cy,
      double radius,
      double radialStd,
      double angle,
      double angleStd) {
    double r;
    do {
      r = radius + radialStd * Normal.draw(random);
    } while (r <= 0);
    double theta = angle + angleStd * Normal.draw(random);
    return new double[] {cx + r * Math.cos(theta), cy + r * Math.sin(theta)};
  }

  private static double arcDensity(
      double x,
      double y,
      double cx,
      double cy,
      double radius,
      double radialStd,
      double angle,
      double angleStd) {
    double dx = x - cx;
    double dy = y - cy;
    double r = Math.hypot(dx, dy);
    if (r == 0) {
      return 0;
    }
    double theta = Math.atan2(dy, dx);
    double wrapped = 0;
    for (int k = -3; k <= 3; k++) {
      wrapped += Normal.density(theta + 2 * Math.PI * k, angle, angleStd);
    }
    return Normal.density(r, radius, radialStd) * wrapped / r;
  }
}
