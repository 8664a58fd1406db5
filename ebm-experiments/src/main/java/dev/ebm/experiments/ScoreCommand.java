package dev.ebm.experiments;

import dev.ebm.core.data.CsvPoints;
import dev.ebm.core.data.Dataset;
import dev.ebm.core.model.NoiseConditionalEnergyModel;
import dev.ebm.experiments.use.EnergyFunction;
import dev.ebm.experiments.use.EnergySource;
import dev.ebm.experiments.use.GridNormalization;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalDouble;
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
    try (EnergySource.Opened opened = source.open()) {
      EnergyFunction energy = opened.function();
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
      double noise = noiseLevel(opened);
      double[] x = data.toDoubles();
      double[] sigmas = energy.isNoiseConditional() ? filled(data.size(), noise) : null;
      double[] energies = energy.energies(x, sigmas);
      double[] scores = energy.scores(x, sigmas);
      Normaliser normaliser = normaliser(opened, noise);
      if (out != null && out.getParent() != null) {
        Files.createDirectories(out.getParent());
      }
      try (PrintStream sink =
          out == null
              ? new PrintStream(System.out, false, StandardCharsets.UTF_8)
              : new PrintStream(Files.newOutputStream(out), false, StandardCharsets.UTF_8)) {
        write(sink, data, x, energies, scores, normaliser);
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
                + normaliser.description());
      }
    }
    return 0;
  }

  /** How log Z is known, if it is. */
  private record Normaliser(OptionalDouble logZ, String description) {}

  private Normaliser normaliser(EnergySource.Opened opened, double noise) {
    EnergyFunction energy = opened.function();
    if (energy.logPartition().isPresent()) {
      return new Normaliser(
          energy.logPartition(),
          "log Z = " + energy.logPartition().getAsDouble() + ", learned in training");
    }
    if (opened.run().isPresent() && energy.sampleSize() <= GridNormalization.MAX_DIMENSION) {
      GridNormalization grid = GridNormalization.forRun(opened.run().get());
      double logZ = grid.logPartition(energy, noise);
      return new Normaliser(
          OptionalDouble.of(logZ), "log Z = " + logZ + " by quadrature on a " + grid.describe());
    }
    return new Normaliser(
        OptionalDouble.empty(),
        "no log density: log Z was not learned and the energy has more than "
            + GridNormalization.MAX_DIMENSION
            + " dimensions (or comes from a SavedModel without log_density)");
  }

  private double noiseLevel(EnergySource.Opened opened) {
    if (!opened.function().isNoiseConditional()) {
      return Double.NaN;
    }
    if (sigma != null) {
      if (!(sigma > 0)) {
        throw new IllegalArgumentException("--sigma must be positive, got " + sigma);
      }
      return sigma;
    }
    if (opened.run().isPresent()
        && opened.run().get().model() instanceof NoiseConditionalEnergyModel conditional) {
      return conditional.defaultSigma();
    }
    throw new IllegalArgumentException(
        "this SavedModel is noise-conditional: give the noise level with --sigma");
  }

  private static void write(
      PrintStream sink,
      Dataset data,
      double[] x,
      double[] energies,
      double[] scores,
      Normaliser normaliser) {
    int d = data.sampleSize();
    sink.println("# " + normaliser.description());
    StringBuilder header = new StringBuilder();
    for (int i = 1; i <= d; i++) {
      header.append("x").append(i).append(',');
    }
    header.append("energy");
    for (int i = 1; i <= d; i++) {
      header.append(",score").append(i);
    }
    if (normaliser.logZ().isPresent()) {
      header.append(",log_density");
    }
    sink.println(header);
    double logZ = normaliser.logZ().orElse(Double.NaN);
    for (int p = 0; p < data.size(); p++) {
      StringBuilder row = new StringBuilder();
      for (int i = 0; i < d; i++) {
        row.append(number(x[p * d + i])).append(',');
      }
      row.append(number(energies[p]));
      for (int i = 0; i < d; i++) {
        row.append(',').append(number(scores[p * d + i]));
      }
      if (normaliser.logZ().isPresent()) {
        row.append(',').append(number(-energies[p] - logZ));
      }
      sink.println(row);
    }
  }

  private static String number(double v) {
    return String.format(Locale.ROOT, "%.7g", v);
  }

  private static double[] filled(int n, double value) {
    double[] out = new double[n];
    Arrays.fill(out, value);
    return out;
  }
}
