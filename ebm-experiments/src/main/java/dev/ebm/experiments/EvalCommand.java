package dev.ebm.experiments;

import dev.ebm.api.Evaluation;
import dev.ebm.api.TrainedEnergy;
import dev.ebm.core.data.CsvPoints;
import dev.ebm.core.data.Dataset;
import dev.ebm.core.evaluation.GridNormalization;
import dev.ebm.core.evaluation.ReferenceDensity;
import dev.ebm.core.run.RunDirectory;
import dev.ebm.experiments.output.EvaluationFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ebm eval}: measures a trained run through {@link TrainedEnergy#evaluate} (grid log Z, KL
 * and TV against a toy density or a tabulated reference density, NCE's |c − log Z|, held-out NLL,
 * MMD against model samples — given, or drawn with the default sampler; log Z by annealed
 * importance sampling where no grid applies or when asked), writes the numbers to the run's {@code
 * eval.json} with a density figure in 2-D, and shows them as a table.
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluate a trained run: log Z on a grid, KL and TV against a toy density or a tabulated one"
          + " (--reference), NCE's |c - log Z|,"
          + " held-out NLL (--test), MMD against model samples (--samples).",
      "Example: ebm eval --run runs/dsm --test held-out.csv"
    })
public final class EvalCommand implements Callable<Integer> {

  @Option(names = "--run", required = true, description = "a training run or composition directory")
  Path run;

  @Option(names = "--test", description = "CSV of held-out points for the negative log-likelihood")
  Path test;

  @Option(
      names = "--reference",
      description =
          "CSV of the data's known density on a regular grid, rows x1,...,xd,log p (log p up to a"
              + " constant), for KL and TV against it")
  Path reference;

  @Option(names = "--samples", description = "CSV of model samples for the MMD against the data")
  Path samples;

  @Option(
      names = "--mmd-chains",
      defaultValue = "" + Evaluation.DEFAULT_MMD_CHAINS,
      description =
          "without --samples, draw this many samples with ebm sample's defaults for the MMD; 0 for"
              + " none (default: ${DEFAULT-VALUE})")
  int mmdChains;

  @Option(
      names = "--mmd-steps",
      defaultValue = "" + Evaluation.DEFAULT_MMD_STEPS,
      description = "Langevin steps of those samples (default: ${DEFAULT-VALUE})")
  int mmdSteps;

  @Option(
      names = "--ais",
      defaultValue = "auto",
      description =
          "log Z by annealed importance sampling: auto (where no grid applies, above 3"
              + " dimensions), on or off (default: ${DEFAULT-VALUE})")
  String ais;

  @Option(
      names = "--ais-chains",
      defaultValue = "" + Evaluation.DEFAULT_AIS_CHAINS,
      description = "AIS chains (default: ${DEFAULT-VALUE})")
  int aisChains;

  @Option(
      names = "--ais-levels",
      defaultValue = "" + Evaluation.DEFAULT_AIS_LEVELS,
      description = "AIS intermediate distributions (default: ${DEFAULT-VALUE})")
  int aisLevels;

  @Option(
      names = "--sigma",
      description =
          "noise level for a noise-conditional energy (default: the model's own default σ)")
  Double sigma;

  @Override
  public Integer call() throws IOException {
    try (TrainedEnergy energy = TrainedEnergy.load(run)) {
      int d = energy.sampleSize();
      Evaluation evaluation =
          Evaluation.standard().drawing(mmdChains, mmdSteps).ais(aisMode(), aisChains, aisLevels);
      Optional<ReferenceDensity> known = Optional.empty();
      if (reference != null) {
        known = Optional.of(ReferenceDensity.read(reference, d));
        evaluation = evaluation.against(known.get());
      }
      if (test != null) {
        evaluation = evaluation.withTest(points(test, d, "--test"));
      }
      if (samples != null) {
        evaluation = evaluation.withSamples(points(samples, d, "--samples"));
      }
      if (sigma != null) {
        evaluation = evaluation.atNoiseLevel(sigma);
      }
      boolean annealing =
          aisMode() == Evaluation.Ais.ON
              || (aisMode() == Evaluation.Ais.AUTO && d > GridNormalization.MAX_DIMENSION);
      if (annealing) {
        System.err.printf(Locale.ROOT, "AIS: %d chains through %d levels%n", aisChains, aisLevels);
      }
      Map<String, Object> results =
          EvaluationFiles.write(
              run,
              energy,
              evaluation,
              known,
              sigma == null ? OptionalDouble.empty() : OptionalDouble.of(sigma));
      print(results);
      System.out.println("written to " + RunDirectory.at(run).evaluation());
    }
    return 0;
  }

  private Evaluation.Ais aisMode() {
    return switch (ais) {
      case "on" -> Evaluation.Ais.ON;
      case "off" -> Evaluation.Ais.OFF;
      case "auto" -> Evaluation.Ais.AUTO;
      default ->
          throw new IllegalArgumentException("--ais must be auto, on or off, got '" + ais + "'");
    };
  }

  private static Dataset points(Path file, int d, String option) throws IOException {
    Dataset points = CsvPoints.read(file);
    if (points.sampleSize() != d) {
      throw new IllegalArgumentException(
          option
              + " "
              + file
              + " has points of "
              + points.sampleSize()
              + " values; the run's have "
              + d);
    }
    return points;
  }

  private static void print(Map<String, Object> results) {
    for (Map.Entry<String, Object> entry : results.entrySet()) {
      Object value = entry.getValue();
      String shown =
          value instanceof Double v ? String.format(Locale.ROOT, "%.5g", v) : String.valueOf(value);
      System.out.printf(Locale.ROOT, "  %-24s %s%n", entry.getKey(), shown);
    }
  }
}
