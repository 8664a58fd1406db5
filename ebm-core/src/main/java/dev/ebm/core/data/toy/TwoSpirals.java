package dev.ebm.core.data.toy;

import java.util.SplittableRandom;

/**
 * Two interleaved spirals: {@code ±(−t cos t, t sin t) / 3} with {@code t = 3π√u}, {@code u ~ U(0,
 * 1)} (so {@code q(t) = 2t / (3π)²}), plus isotropic Gaussian noise of std 0.1; FFJORD's "2spirals"
 * without its extra uniform jitter.
 */
public final class TwoSpirals extends NoisyCurveDensity {

  private static final double T_MAX = 3 * Math.PI;

  public TwoSpirals() {
    super(0.1);
  }

  @Override
  public String name() {
    return "2spirals";
  }

  @Override
  public String description() {
    return "two spirals ±(-t cos t, t sin t)/3, t = 3π√u, noise std 0.1";
  }

  @Override
  int arms() {
    return 2;
  }

  @Override
  double parameterMin(int arm) {
    return 0;
  }

  @Override
  double parameterMax(int arm) {
    return T_MAX;
  }

  @Override
  double parameterDensity(int arm, double t) {
    return 2 * t / (T_MAX * T_MAX);
  }

  @Override
  double sampleParameter(int arm, SplittableRandom random) {
    return T_MAX * Math.sqrt(random.nextDouble());
  }

  @Override
  void curve(int arm, double t, double[] out) {
    double sign = arm == 0 ? 1 : -1;
    out[0] = sign * (-t * Math.cos(t)) / 3;
    out[1] = sign * (t * Math.sin(t)) / 3;
  }

  @Override
  public double halfWidth() {
    return 4;
  }
}
