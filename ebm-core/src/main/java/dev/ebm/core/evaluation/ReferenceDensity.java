package dev.ebm.core.evaluation;

import dev.ebm.core.data.CsvPoints;
import dev.ebm.core.data.Dataset;
import dev.ebm.core.data.toy.Grid2d;
import dev.ebm.core.trained.EnergyFunction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.function.DoubleBinaryOperator;

/**
 * A known density tabulated on a regular grid, read from a CSV whose rows are {@code x₁, …, x_d,
 * log p(x)}: every combination of equally spaced values per axis, in any order, {@code log p} up to
 * a constant. A model is compared with it on that grid ({@link DensityComparison}: both normalised
 * there), so that any data set whose density is known — not only the shipped toy densities — gives
 * an exact KL and total variation.
 *
 * @param points the grid points, row-major {@code [n, d]}
 * @param logDensity {@code log p} at each point
 * @param cellVolume the volume of one grid cell, the product of the axes' spacings
 * @param axisSizes the number of grid values along each axis
 * @param cellOfRow the flat grid index of each row (the first axis fastest)
 * @param description the grid, for reports
 */
public record ReferenceDensity(
    double[] points,
    double[] logDensity,
    double cellVolume,
    int[] axisSizes,
    int[] cellOfRow,
    String description) {

  /**
   * Reads a tabulated density of {@code dimension} coordinates.
   *
   * @throws IllegalArgumentException naming the file and what is wrong: the number of columns, a
   *     point that is not on a regular grid, or a missing grid point
   */
  public static ReferenceDensity read(Path file, int dimension) throws IOException {
    Dataset rows = CsvPoints.read(file);
    int columns = rows.sampleSize();
    if (columns != dimension + 1) {
      throw new IllegalArgumentException(
          file
              + " has "
              + columns
              + " columns; a reference density of "
              + dimension
              + "-D points has "
              + (dimension + 1)
              + ": the coordinates, then log p");
    }
    double[] values = rows.toDoubles();
    int n = rows.size();
    double[] points = new double[n * dimension];
    double[] logDensity = new double[n];
    for (int r = 0; r < n; r++) {
      System.arraycopy(values, r * columns, points, r * dimension, dimension);
      logDensity[r] = values[r * columns + dimension];
    }
    double cell = 1;
    long expected = 1;
    int[] sizes = new int[dimension];
    int[] cellOfRow = new int[n];
    StringBuilder axes = new StringBuilder();
    for (int axis = 0, stride = 1; axis < dimension; axis++) {
      TreeSet<Double> distinct = new TreeSet<>();
      for (int r = 0; r < n; r++) {
        distinct.add(points[r * dimension + axis]);
      }
      double spacing = regularSpacing(file, axis, distinct);
      for (int r = 0; r < n; r++) {
        cellOfRow[r] += stride * distinct.headSet(points[r * dimension + axis]).size();
      }
      stride *= distinct.size();
      sizes[axis] = distinct.size();
      cell *= spacing;
      expected *= distinct.size();
      axes.append(axes.length() > 0 ? " x " : "")
          .append(distinct.size())
          .append(" points over [")
          .append(distinct.first())
          .append(", ")
          .append(distinct.last())
          .append(']');
    }
    if (expected != n) {
      throw new IllegalArgumentException(
          file
              + " has "
              + n
              + " rows, but its axes' values make a grid of "
              + expected
              + " points: every combination must appear once");
    }
    boolean[] seen = new boolean[n];
    for (int r = 0; r < n; r++) {
      if (seen[cellOfRow[r]]) {
        throw new IllegalArgumentException(
            file
                + " gives the grid point of row "
                + (r + 1)
                + " twice: every point must appear once");
      }
      seen[cellOfRow[r]] = true;
    }
    return new ReferenceDensity(
        points, logDensity, cell, sizes, cellOfRow, "reference grid " + axes);
  }

  /**
   * Writes a 2-D density known in closed form on {@code grid} in the format {@link #read} reads;
   * where {@code log p} is −∞ (or below −10⁴) it writes −10⁴, since CSV values must be finite.
   */
  public static Path write(Path file, Grid2d grid, DoubleBinaryOperator logDensity)
      throws IOException {
    StringBuilder text = new StringBuilder();
    for (int iy = 0; iy < grid.ny(); iy++) {
      for (int ix = 0; ix < grid.nx(); ix++) {
        double x = grid.x(ix);
        double y = grid.y(iy);
        double logP = Math.max(logDensity.applyAsDouble(x, y), -1e4);
        text.append(String.format(Locale.ROOT, "%.6f,%.6f,%.9g%n", x, y, logP));
      }
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    return Files.writeString(file, text);
  }

  /** Per-row values rearranged in grid order, the first axis fastest. */
  public double[] inGridOrder(double[] perRow) {
    double[] out = new double[perRow.length];
    for (int r = 0; r < perRow.length; r++) {
      out[cellOfRow[r]] = perRow[r];
    }
    return out;
  }

  /** The negated energies {@code −E} at the grid's rows. */
  public double[] negatedEnergies(EnergyFunction energy, OptionalDouble sigma) {
    double[] energies = energy.energies(points, energy.noiseLevels(logDensity.length, sigma));
    for (int g = 0; g < energies.length; g++) {
      energies[g] = -energies[g];
    }
    return energies;
  }

  /** The model's density against this one, both normalised on the grid. */
  public DensityComparison compare(EnergyFunction energy, OptionalDouble sigma) {
    return DensityComparison.of(logDensity, negatedEnergies(energy, sigma), cellVolume);
  }

  private static double regularSpacing(Path file, int axis, TreeSet<Double> distinct) {
    if (distinct.size() < 2) {
      throw new IllegalArgumentException(
          file + ": coordinate " + (axis + 1) + " takes one value; a grid needs two or more");
    }
    double spacing = (distinct.last() - distinct.first()) / (distinct.size() - 1);
    double previous = Double.NaN;
    for (double value : distinct) {
      if (!Double.isNaN(previous) && Math.abs(value - previous - spacing) > 1e-3 * spacing) {
        throw new IllegalArgumentException(
            file
                + ": coordinate "
                + (axis + 1)
                + " is not equally spaced (a step from "
                + previous
                + " to "
                + value
                + " where "
                + spacing
                + " was expected); tabulate the density on a regular grid");
      }
      previous = value;
    }
    return spacing;
  }
}
