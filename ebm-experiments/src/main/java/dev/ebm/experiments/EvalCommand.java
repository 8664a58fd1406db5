package dev.ebm.experiments;

import com.google.gson.GsonBuilder;
import dev.ebm.core.data.CsvPoints;
import dev.ebm.core.data.Dataset;
import dev.ebm.core.data.toy.ToyDensities;
import dev.ebm.core.data.toy.ToyDensity;
import dev.ebm.core.model.NoiseConditionalEnergyModel;
import dev.ebm.core.run.RunDirectory;
import dev.ebm.experiments.plot.DensityPlot;
import dev.ebm.experiments.use.ChainRunner;
import dev.ebm.experiments.use.DefaultSampling;
import dev.ebm.experiments.use.GraphAis;
import dev.ebm.experiments.use.GraphEnergyFunction;
import dev.ebm.experiments.use.GridNormalization;
import dev.ebm.experiments.use.ReferenceDensity;
import dev.ebm.experiments.use.RunEvaluation;
import dev.ebm.experiments.use.SamplingPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ebm eval}: measures a trained run ({@link RunEvaluation}: grid log Z, KL and TV against a
 * toy density or a tabulated reference density, NCE's |c − log Z|, held-out NLL, MMD against model
 * samples — given, or drawn with {@code ebm sample}'s defaults; log Z by annealed importance
 * sampling where no grid applies or when asked), writes the numbers to the run's {@code eval.json}
 * and shows them as a table.
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
      defaultValue = "1000",
      description =
          "without --samples, draw this many samples with ebm sample's defaults for the MMD; 0 for"
              + " none (default: ${DEFAULT-VALUE})")
  int mmdChains;

  @Option(
      names = "--mmd-steps",
      defaultValue = "1000",
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
      defaultValue = "500",
      description = "AIS chains (default: ${DEFAULT-VALUE})")
  int aisChains;

  @Option(
      names = "--ais-levels",
      defaultValue = "1000",
      description = "AIS intermediate distributions (default: ${DEFAULT-VALUE})")
  int aisLevels;

  @Option(
      names = "--sigma",
      description =
          "noise level for a noise-conditional energy (default: the model's own default σ)")
  Double sigma;

  @Override
  public Integer call() throws IOException {
    TrainedRun trained = TrainedRun.load(run);
    int d = Math.toIntExact(trained.model().sampleShape().size());
    Optional<Dataset> held =
        test == null ? Optional.empty() : Optional.of(points(test, d, "--test"));
    if (mmdChains < 0 || mmdSteps < 1) {
      throw new IllegalArgumentException(
          "--mmd-chains must be >= 0 and --mmd-steps >= 1, got " + mmdChains + " and " + mmdSteps);
    }
    Optional<ReferenceDensity> known =
        reference == null ? Optional.empty() : Optional.of(ReferenceDensity.read(reference, d));
    Optional<Dataset> drawn =
        samples == null ? Optional.empty() : Optional.of(points(samples, d, "--samples"));
    boolean drawSamples = drawn.isEmpty() && mmdChains > 0 && trained.spec().isPresent();
    Optional<ToyDensity> toy = Optional.empty();
    Optional<Dataset> data = Optional.empty();
    if (trained.spec().isPresent()) {
      RunSpec spec = trained.spec().get();
      if (spec.data().startsWith("toy:")) {
        toy = Optional.of(ToyDensities.byName(spec.data().substring(4)));
      }
      if (drawn.isPresent() || drawSamples) {
        data = Optional.of(DataSpec.load(spec.data(), spec.seed()));
      }
    }
    double noise = noiseLevel(trained);
    boolean annealing =
        switch (ais) {
          case "on" -> true;
          case "off" -> false;
          case "auto" -> d > GridNormalization.MAX_DIMENSION;
          default ->
              throw new IllegalArgumentException(
                  "--ais must be auto, on or off, got '" + ais + "'");
        };
    GraphAis aisSettings = annealing ? new GraphAis(aisChains, aisLevels) : null;
    long start = System.nanoTime();
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("run", run.toString());
    results.put("step", trained.step());
    try (GraphEnergyFunction energy = new GraphEnergyFunction(trained, run.toString())) {
      if (drawSamples) {
        SamplingPlan plan = DefaultSampling.plan(trained, mmdSteps);
        drawn = Optional.of(Dataset.of(draw(energy, trained, plan), trained.model().sampleShape()));
        results.put("mmd_samples", mmdChains + " chains: " + String.join("; ", plan.describe()));
      }
      Optional<GraphAis.Result> annealed = Optional.empty();
      if (annealing) {
        System.err.printf(Locale.ROOT, "AIS: %d chains through %d levels%n", aisChains, aisLevels);
        annealed = Optional.of(aisSettings.estimate(trained, 0));
        results.putAll(annealed.get().fields(aisSettings));
      }
      results.putAll(
          RunEvaluation.of(
              new RunEvaluation.Given(
                  trained, energy, noise, toy, known, data, held, drawn, annealed)));
      if (d == 2) {
        Path figure = RunDirectory.at(run).figures().resolve("density.png");
        (known.isPresent()
                ? plotAgainst(known.get(), energy, noise)
                : plotDensity(energy, trained, noise, toy))
            .write(figure);
        results.put("density_figure", figure.toString());
      }
    }
    results.put("seconds", (System.nanoTime() - start) / 1e9);
    Path file = RunDirectory.at(run).evaluation();
    Files.writeString(
        file,
        new GsonBuilder()
            .setPrettyPrinting()
            .serializeSpecialFloatingPointValues()
            .disableHtmlEscaping()
            .create()
            .toJson(results));
    print(results);
    System.out.println("written to " + file);
    return 0;
  }

  private double[] draw(GraphEnergyFunction energy, TrainedRun trained, SamplingPlan plan) {
    double[] range = DefaultSampling.startRange(trained);
    SplittableRandom random = new SplittableRandom(0);
    double[] start = new double[mmdChains * energy.sampleSize()];
    for (int i = 0; i < start.length; i++) {
      start[i] = random.nextDouble(range[0], range[1]);
    }
    return ChainRunner.run(energy, plan, start, random.nextLong(), (done, x) -> {});
  }

  /** The model's density beside the reference's, on the reference's grid. */
  private static DensityPlot plotAgainst(
      ReferenceDensity reference, GraphEnergyFunction energy, double sigma) {
    int nx = reference.axisSizes()[0];
    int ny = reference.axisSizes()[1];
    return new DensityPlot()
        .panel("model", reference.inGridOrder(reference.negatedEnergies(energy, sigma)), nx, ny)
        .panel("reference", reference.inGridOrder(reference.logDensity()), nx, ny);
  }

  /** The model's density on the evaluation grid, beside the toy density's when there is one. */
  private static DensityPlot plotDensity(
      GraphEnergyFunction energy, TrainedRun trained, double sigma, Optional<ToyDensity> toy) {
    GridNormalization grid = GridNormalization.forRun(trained);
    double[] points = grid.points();
    double[] sigmas = null;
    if (energy.isNoiseConditional()) {
      sigmas = new double[grid.size()];
      java.util.Arrays.fill(sigmas, sigma);
    }
    double[] energies = energy.energies(points, sigmas);
    double[] model = new double[grid.size()];
    for (int g = 0; g < model.length; g++) {
      model[g] = -energies[g];
    }
    int n = grid.pointsPerAxis();
    // Grid points run with the last axis fastest: y fastest, so the panel is the transpose.
    DensityPlot plot = new DensityPlot().panel("model", transposed(model, n), n, n);
    if (toy.isPresent()) {
      double[] exact = new double[grid.size()];
      for (int g = 0; g < exact.length; g++) {
        exact[g] = toy.get().logDensity(points[2 * g], points[2 * g + 1]);
      }
      plot.panel("data: " + toy.get().name(), transposed(exact, n), n, n);
    }
    return plot;
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

  private double noiseLevel(TrainedRun trained) {
    if (!(trained.model() instanceof NoiseConditionalEnergyModel conditional)) {
      return Double.NaN;
    }
    if (sigma == null) {
      return conditional.defaultSigma();
    }
    if (!(sigma > 0)) {
      throw new IllegalArgumentException("--sigma must be positive, got " + sigma);
    }
    return sigma;
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
