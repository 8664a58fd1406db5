package dev.ebm.core.evaluation;

import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.data.toy.ToyDensity;
import dev.ebm.core.trained.EnergyFunction;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The log partition function of an energy in one to three dimensions by quadrature on a regular
 * grid: {@code log Z = log ∫ exp(−E(x)) dx ≈ logsumexp_g(−E(x_g)) + log(cell volume)}, over the box
 * {@code [low₁, high₁] × … × [low_d, high_d]} with {@code n} points per axis (cell-centred).
 *
 * @param dimension d (1, 2 or 3)
 * @param low the lower end of each axis
 * @param high the upper end of each axis
 * @param pointsPerAxis n
 */
public record GridNormalization(int dimension, double[] low, double[] high, int pointsPerAxis) {

  /** The largest dimension a grid can normalise. */
  public static final int MAX_DIMENSION = 3;

  /**
   * How many of an axis's standard deviations about its mean the grid reaches at most: data whose
   * coordinates differ 100× in scale get a grid fine enough along the narrow ones.
   */
  static final double STANDARD_DEVIATIONS = 8;

  public GridNormalization {
    if (dimension < 1 || dimension > MAX_DIMENSION) {
      throw new IllegalArgumentException(
          "a grid normalises energies of 1 to " + MAX_DIMENSION + " dimensions, not " + dimension);
    }
    if (low.length != dimension || high.length != dimension) {
      throw new IllegalArgumentException(
          "the grid needs one lower and one upper end per axis, " + dimension + " each");
    }
    for (int axis = 0; axis < dimension; axis++) {
      if (!(high[axis] > low[axis])
          || Double.isInfinite(low[axis])
          || Double.isInfinite(high[axis])) {
        throw new IllegalArgumentException(
            "the grid needs finite low < high on every axis, got ["
                + low[axis]
                + ", "
                + high[axis]
                + "] on axis "
                + axis);
      }
    }
    if (pointsPerAxis < 2) {
      throw new IllegalArgumentException(
          "the grid needs at least 2 points per axis, got " + pointsPerAxis);
    }
    low = low.clone();
    high = high.clone();
  }

  /** The grid over the cube {@code [low, high]^d}. */
  public static GridNormalization cube(int dimension, double low, double high, int pointsPerAxis) {
    double[] lows = new double[dimension];
    double[] highs = new double[dimension];
    java.util.Arrays.fill(lows, low);
    java.util.Arrays.fill(highs, high);
    return new GridNormalization(dimension, lows, highs, pointsPerAxis);
  }

  /**
   * A grid over the data's range widened by half of it on each side (so that mass the model puts
   * just outside the data counts), each axis cut to {@value #STANDARD_DEVIATIONS} of its standard
   * deviations about its mean where that is narrower, with 4 001, 301 or 81 points per axis in 1, 2
   * or 3 dimensions.
   */
  public static GridNormalization covering(DataStatistics data) {
    double margin = 0.5 * Math.max(data.max() - data.min(), 1e-6);
    int d = data.dimension();
    double[] low = new double[d];
    double[] high = new double[d];
    for (int axis = 0; axis < d; axis++) {
      double reach = STANDARD_DEVIATIONS * Math.sqrt(data.variance()[axis]);
      low[axis] = data.min() - margin;
      high[axis] = data.max() + margin;
      if (reach > 0 && 2 * reach < high[axis] - low[axis]) {
        low[axis] = Math.max(low[axis], data.mean()[axis] - reach);
        high[axis] = Math.min(high[axis], data.mean()[axis] + reach);
      }
    }
    int n =
        switch (d) {
          case 1 -> 4001;
          case 2 -> 301;
          default -> 81;
        };
    return new GridNormalization(d, low, high, n);
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
    double[] low = grid.low();
    double[] high = grid.high();
    for (int axis = 0; axis < low.length; axis++) {
      low[axis] = Math.min(low[axis], -half);
      high[axis] = Math.max(high[axis], half);
    }
    return new GridNormalization(grid.dimension(), low, high, grid.pointsPerAxis());
  }

  /** The lower end of each axis (a copy). */
  @Override
  public double[] low() {
    return low.clone();
  }

  /** The upper end of each axis (a copy). */
  @Override
  public double[] high() {
    return high.clone();
  }

  /** The spacing of the grid along {@code axis}. */
  public double spacing(int axis) {
    return (high[axis] - low[axis]) / pointsPerAxis;
  }

  /** The volume of one cell. */
  public double cellVolume() {
    double volume = 1;
    for (int axis = 0; axis < dimension; axis++) {
      volume *= spacing(axis);
    }
    return volume;
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
        points[g * dimension + axis] = low[axis] + (rest % pointsPerAxis + 0.5) * spacing(axis);
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

  /** For reports, e.g. {@code 301^2 grid over [-4, 4] x [-1, 1]}. */
  public String describe() {
    StringBuilder box = new StringBuilder();
    for (int axis = 0; axis < dimension; axis++) {
      box.append(axis > 0 ? " x " : "")
          .append("[")
          .append(low[axis])
          .append(", ")
          .append(high[axis])
          .append("]");
    }
    return pointsPerAxis + "^" + dimension + " grid over " + box;
  }
}
