package dev.ebm.core.data.toy;

import java.util.SplittableRandom;

/**
 * A pinwheel of five arms in curve form: arm {@code k} is {@code 2a·(cos φ, sin φ)} with {@code φ =
 * 2πk/5 + 0.25·e^a} and radius variable {@code a ~ N(1, 0.3²)} (truncated to ±5 std), plus
 * isotropic Gaussian noise of std 0.1. It follows the pinwheel of Johnson et al. (2016) with its
 * tangential noise made isotropic, so that the density is a curve integral.
 */
public final class Pinwheel extends NoisyCurveDensity {

  private static final int ARMS = 5;
  private static final double RADIAL_MEAN = 1.0;
  private static final double RADIAL_STD = 0.3;
  private static final double RATE = 0.25;
  private static final double TRUNCATION = 5;

  public Pinwheel() {
    super(0.1);
  }

  @Override
  public String name() {
    return "pinwheel";
  }

  @Override
  public String description() {
    return "pinwheel of 5 arms, radial std 0.3, rate 0.25, noise std 0.1";
  }

  @Override
  int arms() {
    return ARMS;
  }

  @Override
  double parameterMin(int arm) {
    return RADIAL_MEAN - TRUNCATION * RADIAL_STD;
  }

  @Override
  double parameterMax(int arm) {
    return RADIAL_MEAN + TRUNCATION * RADIAL_STD;
  }

  @Override
  double parameterDensity(int arm, double a) {
    double z = (a - RADIAL_MEAN) / RADIAL_STD;
    // Normalised on the truncated interval (the ±5 std tails hold 5.7e-7 of the mass).
    return Math.exp(-0.5 * z * z) / (RADIAL_STD * Math.sqrt(2 * Math.PI) * (1 - 5.733e-7));
  }

  @Override
  double sampleParameter(int arm, SplittableRandom random) {
    double a;
    do {
      a = RADIAL_MEAN + RADIAL_STD * Normal.draw(random);
    } while (a < parameterMin(arm) || a > parameterMax(arm));
    return a;
  }

  @Override
  void curve(int arm, double a, double[] out) {
    double angle = 2 * Math.PI * arm / ARMS + RATE * Math.exp(a);
    out[0] = 2 * a * Math.cos(angle);
    out[1] = 2 * a * Math.sin(angle);
  }

  @Override
  public double halfWidth() {
    return 4;
  }
}
