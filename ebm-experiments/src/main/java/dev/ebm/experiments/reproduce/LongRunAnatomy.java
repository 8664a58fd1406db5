package dev.ebm.experiments.reproduce;

import dev.ebm.api.Samples;
import dev.ebm.api.Sampling;
import dev.ebm.api.TrainedEnergy;
import dev.ebm.core.config.OptionSchema;
import dev.ebm.core.config.OptionSpec;
import dev.ebm.core.config.Options;
import dev.ebm.core.data.Rows;
import dev.ebm.core.sampling.LangevinStep;
import dev.ebm.experiments.plot.ImageGridPng;
import dev.ebm.experiments.plot.LinePlot;
import dev.ebm.experiments.quality.FashionMnist;
import dev.ebm.experiments.quality.FeatureClassifier;
import dev.ebm.experiments.quality.ImageSide;
import dev.ebm.experiments.quality.SampleQuality;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * {@code anatomy-longrun}: long-run chains of short-run and convergent maximum likelihood on
 * Fashion-MNIST (Nijkamp, Hill, Zhu &amp; Wu 2019; Nijkamp, Hill, Han, Zhu &amp; Wu 2020). Two
 * ConvNet energies are trained by {@code ebm train --method ml} with K-step Langevin chains. The
 * short-run model's start from uniform noise every step and take, in the full setting, the paper's
 * non-convergent update {@code x ← x − λ∇E + σz} with λ = 1 and σ = 0.005 on pixels in [0, 1] (the
 * paper's σ = 0.01 on [−1, 1]: halving the coordinates halves σ and quarters λ, and a learned
 * energy absorbs the factor 4 of the drift); the quick and cpu settings give it the data-fitted
 * update below instead, since in a few thousand steps the paper's update does not learn gradients
 * steep enough to move its chains from noise. The convergent model's chains persist from step to
 * step and take the full Langevin update {@code x ← x − (ε²/2)∇E + εz} with ε fitted to the data
 * (0.1 × its RMS standard deviation; the paper tunes ε to the data's tightest deviation), so that
 * they keep mixing. From each, chains started from uniform noise run far past K with the same
 * update; the report shows them as pictures at a few lengths, their mean energy along the chain
 * beside the mean energy of test images, the gap between the two in units of the test images'
 * energy standard deviation, and the offline quality metric of the samples at K steps and at the
 * end.
 */
public final class LongRunAnatomy implements Reproduction {

  private static final OptionSchema SETTINGS =
      OptionSchema.of(
          "anatomy-longrun",
          OptionSpec.integer("steps", 20_000, "training steps of each model"),
          OptionSpec.integer("batch", 128, "batch size (and the persistent model's chains)"),
          OptionSpec.integer("filters", 32, "channels of the ConvNet's first layer"),
          OptionSpec.number("ema", 0.999, "moving-average decay of the parameters (0: none)"),
          OptionSpec.integer("short_run", 100, "Langevin steps K per training step, both models"),
          OptionSpec.choice(
              "short_run_update",
              "the short-run model's Langevin update: paper, x ← x − λ∇E + σz with step and noise"
                  + " (Nijkamp et al.'s); fitted, x ← x − (ε²/2)∇E + εz with ε = 0.1 × the data's"
                  + " RMS std",
              "paper",
              "fitted"),
          OptionSpec.number("step", 1, "the paper update's drift λ"),
          OptionSpec.number("noise", 0.005, "the paper update's noise σ"),
          OptionSpec.integer("long_run", 2_000, "Langevin steps of the long-run chains"),
          OptionSpec.integer("chains", 1000, "long-run chains (and test images, the metric's n)"),
          Runs.SIDE,
          QualityCache.SETTING,
          OptionSpec.integer("seed", 2019, "seed"),
          Runs.DEVICE);

  /** Points of the energy trace along each long-run chain. */
  private static final int TRACE_POINTS = 100;

  /** Images in each picture of samples. */
  private static final int PICTURE_IMAGES = 64;

  @Override
  public String name() {
    return "anatomy-longrun";
  }

  @Override
  public String claim() {
    return "Long-run Langevin chains of a short-run-trained energy drift away from the data"
        + " (their energy falls far below the data's, the images saturate), while those of a"
        + " convergent energy, trained with persistent chains, stay near the data's energy.";
  }

  @Override
  public String source() {
    return "Nijkamp, Hill, Zhu & Wu 2019, Learning non-convergent non-persistent short-run MCMC"
        + " toward energy-based model, §3 and Fig. 4; Nijkamp, Hill, Han, Zhu & Wu 2020, On the"
        + " anatomy of MCMC-based maximum likelihood learning of energy-based models, Fig. 1";
  }

  @Override
  public OptionSchema settings() {
    return SETTINGS;
  }

  @Override
  public Map<String, String> quickSettings() {
    return Map.of(
        "steps", "100",
        "batch", "32",
        "filters", "8",
        "ema", "0",
        "short_run", "10",
        "short_run_update", "fitted",
        "long_run", "300",
        "chains", "100");
  }

  /**
   * Two cores, about 40 minutes: both models at 14 × 14 with K = 100, a ConvNet of 16 filters,
   * batch 64, 1 500 steps each (about 2 steps per second), 500 long-run chains of 2 000 steps; the
   * short-run model takes the fitted update (with the paper's, 300 steps left its chains' gradient
   * norm at 0.07 and its samples noise: Fréchet distance 352 against noise's 365).
   */
  @Override
  public Map<String, String> cpuSettings() {
    return Map.of(
        "short_run_update",
        "fitted",
        "side",
        "14",
        "steps",
        "1500",
        "batch",
        "64",
        "filters",
        "16",
        "chains",
        "500");
  }

  /**
   * What the long-run chains of one model did.
   *
   * @param steps the chain lengths at which the mean energy was recorded
   * @param energies the chains' mean energy at those lengths
   * @param dataMean the mean energy of the test images
   * @param dataStd their standard deviation
   * @param atShortRun the chains' mean energy after K steps
   * @param atLongRun after the last step
   * @param qualityAtShortRun the metric of the samples after K steps
   * @param qualityAtLongRun after the last step
   */
  record LongRun(
      double[] steps,
      double[] energies,
      double dataMean,
      double dataStd,
      double atShortRun,
      double atLongRun,
      SampleQuality qualityAtShortRun,
      SampleQuality qualityAtLongRun) {

    /** How far {@code energy} lies from the test images' mean, in their standard deviations. */
    double gap(double energy) {
      return (energy - dataMean) / dataStd;
    }

    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("energy_test_images_mean", dataMean);
      m.put("energy_test_images_std", dataStd);
      m.put("energy_after_short_run", atShortRun);
      m.put("energy_after_long_run", atLongRun);
      m.put("gap_after_short_run_in_data_std", gap(atShortRun));
      m.put("gap_after_long_run_in_data_std", gap(atLongRun));
      m.put("quality_after_short_run", qualityAtShortRun.toMap());
      m.put("quality_after_long_run", qualityAtLongRun.toMap());
      m.put("trace_steps", steps);
      m.put("trace_mean_energy", energies);
      return m;
    }
  }

  @Override
  public Report run(Options o, Path out, PrintStream log) throws IOException {
    FashionMnist data = FashionMnist.installed();
    ImageSide side = Runs.side(o);
    String images = "idx:" + side.trainingImages(data, out.resolve("data"));
    int shortRun = o.integer("short_run");
    int longRun = o.integer("long_run");
    if (longRun <= shortRun) {
      throw new IllegalArgumentException(
          "anatomy-longrun: long_run ("
              + longRun
              + ") must exceed short_run ("
              + shortRun
              + "), the chains' length in training");
    }
    // K, the geometric mean of K and the long run's length, and that length.
    int[] pictures =
        IntStream.of(shortRun, (int) Math.round(Math.sqrt((double) shortRun * longRun)), longRun)
            .distinct()
            .toArray();
    Map<String, LongRun> measured = new LinkedHashMap<>();
    List<String> figures = new ArrayList<>();
    try (FeatureClassifier classifier =
        FeatureClassifier.load(
            FeatureClassifier.Recipe.standard(), data, QualityCache.root(o), log::println)) {
      for (String label : List.of("short-run", "convergent")) {
        Path run = out.resolve("runs").resolve(label);
        LongRun longRunChains;
        try (TrainedEnergy energy =
            Runs.train(
                Runs.imageTraining(
                    Runs.training(images, method(label, o), run),
                    "convnet:filters=" + o.integer("filters"),
                    o.integer("steps"),
                    o))) {
          longRunChains = longRun(energy, run, label, pictures, classifier, data, side, o, log);
        }
        measured.put(label, longRunChains);
        for (int length : pictures) {
          figures.add(out.relativize(picture(run, length)).toString());
        }
      }
    }
    LinePlot plot = new LinePlot();
    for (Map.Entry<String, LongRun> model : measured.entrySet()) {
      LongRun chains = model.getValue();
      double[] dataLine = new double[chains.steps().length];
      Arrays.fill(dataLine, chains.dataMean());
      plot.panel(model.getKey() + " model: mean energy along the chains")
          .series("long-run chains", chains.steps(), chains.energies())
          .series("test images", chains.steps(), dataLine);
    }
    plot.write(out.resolve("energies.png"));
    figures.add(0, "energies.png");
    Map<String, Object> results = new LinkedHashMap<>();
    measured.forEach((label, chains) -> results.put(label, chains.toMap()));
    return new Report(
        findings(measured.get("short-run"), measured.get("convergent"), o), results, figures);
  }

  /**
   * The model's training method: persistent chains of the data-fitted Langevin update (the
   * convergent model), or chains from noise of the {@code short_run_update} (short-run).
   */
  private static String method(String label, Options o) {
    String chains = "ml:steps=" + o.integer("short_run") + ",alpha=0,chains=";
    if (label.equals("convergent")) {
      return chains + "persistent";
    }
    if (o.string("short_run_update").equals("fitted")) {
      return chains + "noise";
    }
    LangevinStep step = LangevinStep.fromDriftAndNoise(o.number("step"), o.number("noise"));
    return String.format(
        Locale.ROOT, "%snoise,epsilon=%s,tau=%s", chains, step.epsilon(), step.tau());
  }

  /**
   * Runs the model's long-run chains from uniform noise with its training update, recording the
   * mean energy along them, pictures at the given lengths and the metric after K steps and at the
   * end.
   */
  private static LongRun longRun(
      TrainedEnergy energy,
      Path run,
      String label,
      int[] pictures,
      FeatureClassifier classifier,
      FashionMnist data,
      ImageSide side,
      Options o,
      PrintStream log)
      throws IOException {
    int n = o.integer("chains");
    int shortRun = o.integer("short_run");
    int longRun = o.integer("long_run");
    long seed = o.integer("seed");
    int every = Math.max(1, longRun / TRACE_POINTS);
    List<double[]> trace = new ArrayList<>();
    Map<Integer, double[]> snapshots = new LinkedHashMap<>();
    double[] testEnergies = energies(energy, side.testImages(data, n), side);
    Samples drawn =
        energy.sample(
            Sampling.defaults()
                .chains(n)
                .steps(longRun)
                .seed(seed)
                .withoutDiagnostics()
                .observing(
                    (done, total, x) -> {
                      if (done % every == 0 || done == shortRun) {
                        trace.add(new double[] {done, mean(energies(energy, x, side))});
                      }
                      if (Arrays.stream(pictures).anyMatch(length -> length == done)) {
                        snapshots.put((int) done, x.clone());
                      }
                    }));
    double[] range = {drawn.startLow(), drawn.startHigh()};
    for (Map.Entry<Integer, double[]> snapshot : snapshots.entrySet()) {
      ImageGridPng.write(
          snapshot.getValue(),
          side.shape(n),
          PICTURE_IMAGES,
          range[0],
          range[1],
          picture(run, snapshot.getKey()));
    }
    double dataMean = mean(testEnergies);
    double dataStd =
        Math.sqrt(
            Arrays.stream(testEnergies).map(e -> (e - dataMean) * (e - dataMean)).sum()
                / (testEnergies.length - 1));
    LongRun chains =
        new LongRun(
            trace.stream().mapToDouble(p -> p[0]).toArray(),
            trace.stream().mapToDouble(p -> p[1]).toArray(),
            dataMean,
            dataStd,
            mean(energies(energy, snapshots.get(shortRun), side)),
            mean(energies(energy, snapshots.get(longRun), side)),
            SampleQuality.ofSamples(classifier, data, snapshots.get(shortRun), seed, side),
            SampleQuality.ofSamples(classifier, data, snapshots.get(longRun), seed, side));
    log.printf(
        Locale.ROOT,
        "%s model: test images' energy %.3f ± %.3f; long-run chains' %.3f after %d steps (%+.2f"
            + " std), %.3f after %d (%+.2f std); Fréchet distance %.1f and %.1f (noise %.1f)%n",
        label,
        dataMean,
        dataStd,
        chains.atShortRun(),
        shortRun,
        chains.gap(chains.atShortRun()),
        chains.atLongRun(),
        longRun,
        chains.gap(chains.atLongRun()),
        chains.qualityAtShortRun().samples(),
        chains.qualityAtLongRun().samples(),
        chains.qualityAtLongRun().ceiling());
    return chains;
  }

  /** The energies of row-major images of {@code side}. */
  private static double[] energies(TrainedEnergy energy, double[] images, ImageSide side) {
    return energy.energy(Rows.of(images, side.pixels()));
  }

  private static Path picture(Path run, int length) {
    return run.resolve("long-run-" + length + ".png");
  }

  private static List<Report.Finding> findings(LongRun shortRun, LongRun convergent, Options o) {
    int k = o.integer("short_run");
    int l = o.integer("long_run");
    double shortGap = shortRun.gap(shortRun.atLongRun());
    double convergentGap = convergent.gap(convergent.atLongRun());
    return List.of(
        new Report.Finding(
            "short-run model: its long-run chains' energy falls below the test images'",
            "long-run samples oversaturated, energy far below the data's",
            String.format(
                Locale.ROOT,
                "%+.2f data std after %d steps, %+.2f after %d",
                shortRun.gap(shortRun.atShortRun()),
                k,
                shortGap,
                l),
            shortGap < 0 && shortRun.atLongRun() < shortRun.atShortRun()),
        new Report.Finding(
            "the convergent model's long-run chains stay nearer the data's energy",
            "convergent long-run samples stay realistic",
            String.format(
                Locale.ROOT,
                "|gap| %.2f against %.2f data std (short-run model), after %d steps",
                Math.abs(convergentGap),
                Math.abs(shortGap),
                l),
            Math.abs(convergentGap) < Math.abs(shortGap)),
        new Report.Finding(
            "short-run model: its samples after K steps beat its long-run samples",
            "short-run samples realistic, long-run ones not",
            String.format(
                Locale.ROOT,
                "Fréchet distance %.1f after %d steps, %.1f after %d (noise %.1f, held-out real"
                    + " %.1f)",
                shortRun.qualityAtShortRun().samples(),
                k,
                shortRun.qualityAtLongRun().samples(),
                l,
                shortRun.qualityAtLongRun().ceiling(),
                shortRun.qualityAtLongRun().floor()),
            shortRun.qualityAtShortRun().samples() < shortRun.qualityAtLongRun().samples()),
        new Report.Finding(
            "the convergent model's long-run samples lie nearer the data than the short-run's",
            "",
            String.format(
                Locale.ROOT,
                "Fréchet distance %.1f against %.1f after %d steps",
                convergent.qualityAtLongRun().samples(),
                shortRun.qualityAtLongRun().samples(),
                l),
            convergent.qualityAtLongRun().samples() < shortRun.qualityAtLongRun().samples()),
        new Report.Finding(
            "convergent model: its long-run samples no worse than its samples after K steps",
            "convergent long-run samples stay realistic",
            String.format(
                Locale.ROOT,
                "Fréchet distance %.1f after %d steps, %.1f after %d",
                convergent.qualityAtShortRun().samples(),
                k,
                convergent.qualityAtLongRun().samples(),
                l),
            convergent.qualityAtLongRun().samples() <= convergent.qualityAtShortRun().samples()));
  }

  private static double mean(double[] values) {
    return Arrays.stream(values).average().orElse(Double.NaN);
  }
}
