package dev.ebm.core.data.toy;

import java.util.SplittableRandom;

/**
 * A 2-D swiss roll: {@code (t cos t, t sin t) / 5} with {@code t ~ U(1.5π, 4.5π)}, plus isotropic
 * Gaussian noise of std 0.2 (scikit-learn's {@code make_swiss_roll} projected to two coordinates
 * and scaled by 1/5, as in FFJORD's toy data).
 */
public final class SwissRoll extends NoisyCurveDensity {

  private static final double T_MIN = 1.5 * Math.PI;
  private static final double T_MAX = 4.5 * Math.PI;

  public SwissRoll() {
    super(0.2);
  }

  @Override
  public String name() {
    return "swissroll";
  }

  @Override
  public String description() {
    return "swiss roll (t cos t, t sin t)/5, t in [1.5π, 4.5π], noise std 0.2";
  }

  @Override
  int arms() {
    return 1;
  }

  @Override
  double parameterMin(int arm) {
    return T_MIN;
  }

  @Override
  double parameterMax(int arm) {
    return T_MAX;
  }

  @Override
  double parameterDensity(int arm, double t) {
    return 1 / (T_MAX - T_MIN);
  }

  @Override
  double sampleParameter(int arm, SplittableRandom random) {
    return T_MIN + (T_MAX - T_MIN) * random.nextDouble();
  }

  @Override
  void curve(int arm, double t, double[] out) {
    out[0] = t * Math.cos(t) / 5;
    out[1] = t * Math.sin(t) / 5;
  }

  @Override
  public double halfWidth() {
    return 4;
  }
}
