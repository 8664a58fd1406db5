package dev.ebm.experiments.output;

import dev.ebm.api.TrainedEnergy;
import dev.ebm.core.data.Rows;
import dev.ebm.core.data.toy.ToyDensity;
import dev.ebm.core.evaluation.GridNormalization;
import dev.ebm.core.evaluation.ReferenceDensity;
import dev.ebm.experiments.plot.DensityPlot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The learned density of a 2-D energy as a heat map of {@code −E(x)}, beside the density it should
 * have learned: a tabulated reference on the reference's grid, else the toy density it was trained
 * on on the evaluation grid.
 */
public final class DensityFigure {

  private DensityFigure() {}

  /**
   * Writes the figure of {@code energy} (at noise level {@code sigma} if given, else at its own, if
   * it is noise-conditional) to {@code file}.
   */
  public static void write(
      Path file, TrainedEnergy energy, OptionalDouble sigma, Optional<ReferenceDensity> reference)
      throws IOException {
    (reference.isPresent() ? against(reference.get(), energy, sigma) : onGrid(energy, sigma))
        .write(file);
  }

  private static DensityPlot against(
      ReferenceDensity reference, TrainedEnergy energy, OptionalDouble sigma) {
    int nx = reference.axisSizes()[0];
    int ny = reference.axisSizes()[1];
    double[] model = negated(energies(energy, Rows.of(reference.points(), 2), sigma));
    return new DensityPlot()
        .panel("model", reference.inGridOrder(model), nx, ny)
        .panel("reference", reference.inGridOrder(reference.logDensity()), nx, ny);
  }

  private static DensityPlot onGrid(TrainedEnergy energy, OptionalDouble sigma) {
    GridNormalization grid = energy.normalizationGrid().orElseThrow();
    double[][] points = Rows.of(grid.points(), 2);
    double[] model = negated(energies(energy, points, sigma));
    int n = grid.pointsPerAxis();
    // Grid points run with the last axis fastest: y fastest, so the panel is the transpose.
    DensityPlot plot = new DensityPlot().panel("model", transposed(model, n), n, n);
    Optional<ToyDensity> toy = energy.toyDensity();
    if (toy.isPresent()) {
      double[] exact = new double[grid.size()];
      for (int g = 0; g < exact.length; g++) {
        exact[g] = toy.get().logDensity(points[g][0], points[g][1]);
      }
      plot.panel("data: " + toy.get().name(), transposed(exact, n), n, n);
    }
    return plot;
  }

  private static double[] energies(TrainedEnergy energy, double[][] points, OptionalDouble sigma) {
    return sigma.isPresent() ? energy.energy(points, sigma.getAsDouble()) : energy.energy(points);
  }

  private static double[] negated(double[] values) {
    return Arrays.stream(values).map(v -> -v).toArray();
  }

  private static double[] transposed(double[] values, int n) {
    double[] out = new double[values.length];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        out[j * n + i] = values[i * n + j];
      }
    }
    return out;
  }
}
