package dev.ebm.core.evaluation;

/**
 * A model density against a known one on the same grid: both normalised on the grid ({@code p_g ∝
 * exp(log p(x_g))}, {@code Σ p_g·ΔV = 1}), then
 *
 * <pre>
 *   KL(p_data ‖ p_θ) = Σ_g p_data,g (log p_data,g − log p_θ,g) ΔV
 *   TV(p_data, p_θ)  = ½ Σ_g |p_data,g − p_θ,g| ΔV
 * </pre>
 *
 * Normalising the known density on the grid too makes both integrate to 1 over the same box, so the
 * grid's truncation does not count as a difference. Cells where {@code p_data} is 0 add nothing to
 * the KL.
 *
 * @param kl KL(p_data ‖ p_θ) in nats
 * @param totalVariation TV in [0, 1]
 */
public record DensityComparison(double kl, double totalVariation) {

  /** Compares two log densities given at the same grid points, of cell volume {@code cell}. */
  public static DensityComparison of(
      double[] dataLogDensity, double[] modelLogDensity, double cell) {
    if (dataLogDensity.length != modelLogDensity.length) {
      throw new IllegalArgumentException(
          "the densities are given at "
              + dataLogDensity.length
              + " and "
              + modelLogDensity.length
              + " points");
    }
    double[] p = normalised(dataLogDensity, cell);
    double[] q = normalised(modelLogDensity, cell);
    double logCellData = logNormaliser(dataLogDensity, cell);
    double logCellModel = logNormaliser(modelLogDensity, cell);
    double kl = 0;
    double tv = 0;
    for (int g = 0; g < p.length; g++) {
      if (p[g] > 0) {
        double logP = dataLogDensity[g] - logCellData;
        double logQ = modelLogDensity[g] - logCellModel;
        kl += p[g] * (logP - logQ) * cell;
      }
      tv += Math.abs(p[g] - q[g]) * cell;
    }
    return new DensityComparison(Math.max(kl, 0), 0.5 * tv);
  }

  /** {@code log Σ exp(log p_g) ΔV}: what the density integrates to on the grid, in logs. */
  private static double logNormaliser(double[] logDensity, double cell) {
    double[] negated = new double[logDensity.length];
    for (int g = 0; g < negated.length; g++) {
      negated[g] = -logDensity[g];
    }
    return GridNormalization.logSumExpOfNegated(negated) + Math.log(cell);
  }

  private static double[] normalised(double[] logDensity, double cell) {
    double logZ = logNormaliser(logDensity, cell);
    double[] p = new double[logDensity.length];
    for (int g = 0; g < p.length; g++) {
      p[g] = Math.exp(logDensity[g] - logZ);
    }
    return p;
  }
}
