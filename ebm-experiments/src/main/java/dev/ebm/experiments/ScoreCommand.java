package dev.ebm.experiments;

import dev.ebm.api.LogPartition;
import dev.ebm.api.TrainedEnergy;
import dev.ebm.core.data.CsvPoints;
import dev.ebm.core.data.Dataset;
import dev.ebm.core.evaluation.GridNormalization;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ebm score}: the energy {@code E(x)}, the score {@code −∇ₓE(x)} and, where the normaliser
 * is known, the log density {@code log p(x) = −E(x) − log Z} of a trained energy at the points of a
 * CSV file. {@code log Z} is the one training learned (NCE's {@code c}; a SavedModel's {@code
 * log_density} signature), or else, for a run of at most three dimensions, a grid quadrature over
 * its data's range.
 */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    description = {
      "Energy, score and (where log Z is known) log density of a trained energy at given points.",
      "Example: ebm score --run runs/dsm --points points.csv --out scores.csv"
    })
public final class ScoreCommand implements Callable<Integer> {

  @ArgGroup(exclusive = true, multiplicity = "1")
  EnergySource source;

  @Option(names = "--points", required = true, description = "CSV of points, one per row")
  Path points;

  @Option(
      names = "--sigma",
      description =
          "noise level for a noise-conditional energy (default: the model's own default σ)")
  Double sigma;

  @Option(names = "--out", description = "CSV to write (default: standard output)")
  Path out;

  @Override
  public Integer call() throws IOException {
    Dataset data = CsvPoints.read(points);
    try (TrainedEnergy energy = source.open()) {
      if (data.sampleSize() != energy.sampleSize()) {
        throw new IllegalArgumentException(
            points
                + " has points of "
                + data.sampleSize()
                + " values, but the energy takes samples of shape "
                + energy.sampleShape()
                + " ("
                + energy.sampleSize()
                + " values)");
      }
      double[][] x = data.toRows();
      double[] energies = sigma == null ? energy.energy(x) : energy.energy(x, sigma);
      double[][] scores = sigma == null ? energy.score(x) : energy.score(x, sigma);
      Optional<LogPartition> logZ =
          sigma == null ? energy.logPartition() : energy.logPartition(sigma);
      String normaliser =
          logZ.map(LogPartition::describe)
              .orElse(
                  "no log density: log Z was not learned and the energy has more than "
                      + GridNormalization.MAX_DIMENSION
                      + " dimensions (or comes from a SavedModel without log_density)");
      if (out != null && out.getParent() != null) {
        Files.createDirectories(out.getParent());
      }
      try (PrintStream sink =
          out == null
              ? new PrintStream(System.out, false, StandardCharsets.UTF_8)
              : new PrintStream(Files.newOutputStream(out), false, StandardCharsets.UTF_8)) {
        write(sink, x, energies, scores, normaliser, logZ);
      }
      if (out != null) {
        System.err.println(
            "ebm score: "
                + data.size()
                + " points scored by "
                + energy.describe()
                + " into "
                + out
                + "; "
                + normaliser);
      }
    }
    return 0;
  }

  private static void write(
      PrintStream sink,
      double[][] x,
      double[] energies,
      double[][] scores,
      String normaliser,
      Optional<LogPartition> logZ) {
    int d = x.length == 0 ? 0 : x[0].length;
    sink.println("# " + normaliser);
    StringBuilder header = new StringBuilder();
    for (int i = 1; i <= d; i++) {
      header.append("x").append(i).append(',');
    }
    header.append("energy");
    for (int i = 1; i <= d; i++) {
      header.append(",score").append(i);
    }
    if (logZ.isPresent()) {
      header.append(",log_density");
    }
    sink.println(header);
    for (int p = 0; p < x.length; p++) {
      StringBuilder row = new StringBuilder();
      for (int i = 0; i < d; i++) {
        row.append(number(x[p][i])).append(',');
      }
      row.append(number(energies[p]));
      for (int i = 0; i < d; i++) {
        row.append(',').append(number(scores[p][i]));
      }
      if (logZ.isPresent()) {
        row.append(',').append(number(-energies[p] - logZ.get().value()));
      }
      sink.println(row);
    }
  }

  private static String number(double v) {
    return String.format(Locale.ROOT, "%.7g", v);
  }
}
