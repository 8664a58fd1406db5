package dev.ebm.experiments.reproduce;

import dev.ebm.core.data.toy.Grid2d;

/**
 * Moments of an unnormalised 2-D density tabulated on a grid: with {@code p_g ∝ exp(log p̃_g)}
 * normalised over the grid's points,
 *
 * <pre>
 *   μ = Σ_g p_g x_g,   Σ = Σ_g p_g (x_g − μ)(x_g − μ)ᵀ
 * </pre>
 *
 * e.g. the covariance a trained energy's density has, against the data's.
 */
final class GridMoments {

  private GridMoments() {}

  /**
   * The covariance, row-major {@code [2, 2]}, of the density whose log (up to a constant) is {@code
   * logDensity} at {@code grid}'s points in flat-index order.
   */
  static double[] covariance(Grid2d grid, double[] logDensity) {
    double highest = Double.NEGATIVE_INFINITY;
    for (double l : logDensity) {
      highest = Math.max(highest, l);
    }
    double total = 0;
    double mx = 0;
    double my = 0;
    double[] weights = new double[logDensity.length];
    for (int iy = 0; iy < grid.ny(); iy++) {
      for (int ix = 0; ix < grid.nx(); ix++) {
        int g = iy * grid.nx() + ix;
        weights[g] = Math.exp(logDensity[g] - highest);
        total += weights[g];
        mx += weights[g] * grid.x(ix);
        my += weights[g] * grid.y(iy);
      }
    }
    mx /= total;
    my /= total;
    double xx = 0;
    double xy = 0;
    double yy = 0;
    for (int iy = 0; iy < grid.ny(); iy++) {
      for (int ix = 0; ix < grid.nx(); ix++) {
        double w = weights[iy * grid.nx() + ix] / total;
        double dx = grid.x(ix) - mx;
        double dy = grid.y(iy) - my;
        xx += w * dx * dx;
        xy += w * dx * dy;
        yy += w * dy * dy;
      }
    }
    return new double[] {xx, xy, xy, yy};
  }
}
