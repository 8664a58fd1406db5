package dev.ebm.experiments.reproduce;

import dev.ebm.api.TrainedEnergy;
import dev.ebm.api.Training;
import dev.ebm.core.data.CsvPoints;
import dev.ebm.core.data.Rows;
import dev.ebm.core.data.toy.Grid2d;
import dev.ebm.core.evaluation.ReferenceDensity;
import dev.ebm.experiments.output.EvaluationFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Do the defaults fit data they were not tuned on? For each of several 2-D densities — a {@link
 * CurvedMixture} of about ±10; the same scaled ×40 and moved to about (400, −125); the same with
 * coordinates in units 100× apart; {@link UnevenModes} of weights 0.6 / 0.3 / 0.1 — writes a sample
 * as CSV files (training points, held-out points, and the exact density on a grid), trains every
 * method on them with nothing but the data, the method and the run directory (and the steps when
 * asked), measures each against the exact density, and returns (and prints) the table of grid KL,
 * total variation, training time and, for the uneven modes, the weights read off the model's
 * normalised grid density.
 */
public final class DefaultsCheck {

  /** Every shipped method, in the table's order. */
  public static final List<String> ALL_METHODS =
      List.of("esm", "ssm", "ssm-vr", "dsm", "ncsn", "nce", "ml", "improved-cd");

  /** The densities by the names the settings use, in the table's order. */
  public static final Map<String, AffineDensity> DENSITIES = densities();

  /** Grid points per axis on which each density is tabulated over its region. */
  private static final int GRID_POINTS = 241;

  private DefaultsCheck() {}

  private static Map<String, AffineDensity> densities() {
    Map<String, AffineDensity> all = new LinkedHashMap<>();
    CurvedMixture curved = new CurvedMixture();
    all.put("curved", AffineDensity.identity(curved));
    all.put(
        "shifted",
        new AffineDensity(
            curved, "curved-shifted", new double[] {40, 40}, new double[] {400, -125}));
    all.put(
        "anisotropic",
        new AffineDensity(
            curved, "curved-anisotropic", new double[] {10, 0.1}, new double[] {0, 0}));
    all.put("uneven", AffineDensity.identity(new UnevenModes()));
    return all;
  }

  /**
   * What to run.
   *
   * @param densities the densities' names, keys of {@link #DENSITIES}
   * @param methods the methods to train
   * @param steps training steps; empty: the training's default
   * @param points training (and held-out) points
   * @param seed the seed of the data
   */
  public record Settings(
      List<String> densities, List<String> methods, OptionalLong steps, int points, long seed) {

    public Settings {
      for (String density : densities) {
        if (!DENSITIES.containsKey(density)) {
          throw new IllegalArgumentException(
              "no density '" + density + "' in defaults-check; choose from " + DENSITIES.keySet());
        }
      }
    }
  }

  /**
   * One method's outcome on one density.
   *
   * @param density the density's name in the settings
   * @param method the method
   * @param kl KL(p_data ‖ p_θ) on the reference grid
   * @param totalVariation TV on the reference grid
   * @param seconds wall time of the training
   * @param modeWeights for the uneven modes, the model's mass nearest each mode; else empty
   */
  public record Result(
      String density,
      String method,
      double kl,
      double totalVariation,
      double seconds,
      Optional<double[]> modeWeights) {}

  /** Runs the check into {@code out}, reporting progress on {@code log}. */
  public static List<Result> run(Settings settings, Path out, PrintStream log) throws IOException {
    List<Result> results = new ArrayList<>();
    for (String name : settings.densities()) {
      AffineDensity density = DENSITIES.get(name);
      Path data = out.resolve("data").resolve(name);
      Files.createDirectories(data);
      Path train =
          writePoints(
              data.resolve("train.csv"), density.sample(settings.points(), settings.seed()));
      writePoints(data.resolve("test.csv"), density.sample(settings.points(), settings.seed() + 1));
      Grid2d grid = density.grid(GRID_POINTS);
      Path reference =
          ReferenceDensity.write(data.resolve("density.csv"), grid, density::logDensity);
      log.println("data " + name + ": " + density.description() + "; files in " + data);
      for (String method : settings.methods()) {
        Path run = out.resolve("runs").resolve(name).resolve(method);
        Training.Builder training = Runs.withDefaults("csv:" + train, method, run);
        settings.steps().ifPresent(training::steps);
        log.println("== " + method + " on " + name + " into " + run);
        long start = System.nanoTime();
        try (TrainedEnergy energy = Runs.train(training)) {
          double seconds = (System.nanoTime() - start) / 1e9;
          ReferenceDensity known = ReferenceDensity.read(reference, 2);
          Map<String, Object> eval =
              EvaluationFiles.write(
                  run,
                  energy,
                  Runs.withoutMmd()
                      .against(known)
                      .withTest(CsvPoints.read(data.resolve("test.csv"))),
                  Optional.of(known),
                  OptionalDouble.empty());
          Optional<double[]> weights =
              name.equals("uneven") ? Optional.of(modeWeights(energy, grid)) : Optional.empty();
          results.add(
              new Result(
                  name,
                  method,
                  Runs.number(eval, "kl"),
                  Runs.number(eval, "tv"),
                  seconds,
                  weights));
        }
      }
    }
    log.println(table(results));
    return results;
  }

  /**
   * The mass of the model's density, normalised on {@code grid}, in the region nearest each of the
   * {@link UnevenModes}' centres: {@code p_i ∝ exp(−E(x_i))} summed over the grid points nearest
   * centre k.
   */
  static double[] modeWeights(TrainedEnergy energy, Grid2d grid) {
    double[] energies = energy.energy(Rows.of(grid.points(), 2));
    double lowest = Double.POSITIVE_INFINITY;
    for (double e : energies) {
      lowest = Math.min(lowest, e);
    }
    double[] weights = new double[UnevenModes.CENTRES.length];
    double total = 0;
    for (int iy = 0; iy < grid.ny(); iy++) {
      for (int ix = 0; ix < grid.nx(); ix++) {
        double p = Math.exp(lowest - energies[iy * grid.nx() + ix]);
        weights[UnevenModes.nearestMode(grid.x(ix), grid.y(iy))] += p;
        total += p;
      }
    }
    for (int k = 0; k < weights.length; k++) {
      weights[k] /= total;
    }
    return weights;
  }

  /** Writes 2-D points {@code (x₀, y₀, x₁, y₁, …)} as a CSV file, one point per line. */
  static Path writePoints(Path file, double[] xy) throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < xy.length; i += 2) {
      text.append(String.format(Locale.ROOT, "%.6f,%.6f%n", xy[i], xy[i + 1]));
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    return Files.writeString(file, text);
  }

  private static String table(List<Result> results) {
    StringBuilder text =
        new StringBuilder(
            "| density | method | grid KL (nats) | TV | train (s) | mode weights |\n");
    text.append("|---|---|---|---|---|---|\n");
    for (Result r : results) {
      text.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %.4f | %.4f | %.0f | %s |%n",
              r.density(),
              r.method(),
              r.kl(),
              r.totalVariation(),
              r.seconds(),
              r.modeWeights().map(DefaultsCheck::weights).orElse("")));
    }
    return text.toString();
  }

  /** Weights as {@code 0.60 / 0.30 / 0.10}. */
  static String weights(double[] w) {
    List<String> parts = new ArrayList<>();
    for (double v : w) {
      parts.add(String.format(Locale.ROOT, "%.2f", v));
    }
    return String.join(" / ", parts);
  }
}
