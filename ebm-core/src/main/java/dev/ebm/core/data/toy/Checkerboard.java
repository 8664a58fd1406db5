package dev.ebm.core.data.toy;

import java.util.SplittableRandom;

/**
 * A checkerboard: the uniform density on the 8 cells {@code (i, j)} with {@code i + j} even of a 4
 * × 4 board of side-2 squares covering {@code [−4, 4]²}; {@code p = 1/32} on them, 0 elsewhere
 * (closed form).
 */
public final class Checkerboard implements ToyDensity {

  private static final double LOG_DENSITY = -Math.log(32);

  @Override
  public String name() {
    return "checkerboard";
  }

  @Override
  public String description() {
    return "uniform on the dark cells of a 4×4 board over [-4, 4]²";
  }

  @Override
  public Evaluation evaluation() {
    return Evaluation.CLOSED_FORM;
  }

  @Override
  public double[] sample(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] out = new double[2 * n];
    for (int s = 0; s < n; s++) {
      int cell = random.nextInt(8);
      int i = cell / 2;
      int j = 2 * (cell % 2) + (i % 2);
      out[2 * s] = -4 + 2 * i + 2 * random.nextDouble();
      out[2 * s + 1] = -4 + 2 * j + 2 * random.nextDouble();
    }
    return out;
  }

  @Override
  public double logDensity(double x, double y) {
    if (x < -4 || x >= 4 || y < -4 || y >= 4) {
      return Double.NEGATIVE_INFINITY;
    }
    int i = (int) Math.floor((x + 4) / 2);
    int j = (int) Math.floor((y + 4) / 2);
    return (i + j) % 2 == 0 ? LOG_DENSITY : Double.NEGATIVE_INFINITY;
  }

  @Override
  public double halfWidth() {
    return 4;
  }
}
