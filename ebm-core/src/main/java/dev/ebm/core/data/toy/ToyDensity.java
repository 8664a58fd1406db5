package dev.ebm.core.data.toy;

/**
 * A 2-D density that can be sampled with a seed and evaluated exactly (or to quadrature accuracy)
 * at any point.
 */
public interface ToyDensity {

  /** How a density's values are obtained. */
  enum Evaluation {
    /** A closed-form expression. */
    CLOSED_FORM,
    /** A 1-D integral over a curve, by adaptive trapezoidal quadrature (relative error ≲ 1e-8). */
    QUADRATURE
  }

  /** The name it is asked for by, e.g. {@code 8gaussians}. */
  String name();

  /** One line describing the density and its parameters. */
  String description();

  /** How {@link #logDensity} is evaluated. */
  Evaluation evaluation();

  /** {@code n} samples, row-major {@code [n, 2]}, the same for the same seed. */
  double[] sample(int n, long seed);

  /** {@code log p(x, y)}; {@code −∞} where the density is zero. */
  double logDensity(double x, double y);

  /** {@code log p} at every point of the grid, in its flat-index order. */
  default double[] logDensity(Grid2d grid) {
    double[] out = new double[grid.size()];
    for (int iy = 0; iy < grid.ny(); iy++) {
      for (int ix = 0; ix < grid.nx(); ix++) {
        out[iy * grid.nx() + ix] = logDensity(grid.x(ix), grid.y(iy));
      }
    }
    return out;
  }

  /** A square region holding essentially all of the mass, {@code [-h, h]²}: this returns h. */
  double halfWidth();
}
