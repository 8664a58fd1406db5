package dev.ebm.core.evaluation;

import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.data.toy.ToyDensity;
import dev.ebm.core.trained.EnergyFunction;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The log partition function of an energy in one to three dimensions by quadrature on a regular
 * grid: {@code log Z = log ∫ exp(−E(x)) dx ≈ logsumexp_g(−E(x_g)) + log(cell volume)}, over the box
 * {@code [low, high]^d} with {@code n} points per axis (cell-centred).
 *
 * @param dimension d (1, 2 or 3)
 * @param low the lower end of every axis
 * @param high the upper end of every axis
 * @param pointsPerAxis n
 */
public record GridNormalization(int dimension, double low, double high, int pointsPerAxis) {

  /** The largest dimension a grid can normalise. */
  public static final int MAX_DIMENSION = 3;

  public GridNormalization {
    if (dimension < 1 || dimension > MAX_DIMENSION) {
      throw new IllegalArgumentException(
          "a grid normalises energies of 1 to " + MAX_DIMENSION + " dimensions, not " + dimension);
    }
    if (!(high > low) || Double.isInfinite(low) || Double.isInfinite(high)) {
      throw new IllegalArgumentException(
          "the grid needs finite low < high, got [" + low + ", " + high + "]");
    }
    if (pointsPerAxis < 2) {
      throw new IllegalArgumentException(
          "the grid needs at least 2 points per axis, got " + pointsPerAxis);
    }
  }

  /**
   * A grid over the data's range widened by half of it on each side (so that mass the model puts
   * just outside the data counts), with 4 001, 301 or 81 points per axis in 1, 2 or 3 dimensions.
   */
  public static GridNormalization covering(DataStatistics data) {
    double margin = 0.5 * Math.max(data.max() - data.min(), 1e-6);
    int n =
        switch (data.dimension()) {
          case 1 -> 4001;
          case 2 -> 301;
          default -> 81;
        };
    return new GridNormalization(data.dimension(), data.min() - margin, data.max() + margin, n);
  }

  /**
   * The grid that normalises an energy trained on data of these statistics, the same for every use:
   * {@link #covering} the data, widened to a toy density's support {@code [−h, h]^d} when the data
   * was drawn from one.
   */
  public static GridNormalization forTrainingData(DataStatistics data, Optional<ToyDensity> toy) {
    GridNormalization grid = covering(data);
    if (toy.isEmpty()) {
      return grid;
    }
    double half = toy.get().halfWidth();
    return new GridNormalization(
        grid.dimension(),
        Math.min(grid.low(), -half),
        Math.max(grid.high(), half),
        grid.pointsPerAxis());
  }

  /** The spacing of the grid along each axis. */
  public double spacing() {
    return (high - low) / pointsPerAxis;
  }

  /** The volume of one cell. */
  public double cellVolume() {
    return Math.pow(spacing(), dimension);
  }

  /** The number of grid points. */
  public int size() {
    return Math.toIntExact((long) Math.pow(pointsPerAxis, dimension));
  }

  /** The cell centres, row-major {@code [size, d]}, the last axis fastest. */
  public double[] points() {
    int size = size();
    double[] points = new double[size * dimension];
    for (int g = 0; g < size; g++) {
      int rest = g;
      for (int axis = dimension - 1; axis >= 0; axis--) {
        points[g * dimension + axis] = low + (rest % pointsPerAxis + 0.5) * spacing();
        rest /= pointsPerAxis;
      }
    }
    return points;
  }

  /** {@code log Z} of {@code energy} (at noise level {@code sigma}, if it is noise-conditional). */
  public double logPartition(EnergyFunction energy, OptionalDouble sigma) {
    if (energy.sampleSize() != dimension) {
      throw new IllegalArgumentException(
          "a " + dimension + "-D grid cannot normalise an energy of " + energy.sampleShape());
    }
    return logSumExpOfNegated(energy.energies(points(), energy.noiseLevels(size(), sigma)))
        + Math.log(cellVolume());
  }

  /** {@code log Σ exp(−eᵢ)}, computed stably. */
  public static double logSumExpOfNegated(double[] energies) {
    double max = Double.NEGATIVE_INFINITY;
    for (double e : energies) {
      max = Math.max(max, -e);
    }
    double sum = 0;
    for (double e : energies) {
      sum += Math.exp(-e - max);
    }
    return max + Math.log(sum);
  }

  /** For reports. */
  public String describe() {
    return pointsPerAxis + "^" + dimension + " grid over [" + low + ", " + high + "]^" + dimension;
  }
}
