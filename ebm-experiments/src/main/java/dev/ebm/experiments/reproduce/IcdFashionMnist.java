package dev.ebm.experiments.reproduce;

import dev.ebm.api.TrainedEnergy;
import dev.ebm.core.config.OptionSchema;
import dev.ebm.core.config.OptionSpec;
import dev.ebm.core.config.Options;
import dev.ebm.core.sampling.LangevinStep;
import dev.ebm.experiments.plot.ImageGridPng;
import dev.ebm.experiments.quality.FashionMnist;
import dev.ebm.experiments.quality.FeatureClassifier;
import dev.ebm.experiments.quality.ImageSide;
import dev.ebm.experiments.quality.NearestNeighbourEntropy;
import dev.ebm.experiments.quality.SampleQuality;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * {@code icd-fmnist}: improved contrastive divergence (Du, Li, Tenenbaum &amp; Mordatch 2020) on
 * Fashion-MNIST, beside maximum likelihood with a replay buffer (Du &amp; Mordatch 2019), with its
 * ablations: without the KL term, and with the multi-scale energy in place of the ConvNet. Every
 * variant is trained by {@code ebm train} with the same chains: K steps of low-temperature Langevin
 * dynamics {@code x ← x − λ∇E + σ·z} (Du &amp; Mordatch's code: λ = 10, σ = 0.005; in our
 * convention {@code ε = √(2λ)}, {@code τ = σ/ε}) with states clamped to [0, 1]. A run has
 * <em>diverged</em> when training stops on a non-finite value or its last logged energies exceed
 * {@code energy_bound} in magnitude. Every other run is sampled with the same update from uniform
 * noise and measured by the offline metric (Fréchet distance in classifier features, beside
 * held-out real images and noise) and by the samples' diversity: the Kozachenko–Leonenko
 * nearest-neighbour entropy of the images ({@link NearestNeighbourEntropy}), beside that of as many
 * test images.
 */
public final class IcdFashionMnist implements Reproduction {

  /** Neighbour whose distance the entropy estimate uses: the nearest. */
  private static final int NEIGHBOUR = 1;

  /** Images in each picture of samples. */
  private static final int PICTURE_IMAGES = 64;

  private static final OptionSchema SETTINGS =
      OptionSchema.of(
          "icd-fmnist",
          OptionSpec.text(
              "variants",
              "ml-replay:improved-cd:improved-cd-multiscale",
              "the rows of the ablation, by ':'"),
          OptionSpec.integer("steps", 20_000, "training steps of each variant"),
          OptionSpec.integer("batch", 128, "batch size"),
          OptionSpec.integer("filters", 32, "channels of the ConvNet's first layer"),
          OptionSpec.integer(
              "multiscale_filters", 16, "channels of the multi-scale energy's first stage"),
          OptionSpec.integer("langevin_steps", 40, "Langevin steps K of the training chains"),
          Runs.DRIFT,
          Runs.NOISE,
          OptionSpec.number("ema", 0.999, "moving-average decay of the parameters (0: none)"),
          OptionSpec.integer("chains", 1000, "images drawn from each variant (the metric's n)"),
          OptionSpec.integer(
              "sample_steps", 60, "Langevin steps of the chains drawn for the metric, from noise"),
          OptionSpec.number("energy_bound", 1e4, "|energy| beyond which a run has diverged"),
          Runs.SIDE,
          QualityCache.SETTING,
          OptionSpec.integer("seed", 2020, "seed"),
          Runs.DEVICE);

  @Override
  public String name() {
    return "icd-fmnist";
  }

  @Override
  public String claim() {
    return "Improved contrastive divergence generates Fashion-MNIST images whose Fréchet distance"
        + " in classifier features lies far below noise's; its KL term makes the samples more"
        + " diverse (nearest-neighbour entropy) and better, and the multi-scale energy better still.";
  }

  @Override
  public String source() {
    return "Du, Li, Tenenbaum & Mordatch 2020, Improved contrastive divergence training of"
        + " energy-based models, §3 and the ablations of §4 (their numbers are for CIFAR-10)";
  }

  @Override
  public OptionSchema settings() {
    return SETTINGS;
  }

  @Override
  public Map<String, String> quickSettings() {
    return Map.of(
        "variants", "ml-replay:improved-cd",
        "steps", "100",
        "batch", "32",
        "filters", "8",
        "langevin_steps", "10",
        "ema", "0",
        "chains", "100",
        "sample_steps", "60");
  }

  /**
   * Two cores, about an hour: the four rows at 14 × 14 with the paper's chains (K = 40 steps of λ =
   * 10, σ = 0.005, replay buffer), a ConvNet of 16 filters (multi-scale: 8), batch 64, 2 000 steps
   * each (3.5–4.5 steps per second, the multi-scale energy 1.8), 500 images per row drawn in 300
   * steps from noise (in 60, the length of the full setting, the ConvNet rows' samples were still
   * noise at this budget: Fréchet distance 270–284 against noise's 338).
   */
  @Override
  public Map<String, String> cpuSettings() {
    return Map.of(
        "variants", "ml-replay:improved-cd:improved-cd-augment:improved-cd-multiscale",
        "side", "14",
        "steps", "2000",
        "batch", "64",
        "filters", "16",
        "multiscale_filters", "8",
        "chains", "500",
        "sample_steps", "300");
  }

  /**
   * One row of the ablation.
   *
   * @param name its name in the {@code variants} setting, and its directory under {@code runs/}
   * @param label the row's name in the report
   * @param method the training method with its options, less the chains' settings
   * @param multiscale whether it uses the multi-scale energy (else the ConvNet)
   */
  private record Variant(String name, String label, String method, boolean multiscale) {}

  /**
   * Improved CD without the KL term: the same loss and chains (its replay buffer restarting 0.1 %
   * of the chains, as improved CD's does), so one row serves for both.
   */
  private static final Variant REPLAY_ML =
      new Variant(
          "ml-replay",
          "ML, replay buffer (= improved CD without the KL term)",
          "ml:chains=replay,reinit=0.001",
          false);

  private static final Variant IMPROVED_CD =
      new Variant("improved-cd", "improved CD", "improved-cd", false);

  private static final Variant MULTISCALE =
      new Variant("improved-cd-multiscale", "improved CD, multi-scale energy", "improved-cd", true);

  /** Improved CD whose chain starts pass through Du et al.'s augmentations for grayscale images. */
  private static final Variant AUGMENTED =
      new Variant(
          "improved-cd-augment",
          "improved CD, augmented chain starts (flip, shift ≤ 2 px, blur)",
          "improved-cd:transition=augment",
          false);

  private static final List<Variant> VARIANTS =
      List.of(REPLAY_ML, IMPROVED_CD, MULTISCALE, AUGMENTED);

  /**
   * What one variant gave.
   *
   * @param diverged whether training ran away
   * @param quality the sample-quality metric, if it did not
   * @param entropy the samples' nearest-neighbour entropy (NaN if it diverged)
   */
  private record Outcome(boolean diverged, Optional<SampleQuality> quality, double entropy) {

    static final Outcome DIVERGED = new Outcome(true, Optional.empty(), Double.NaN);

    double distance() {
      return quality.map(SampleQuality::samples).orElse(Double.NaN);
    }

    /** The measure, or "diverged". */
    String describe(ToDoubleFunction<Outcome> measure) {
      return diverged
          ? "diverged"
          : String.format(Locale.ROOT, "%.1f", measure.applyAsDouble(this));
    }

    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("diverged", diverged);
      quality.ifPresent(q -> m.putAll(q.toMap()));
      m.put("nn_entropy", entropy);
      return m;
    }
  }

  @Override
  public Report run(Options o, Path out, PrintStream log) throws IOException {
    List<Variant> variants = variants(o);
    FashionMnist data = FashionMnist.installed();
    ImageSide side = Runs.side(o);
    String images = "idx:" + side.trainingImages(data, out.resolve("data"));
    int n = o.integer("chains");
    double dataEntropy =
        NearestNeighbourEntropy.estimate(side.testImages(data, n), side.pixels(), NEIGHBOUR);
    LangevinStep step = Runs.chainStep(o);
    Map<Variant, Outcome> outcomes = new LinkedHashMap<>();
    List<String> figures = new ArrayList<>();
    try (FeatureClassifier classifier =
        FeatureClassifier.load(
            FeatureClassifier.Recipe.standard(), data, QualityCache.root(o), log::println)) {
      for (Variant variant : variants) {
        Path run = out.resolve("runs").resolve(variant.name());
        Optional<TrainedEnergy> trained =
            Runs.trainUnlessDiverged(
                Runs.imageTraining(
                    Runs.training(
                        images,
                        Runs.withClampedChains(variant.method(), o.integer("langevin_steps"), step),
                        run),
                    variant.multiscale()
                        ? "multiscale:filters=" + o.integer("multiscale_filters")
                        : "convnet:filters=" + o.integer("filters"),
                    o.integer("steps"),
                    o),
                o.number("energy_bound"));
        if (trained.isEmpty()) {
          outcomes.put(variant, Outcome.DIVERGED);
          log.printf(Locale.ROOT, "%s: diverged%n", variant.label());
          continue;
        }
        double[] samples;
        try (TrainedEnergy energy = trained.get()) {
          samples =
              Runs.sampleFromNoise(energy, o.integer("sample_steps"), step, n, o.integer("seed"));
        }
        Path picture = run.resolve("samples.png");
        ImageGridPng.write(samples, side.shape(n), PICTURE_IMAGES, 0, 1, picture);
        figures.add(out.relativize(picture).toString());
        Outcome outcome =
            new Outcome(
                false,
                Optional.of(
                    SampleQuality.ofSamples(classifier, data, samples, o.integer("seed"), side)),
                NearestNeighbourEntropy.estimate(samples, side.pixels(), NEIGHBOUR));
        outcomes.put(variant, outcome);
        log.printf(
            Locale.ROOT,
            "%s: %s; NN entropy %.1f (test images %.1f)%n",
            variant.label(),
            outcome.quality().orElseThrow().describe(),
            outcome.entropy(),
            dataEntropy);
      }
    }
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("nn_entropy_test_images", dataEntropy);
    outcomes.forEach((variant, outcome) -> results.put(variant.name(), outcome.toMap()));
    return new Report(findings(outcomes, dataEntropy), results, figures);
  }

  private static List<Variant> variants(Options o) {
    List<Variant> chosen = new ArrayList<>();
    for (String name : o.string("variants").split(":")) {
      chosen.add(
          VARIANTS.stream()
              .filter(v -> v.name().equals(name))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "icd-fmnist: unknown variant '"
                              + name
                              + "'; available: "
                              + String.join(", ", VARIANTS.stream().map(Variant::name).toList()))));
    }
    return chosen;
  }

  /**
   * One finding per row (its distance below noise's, with its entropy beside the test images'
   * {@code dataEntropy}), then the ablations' comparisons between the rows that ran.
   */
  private static List<Report.Finding> findings(Map<Variant, Outcome> outcomes, double dataEntropy) {
    List<Report.Finding> findings = new ArrayList<>();
    for (Map.Entry<Variant, Outcome> row : outcomes.entrySet()) {
      Outcome outcome = row.getValue();
      findings.add(
          new Report.Finding(
              row.getKey().label() + ": samples' Fréchet distance below noise's",
              "samples resemble the data",
              outcome
                  .quality()
                  .map(
                      q ->
                          String.format(
                              Locale.ROOT,
                              "%.1f against %.1f for noise and %.1f for held-out real images; NN"
                                  + " entropy %.1f (test images %.1f); did not diverge",
                              q.samples(),
                              q.ceiling(),
                              q.floor(),
                              outcome.entropy(),
                              dataEntropy))
                  .orElse("diverged"),
              outcome.quality().map(q -> q.samples() < q.ceiling()).orElse(false)));
    }
    compare(
            outcomes,
            IMPROVED_CD,
            REPLAY_ML,
            "the KL term makes the samples more diverse",
            "the entropy term keeps samples diverse (no mode collapse)",
            "NN entropy",
            Outcome::entropy,
            false)
        .ifPresent(findings::add);
    compare(
            outcomes,
            IMPROVED_CD,
            REPLAY_ML,
            "the KL term lowers the Fréchet distance",
            "the KL term improves FID",
            "Fréchet distance",
            Outcome::distance,
            true)
        .ifPresent(findings::add);
    compare(
            outcomes,
            MULTISCALE,
            IMPROVED_CD,
            "the multi-scale energy lowers the Fréchet distance",
            "multi-scale processing improves FID",
            "Fréchet distance",
            Outcome::distance,
            true)
        .ifPresent(findings::add);
    return findings;
  }

  /**
   * Whether {@code favoured} did better than {@code other} by {@code measure} (a run that diverged
   * does worst), if both ran.
   */
  private static Optional<Report.Finding> compare(
      Map<Variant, Outcome> outcomes,
      Variant favoured,
      Variant other,
      String what,
      String paper,
      String name,
      ToDoubleFunction<Outcome> measure,
      boolean lowerIsBetter) {
    if (!outcomes.containsKey(favoured) || !outcomes.containsKey(other)) {
      return Optional.empty();
    }
    Outcome a = outcomes.get(favoured);
    Outcome b = outcomes.get(other);
    double difference = measure.applyAsDouble(a) - measure.applyAsDouble(b);
    boolean holds =
        !a.diverged() && (b.diverged() || (lowerIsBetter ? difference < 0 : difference > 0));
    return Optional.of(
        new Report.Finding(
            what,
            paper,
            String.format(
                Locale.ROOT,
                "%s %s (%s) against %s (%s)",
                name,
                a.describe(measure),
                favoured.label(),
                b.describe(measure),
                other.label()),
            holds));
  }
}
