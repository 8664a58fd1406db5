package dev.ebm.experiments.reproduce;

import dev.ebm.api.TrainedEnergy;
import dev.ebm.api.Training;
import dev.ebm.core.data.CsvPoints;
import dev.ebm.core.data.toy.Grid2d;
import dev.ebm.core.evaluation.ReferenceDensity;
import dev.ebm.experiments.output.EvaluationFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Do the defaults fit data they were not tuned on? Writes a {@link CurvedMixture} sample of about
 * ±10 as CSV files (training points, held-out points, and the exact density on a grid), trains
 * every method on them through {@code ebm train} with nothing but {@code --data}, {@code --method}
 * and {@code --run} (and {@code --steps} when asked), measures each with {@code ebm eval
 * --reference}, and returns (and prints) the table of grid KL, total variation and training time.
 */
public final class DefaultsCheck {

  /** Every shipped method, in the table's order. */
  public static final List<String> ALL_METHODS =
      List.of("esm", "ssm", "ssm-vr", "dsm", "ncsn", "nce", "ml", "improved-cd");

  /** The grid the exact density is tabulated on: 241 points per axis over [−14, 14]². */
  private static final Grid2d REFERENCE_GRID = Grid2d.square(14, 241);

  private DefaultsCheck() {}

  /**
   * What to run.
   *
   * @param methods the methods to train
   * @param steps training steps; empty: {@code ebm train}'s default
   * @param points training (and held-out) points
   * @param seed the seed of the data
   */
  public record Settings(List<String> methods, OptionalLong steps, int points, long seed) {}

  /**
   * One method's outcome.
   *
   * @param method the method
   * @param kl KL(p_data ‖ p_θ) on the reference grid
   * @param totalVariation TV on the reference grid
   * @param seconds wall time of {@code ebm train}
   */
  public record Result(String method, double kl, double totalVariation, double seconds) {}

  /** Runs the check into {@code out}, reporting progress on {@code log}. */
  public static List<Result> run(Settings settings, Path out, PrintStream log) throws IOException {
    Path data = out.resolve("data");
    Files.createDirectories(data);
    CurvedMixture density = new CurvedMixture();
    Path train =
        writePoints(data.resolve("train.csv"), density.sample(settings.points(), settings.seed()));
    writePoints(data.resolve("test.csv"), density.sample(settings.points(), settings.seed() + 1));
    Path reference =
        ReferenceDensity.write(data.resolve("density.csv"), REFERENCE_GRID, density::logDensity);
    log.println("data: " + density.description() + "; files in " + data);
    List<Result> results = new ArrayList<>();
    for (String method : settings.methods()) {
      Path run = out.resolve("runs").resolve(method);
      Training.Builder training = Runs.training("csv:" + train, method, run);
      settings.steps().ifPresent(training::steps);
      log.println("== " + method + " on " + train + " into " + run);
      long start = System.nanoTime();
      try (TrainedEnergy energy = Runs.train(training)) {
        double seconds = (System.nanoTime() - start) / 1e9;
        ReferenceDensity known = ReferenceDensity.read(reference, 2);
        Map<String, Object> eval =
            EvaluationFiles.write(
                run,
                energy,
                Runs.withoutMmd().against(known).withTest(CsvPoints.read(data.resolve("test.csv"))),
                Optional.of(known),
                OptionalDouble.empty());
        results.add(new Result(method, Runs.number(eval, "kl"), Runs.number(eval, "tv"), seconds));
      }
    }
    log.println(table(results));
    return results;
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
    StringBuilder text = new StringBuilder("| method | grid KL (nats) | TV | train (s) |\n");
    text.append("|---|---|---|---|\n");
    for (Result r : results) {
      text.append(
          String.format(
              Locale.ROOT,
              "| %s | %.4f | %.4f | %.0f |%n",
              r.method(),
              r.kl(),
              r.totalVariation(),
              r.seconds()));
    }
    return text.toString();
  }
}
