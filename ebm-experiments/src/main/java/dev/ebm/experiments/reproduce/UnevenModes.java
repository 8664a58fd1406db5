package dev.ebm.experiments.reproduce;

import dev.ebm.core.data.toy.Normal;
import dev.ebm.core.data.toy.ToyDensity;
import java.util.SplittableRandom;

/**
 * Three round Gaussian modes of unequal weight, for checking that a method learns the weights and
 * not only where the modes are:
 *
 * <pre>
 *   p = 0.6·N((−4, 0), I) + 0.3·N((3, 3), I) + 0.1·N((3, −4), I)
 * </pre>
 *
 * The modes are at least 7 standard deviations apart, so each one's weight is, to within 1e-4, the
 * mass of the region nearer its centre than the others' ({@link #nearestMode}).
 */
final class UnevenModes implements ToyDensity {

  /** The modes' weights, in the order of {@link #CENTRES}. */
  static final double[] WEIGHTS = {0.6, 0.3, 0.1};

  /** The modes' centres, {@code (x, y)} each. */
  static final double[][] CENTRES = {{-4, 0}, {3, 3}, {3, -4}};

  @Override
  public String name() {
    return "uneven-modes";
  }

  @Override
  public String description() {
    return "0.6 N((-4,0), I) + 0.3 N((3,3), I) + 0.1 N((3,-4), I)";
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
      int mode = u < WEIGHTS[0] ? 0 : u < WEIGHTS[0] + WEIGHTS[1] ? 1 : 2;
      out[2 * i] = CENTRES[mode][0] + Normal.draw(random);
      out[2 * i + 1] = CENTRES[mode][1] + Normal.draw(random);
    }
    return out;
  }

  @Override
  public double logDensity(double x, double y) {
    double p = 0;
    for (int k = 0; k < WEIGHTS.length; k++) {
      p += WEIGHTS[k] * Normal.density(x, CENTRES[k][0], 1) * Normal.density(y, CENTRES[k][1], 1);
    }
    return Math.log(p);
  }

  @Override
  public double halfWidth() {
    return 10;
  }

  /** The index of the centre nearest {@code (x, y)}. */
  static int nearestMode(double x, double y) {
    int best = 0;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int k = 0; k < CENTRES.length; k++) {
      double d = Math.hypot(x - CENTRES[k][0], y - CENTRES[k][1]);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best;
  }
}
