package dev.ebm.core.data.toy;

import java.util.SplittableRandom;

/**
 * Two interleaved half circles (as scikit-learn's {@code make_moons}), centred and scaled by 2: arm
 * 1 is {@code 2·((cos t, sin t) − (½, ¼))}, arm 2 is {@code 2·((1 − cos t, ½ − sin t) − (½, ¼))},
 * {@code t ~ U(0, π)}, plus isotropic Gaussian noise of std 0.1 (after scaling).
 */
public final class TwoMoons extends NoisyCurveDensity {

  public TwoMoons() {
    super(0.1);
  }

  @Override
  public String name() {
    return "moons";
  }

  @Override
  public String description() {
    return "two moons, scaled to about [-3, 3]², noise std 0.1";
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
    return Math.PI;
  }

  @Override
  double parameterDensity(int arm, double t) {
    return 1 / Math.PI;
  }

  @Override
  double sampleParameter(int arm, SplittableRandom random) {
    return Math.PI * random.nextDouble();
  }

  @Override
  void curve(int arm, double t, double[] out) {
    if (arm == 0) {
      out[0] = 2 * (Math.cos(t) - 0.5);
      out[1] = 2 * (Math.sin(t) - 0.25);
    } else {
      out[0] = 2 * (1 - Math.cos(t) - 0.5);
      out[1] = 2 * (0.5 - Math.sin(t) - 0.25);
    }
  }

  @Override
  public double halfWidth() {
    return 4;
  }
}
