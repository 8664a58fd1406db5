package dev.ebm.experiments.reproduce;

import dev.ebm.core.data.toy.Grid2d;
import dev.ebm.core.data.toy.ToyDensity;
import java.util.Locale;

/**
 * A density moved into other units: {@code x = b + a ⊙ y} with {@code y ~ p_base}, per coordinate,
 * so that
 *
 * <pre>
 *   log p(x) = log p_base((x − b) / a) − log a₀ − log a₁
 * </pre>
 *
 * Data as a user may hold it — far from the origin, or with coordinates in units 100× apart — made
 * from a density whose shape is known.
 */
public final class AffineDensity implements ToyDensity {

  private final ToyDensity base;
  private final String name;
  private final double[] scale;
  private final double[] shift;

  /**
   * {@code base} scaled by {@code scale} and then moved by {@code shift}, asked for as {@code
   * name}.
   *
   * @throws IllegalArgumentException if a scale is not positive or a vector is not 2-D
   */
  AffineDensity(ToyDensity base, String name, double[] scale, double[] shift) {
    if (scale.length != 2 || shift.length != 2 || !(scale[0] > 0) || !(scale[1] > 0)) {
      throw new IllegalArgumentException(
          "an affine density needs two positive scales and a 2-D shift");
    }
    this.base = base;
    this.name = name;
    this.scale = scale.clone();
    this.shift = shift.clone();
  }

  /** {@code base} as it is, under its own name. */
  static AffineDensity identity(ToyDensity base) {
    return new AffineDensity(base, base.name(), new double[] {1, 1}, new double[] {0, 0});
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    if (scale[0] == 1 && scale[1] == 1 && shift[0] == 0 && shift[1] == 0) {
      return base.description();
    }
    return String.format(
        Locale.ROOT,
        "(%s) scaled by (%s, %s) and moved by (%s, %s)",
        base.description(),
        scale[0],
        scale[1],
        shift[0],
        shift[1]);
  }

  @Override
  public Evaluation evaluation() {
    return base.evaluation();
  }

  @Override
  public double[] sample(int n, long seed) {
    double[] xy = base.sample(n, seed);
    for (int i = 0; i < xy.length; i++) {
      xy[i] = shift[i % 2] + scale[i % 2] * xy[i];
    }
    return xy;
  }

  @Override
  public double logDensity(double x, double y) {
    return base.logDensity((x - shift[0]) / scale[0], (y - shift[1]) / scale[1])
        - Math.log(scale[0])
        - Math.log(scale[1]);
  }

  /** The larger half-width of the region the base's square region maps to, about the origin. */
  @Override
  public double halfWidth() {
    double h = base.halfWidth();
    return Math.max(Math.abs(shift[0]) + scale[0] * h, Math.abs(shift[1]) + scale[1] * h);
  }

  /** The image of the base's square region {@code [−h, h]²}, {@code n} points per axis. */
  public Grid2d grid(int n) {
    double h = base.halfWidth();
    return new Grid2d(
        shift[0] - scale[0] * h,
        shift[0] + scale[0] * h,
        shift[1] - scale[1] * h,
        shift[1] + scale[1] * h,
        n,
        n);
  }
}
