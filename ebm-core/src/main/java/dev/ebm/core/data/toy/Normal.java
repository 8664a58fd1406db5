package dev.ebm.core.data.toy;

import java.util.SplittableRandom;

/** Standard normal draws (Box–Muller) for the toy samplers. */
final class Normal {

  private Normal() {}

  static double draw(SplittableRandom random) {
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
