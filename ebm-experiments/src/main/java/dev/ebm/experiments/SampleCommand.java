package dev.ebm.experiments;

import com.google.gson.GsonBuilder;
import dev.ebm.core.config.Options;
import dev.ebm.core.sampling.AnnealedLangevinSampler;
import dev.ebm.core.sampling.LangevinStep;
import dev.ebm.core.sampling.NoiseSchedule;
import dev.ebm.core.sampling.Sampler;
import dev.ebm.core.sampling.SamplerProvider;
import dev.ebm.experiments.plot.ImageGridPng;
import dev.ebm.experiments.plot.ScatterPlot;
import dev.ebm.experiments.quality.FashionMnist;
import dev.ebm.experiments.quality.FeatureClassifier;
import dev.ebm.experiments.quality.SampleQuality;
import dev.ebm.experiments.use.ChainRunner;
import dev.ebm.experiments.use.DefaultSampling;
import dev.ebm.experiments.use.EnergyFunction;
import dev.ebm.experiments.use.EnergySource;
import dev.ebm.experiments.use.GraphSampling;
import dev.ebm.experiments.use.SampleDiagnostics;
import dev.ebm.experiments.use.SamplingPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ebm sample}: draws samples from a trained energy (a run, a composition or a SavedModel)
 * with Langevin dynamics in any of the papers' step conventions, or with annealed Langevin dynamics
 * over noise levels (Song &amp; Ermon 2019) — by default the sampler of the {@code ncsn} method a
 * run was trained with. Writes {@code samples.csv}, {@code samples.png} (a scatter plot in 2-D, an
 * image grid for images) and {@code sampler.json} (every setting, each update written out).
 */
@Command(
    name = "sample",
    mixinStandardHelpOptions = true,
    description = {
      "Draw samples from a trained energy with Langevin or annealed Langevin dynamics.",
      "Example: ebm sample --run runs/dsm --chains 2000 --steps 1000"
    })
public final class SampleCommand implements Callable<Integer> {

  @ArgGroup(exclusive = true, multiplicity = "1")
  EnergySource source;

  @Option(
      names = "--sampler",
      description =
          "langevin, annealed-langevin, or any sampler ebm list shows (a run only; its options in"
              + " --sampler-options) (default: annealed-langevin for a noise-conditional energy,"
              + " with the ncsn method's own settings for a run trained by it; else langevin)")
  String sampler;

  @Option(
      names = "--sampler-options",
      defaultValue = "",
      description = "key=value,... for a sampler other than langevin and annealed-langevin")
  String samplerOptions;

  @Option(
      names = "--steps",
      defaultValue = "1000",
      description = "Langevin steps (default: ${DEFAULT-VALUE})")
  int steps;

  @Option(
      names = "--convention",
      defaultValue = "ours",
      description =
          "how --step-size is meant: ours (x <- x - (e^2/2) grad E + tau e z), ncsn-image (x <- x +"
              + " a s + sqrt(2a) z), ncsn-toy (x <- x + (a/2) s + sqrt(a) z) or anatomy (x <- x -"
              + " grad E + e_a z) (default: ${DEFAULT-VALUE})")
  String convention;

  @Option(
      names = "--step-size",
      description =
          "the convention's step parameter (default for ours: 0.1 x the data's standard deviation)")
  Double stepSize;

  @Option(
      names = "--tau",
      defaultValue = "1",
      description = "noise scale tau, convention ours (default: ${DEFAULT-VALUE})")
  double tau;

  @Option(
      names = "--sigma-max",
      description = "annealed: largest noise level (default: the run's ncsn setting, else 1)")
  Double sigmaMax;

  @Option(
      names = "--sigma-min",
      description = "annealed: smallest noise level (default: the run's, else 0.01)")
  Double sigmaMin;

  @Option(
      names = "--levels",
      description = "annealed: number of levels (default: the run's, else 10)")
  Integer levels;

  @Option(
      names = "--steps-per-level",
      description = "annealed: steps per level T (default: the run's, else 100)")
  Integer stepsPerLevel;

  @Option(
      names = "--epsilon",
      description =
          "annealed: NCSN's step epsilon at the smallest level (default: the run's, else 2e-5)")
  Double epsilon;

  @Option(
      names = "--annealed-convention",
      description = "annealed: image or toy (default: the run's, else image)")
  String annealedConvention;

  @Option(names = "--denoise", description = "annealed: finish with x <- x + sigma_min^2 score(x)")
  boolean denoise;

  @Option(
      names = "--chains",
      defaultValue = "1000",
      description = "number of chains (default: ${DEFAULT-VALUE})")
  int chains;

  @Option(
      names = "--init-range",
      description =
          "chains start uniformly in LOW:HIGH per coordinate (default: the run's data range)")
  String initRange;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "seed of the starts and the noise (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--trace",
      defaultValue = "20",
      description =
          "states per chain recorded over the chain's second half (after a Metropolis sampler's"
              + " warm-up) for ESS and R-hat; 0 for none (default: ${DEFAULT-VALUE})")
  int trace;

  @Option(
      names = "--out",
      description = "directory to write to (default: <run>/samples; required with --saved)")
  Path out;

  @Option(
      names = "--quality",
      description =
          "for Fashion-MNIST images (28x28x1): the Frechet distance of the samples (clamped to"
              + " [0, 1]) in the features of a classifier trained once and cached, beside held-out"
              + " real images and noise; writes quality.json")
  boolean quality;

  @Option(
      names = "--quality-cache",
      description = "where the feature classifier is cached (default: $EBM_CACHE or ~/.cache/ebm)")
  Path qualityCache;

  @Override
  public Integer call() throws IOException {
    if (chains < 1) {
      throw new IllegalArgumentException("--chains must be at least 1, got " + chains);
    }
    if (trace < 0) {
      throw new IllegalArgumentException("--trace must be 0 or more, got " + trace);
    }
    try (EnergySource.Opened opened = source.open()) {
      EnergyFunction energy = opened.function();
      Optional<TrainedRun> run = opened.run();
      Path target = target(run);
      double[] range = initRange(run);
      String kind = samplerName(energy);
      boolean builtIn = kind.equals("langevin") || kind.equals("annealed-langevin");
      if (builtIn && !samplerOptions.isBlank()) {
        throw new IllegalArgumentException(
            "--sampler-options sets samplers other than langevin and annealed-langevin; "
                + kind
                + " takes --steps, --step-size, --convention and the other options of ebm sample"
                + " --help");
      }
      SamplingPlan plan = builtIn ? plan(kind, energy, run) : null;
      Sampler other = builtIn ? null : otherSampler(kind, run);
      int d = energy.sampleSize();
      double[] start = new double[chains * d];
      SplittableRandom random = new SplittableRandom(seed);
      for (int i = 0; i < start.length; i++) {
        start[i] = random.nextDouble(range[0], range[1]);
      }
      long total = builtIn ? plan.totalSteps() : 1;
      boolean stationary = !builtIn || plan.levels().size() == 1;
      int traceLength = stationary ? trace : 0;
      long began = System.nanoTime();
      double[] samples;
      Map<String, Object> diagnostics = new LinkedHashMap<>();
      List<double[]> recorded = new ArrayList<>();
      if (!builtIn) {
        GraphSampling.Traced drawn =
            GraphSampling.sampleTraced(
                run.orElseThrow(), other, start, random.nextLong(), traceLength);
        samples = drawn.samples();
        diagnostics.putAll(drawn.diagnostics());
        recorded.addAll(drawn.trace());
      } else {
        // As the graph samplers do: record over the second half, each state at its stretch's end.
        long from = total / 2;
        long stretch = traceLength > 0 ? Math.max(1, (total - from) / traceLength) : 0;
        samples =
            ChainRunner.run(
                energy,
                plan,
                start,
                random.nextLong(),
                (done, x) -> {
                  if (done % Math.max(1, total / 10) == 0 || done == total) {
                    System.err.printf(
                        Locale.ROOT,
                        "sampling: step %d/%d (%.0f%%)%n",
                        done,
                        total,
                        100.0 * done / total);
                  }
                  if (stretch > 0
                      && done > from
                      && (done - from) % stretch == 0
                      && recorded.size() < traceLength) {
                    recorded.add(x.clone());
                  }
                });
      }
      double seconds = (System.nanoTime() - began) / 1e9;
      List<String> updates = builtIn ? plan.describe() : List.of(other.describe());
      write(
          target, energy, samples, updates, builtIn ? plan.totalSteps() : -1, range, seconds, run);
      if (!energy.isNoiseConditional()) {
        diagnostics.putAll(SampleDiagnostics.ofTrace(energy, recorded));
        diagnostics.putAll(SampleDiagnostics.ofSamples(energy, samples));
      } else {
        diagnostics.put(
            "note",
            "no ESS, R-hat or KSD for a noise-conditional energy: its chains anneal, they have no"
                + " one stationary distribution");
      }
      writeDiagnostics(target, diagnostics);
      if (quality) {
        writeQuality(target, samples, d);
      }
      System.out.printf(
          Locale.ROOT,
          "drew %d samples with %s (%.1f s) from %s into %s%n",
          chains,
          builtIn ? total + " steps" : other.describe(),
          seconds,
          energy.describe(),
          target);
    }
    return 0;
  }

  /**
   * Measures the samples' quality as Fashion-MNIST images ({@link SampleQuality}), writes {@code
   * quality.json} beside them and prints the line.
   */
  private void writeQuality(Path target, double[] samples, int d) throws IOException {
    if (d != FashionMnist.PIXELS) {
      throw new IllegalArgumentException(
          "--quality measures Fashion-MNIST images of 28x28x1 ("
              + FashionMnist.PIXELS
              + " values); this energy's samples have "
              + d);
    }
    int count = Math.min(samples.length / d, 10_000);
    if (count < 2) {
      throw new IllegalArgumentException("--quality needs at least 2 chains, got " + count);
    }
    FashionMnist data = FashionMnist.installed();
    Path cache = qualityCache != null ? qualityCache : FeatureClassifier.defaultCacheRoot();
    try (FeatureClassifier classifier =
        FeatureClassifier.load(
            FeatureClassifier.Recipe.standard(), data, cache, line -> System.err.println(line))) {
      SampleQuality measured =
          SampleQuality.ofSamples(classifier, data, Arrays.copyOf(samples, count * d), seed);
      Files.writeString(
          target.resolve("quality.json"),
          new GsonBuilder()
              .setPrettyPrinting()
              .disableHtmlEscaping()
              .create()
              .toJson(measured.toMap()));
      System.out.println(measured.describe());
    }
  }

  /** Writes {@code diagnostics.json} beside the samples and prints the headline numbers. */
  private static void writeDiagnostics(Path target, Map<String, Object> diagnostics)
      throws IOException {
    Files.writeString(
        target.resolve("diagnostics.json"),
        new GsonBuilder()
            .setPrettyPrinting()
            .serializeSpecialFloatingPointValues()
            .disableHtmlEscaping()
            .create()
            .toJson(diagnostics));
    StringBuilder line = new StringBuilder("diagnostics:");
    for (String key :
        List.of(
            "acceptance_rate",
            "step_size",
            "ess_energy",
            "rhat_energy",
            "ess_min_coordinate",
            "rhat_max_coordinate",
            "ksd2")) {
      if (diagnostics.get(key) instanceof Double value) {
        line.append(String.format(Locale.ROOT, " %s %.4g", key, value));
      }
    }
    System.out.println(line);
  }

  private Path target(Optional<TrainedRun> run) {
    if (out != null) {
      return out;
    }
    if (run.isEmpty()) {
      throw new IllegalArgumentException("sampling a SavedModel needs --out DIR for the samples");
    }
    return source.runDirectory().resolve("samples");
  }

  private double[] initRange(Optional<TrainedRun> run) {
    if (initRange != null) {
      String[] parts = initRange.split(":");
      try {
        double low = Double.parseDouble(parts[0]);
        double high = Double.parseDouble(parts[1]);
        if (parts.length == 2 && high > low) {
          return new double[] {low, high};
        }
      } catch (RuntimeException e) {
        // reported below
      }
      throw new IllegalArgumentException(
          "--init-range must be LOW:HIGH with LOW < HIGH, got " + initRange);
    }
    if (run.isEmpty()) {
      throw new IllegalArgumentException(
          "a SavedModel has no data range: give --init-range LOW:HIGH");
    }
    return DefaultSampling.startRange(run.get());
  }

  private String samplerName(EnergyFunction energy) {
    if (sampler != null) {
      return sampler;
    }
    return energy.isNoiseConditional() ? "annealed-langevin" : "langevin";
  }

  /** A sampler from {@link SamplerProvider} by name, run in the run's graph. */
  private Sampler otherSampler(String name, Optional<TrainedRun> run) {
    Options options = Options.parse(name, samplerOptions);
    SamplerProvider provider = SamplerProvider.byName(name);
    Sampler created = provider.create(options);
    if (provider.options().specs().isEmpty()) {
      // A provider without a schema reads its options itself; one with a schema checked them.
      options.requireAllKnown();
    }
    if (run.isEmpty()) {
      throw new IllegalArgumentException(
          "sampler "
              + name
              + " runs in a run's graph: give --run (a SavedModel can be sampled"
              + " with langevin or annealed-langevin)");
    }
    return created;
  }

  private SamplingPlan plan(String kind, EnergyFunction energy, Optional<TrainedRun> run) {
    Optional<AnnealedLangevinSampler> trainedWith = run.flatMap(DefaultSampling::trainedSampler);
    return switch (kind) {
      case "langevin" ->
          SamplingPlan.langevin(langevinStep(run), requirePositive("--steps", steps), Double.NaN);
      case "annealed-langevin" -> {
        if (!energy.isNoiseConditional()) {
          throw new IllegalArgumentException(
              "annealed Langevin needs a noise-conditional energy (trained by ncsn, or"
                  + " model:noise_conditional=true); use --sampler langevin");
        }
        yield SamplingPlan.annealed(annealed(trainedWith));
      }
      default -> throw new IllegalStateException("not a built-in sampler: " + kind);
    };
  }

  private LangevinStep langevinStep(Optional<TrainedRun> run) {
    double size;
    if (stepSize != null) {
      size = stepSize;
    } else if (convention.equals("ours") && run.isPresent()) {
      size = DefaultSampling.langevinStep(run.get()).epsilon();
    } else {
      throw new IllegalArgumentException(
          "give --step-size (the step parameter of convention " + convention + ")");
    }
    if (!(size > 0)) {
      throw new IllegalArgumentException("--step-size must be positive, got " + size);
    }
    return switch (convention) {
      case "ours" -> new LangevinStep(size, tau);
      case "ncsn-image" -> LangevinStep.fromNcsnImage(size);
      case "ncsn-toy" -> LangevinStep.fromNcsnToy(size);
      case "anatomy" -> LangevinStep.fromAnatomy(size);
      default ->
          throw new IllegalArgumentException(
              "unknown --convention '"
                  + convention
                  + "'; use ours, ncsn-image, ncsn-toy or anatomy");
    };
  }

  private AnnealedLangevinSampler annealed(Optional<AnnealedLangevinSampler> trainedWith) {
    AnnealedLangevinSampler base =
        trainedWith.orElse(AnnealedLangevinSampler.ncsnImageDefaults(NoiseSchedule.ncsnDefault()));
    NoiseSchedule schedule =
        NoiseSchedule.geometric(
            sigmaMax != null ? sigmaMax : base.schedule().largest(),
            sigmaMin != null ? sigmaMin : base.schedule().smallest(),
            levels != null ? levels : base.schedule().levels());
    AnnealedLangevinSampler.Convention annealedStep =
        annealedConvention == null
            ? base.convention()
            : switch (annealedConvention) {
              case "image" -> AnnealedLangevinSampler.Convention.NCSN_IMAGE;
              case "toy" -> AnnealedLangevinSampler.Convention.NCSN_TOY;
              default ->
                  throw new IllegalArgumentException(
                      "--annealed-convention must be image or toy, got '"
                          + annealedConvention
                          + "'");
            };
    return new AnnealedLangevinSampler(
        schedule,
        stepsPerLevel != null ? stepsPerLevel : base.stepsPerLevel(),
        epsilon != null ? epsilon : base.epsilon(),
        annealedStep,
        denoise || base.denoise(),
        Optional.empty());
  }

  private static int requirePositive(String option, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(option + " must be at least 1, got " + value);
    }
    return value;
  }

  private void write(
      Path target,
      EnergyFunction energy,
      double[] samples,
      List<String> updates,
      long totalSteps,
      double[] range,
      double seconds,
      Optional<TrainedRun> run)
      throws IOException {
    Files.createDirectories(target);
    int d = energy.sampleSize();
    StringBuilder csv = new StringBuilder();
    for (int i = 1; i <= d; i++) {
      csv.append(i > 1 ? "," : "").append("x").append(i);
    }
    csv.append('\n');
    for (int c = 0; c < chains; c++) {
      for (int i = 0; i < d; i++) {
        csv.append(i > 0 ? "," : "").append(String.format(Locale.ROOT, "%.7g", samples[c * d + i]));
      }
      csv.append('\n');
    }
    Files.writeString(target.resolve("samples.csv"), csv);
    long[] shape = energy.sampleShape().asArray();
    if (d == 2) {
      double half = Math.max(Math.abs(range[0]), Math.abs(range[1]));
      new ScatterPlot(half)
          .panel(chains + " samples", samples)
          .write(target.resolve("samples.png"));
    } else if (shape.length == 3) {
      long[] batch = {chains, shape[0], shape[1], shape[2]};
      ImageGridPng.write(samples, batch, 64, range[0], range[1], target.resolve("samples.png"));
    }
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("source", energy.describe());
    run.ifPresent(r -> settings.put("checkpoint_step", r.step()));
    settings.put("chains", chains);
    settings.put("init", "uniform over [" + range[0] + ", " + range[1] + "] per coordinate");
    settings.put("updates", updates);
    if (totalSteps > 0) {
      settings.put("total_steps", totalSteps);
    }
    settings.put("seed", seed);
    settings.put("seconds", seconds);
    Files.writeString(
        target.resolve("sampler.json"),
        new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(settings));
  }
}
