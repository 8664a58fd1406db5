package dev.ebm.experiments.reproduce;

import dev.ebm.api.TrainedEnergy;
import dev.ebm.api.Training;
import dev.ebm.core.config.OptionSchema;
import dev.ebm.core.config.OptionSpec;
import dev.ebm.core.config.Options;
import dev.ebm.core.data.Rows;
import dev.ebm.core.sampling.LangevinStep;
import dev.ebm.experiments.plot.ImageGridPng;
import dev.ebm.experiments.quality.Auroc;
import dev.ebm.experiments.quality.FashionMnist;
import dev.ebm.experiments.quality.ImageSide;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * {@code ood-fmnist}: the energy as an out-of-distribution score (Du &amp; Mordatch 2019, §4.3). An
 * energy is trained with {@code ebm train} on the Fashion-MNIST training images of some classes,
 * with the paper's chains: a replay buffer, K = 60 steps of {@code x ← x − λ∇E + σz} (λ = 10, σ =
 * 0.005, states clamped to [0, 1]) and the regulariser α(E⁺² + E⁻²) with α = 1; its energies of
 * test images of those classes are compared with those of test images of the other classes,
 * Gaussian noise, uniform noise, constant images and the in-distribution test images flipped left
 * to right, by the AUROC of "higher energy means out of distribution".
 */
public final class OodFashionMnist implements Reproduction {

  /** Images in the picture of the energy's samples (its training chains' update, from noise). */
  private static final int PICTURE_IMAGES = 64;

  private static final OptionSchema SETTINGS =
      OptionSchema.of(
          "ood-fmnist",
          OptionSpec.text("classes", "0:1:2:3:4", "the training classes, by ':'"),
          OptionSpec.text(
              "method",
              "ml:chains=replay,alpha=1",
              "the training method and its options (ebm list), less its chains' update"),
          OptionSpec.integer("langevin_steps", 60, "Langevin steps K of the training chains"),
          Runs.DRIFT,
          Runs.NOISE,
          OptionSpec.integer("steps", 20_000, "training steps"),
          OptionSpec.integer("batch", 128, "batch size"),
          OptionSpec.integer("filters", 32, "channels of the ConvNet's first layer"),
          OptionSpec.number("ema", 0.999, "moving-average decay of the parameters (0: none)"),
          OptionSpec.integer("images", 2000, "test images of each kind"),
          Runs.SIDE,
          OptionSpec.integer("seed", 2019, "seed"),
          Runs.DEVICE);

  @Override
  public String name() {
    return "ood-fmnist";
  }

  @Override
  public String claim() {
    return "An energy trained on some Fashion-MNIST classes gives out-of-distribution images higher"
        + " energies than test images of its classes: AUROC above 0.5 against noise, and reported"
        + " against held-out classes, constant and flipped images.";
  }

  @Override
  public String source() {
    return "Du & Mordatch 2019, Implicit generation and generalization in energy-based models,"
        + " §4.3 and Table 3 (their numbers are for CIFAR-10)";
  }

  @Override
  public OptionSchema settings() {
    return SETTINGS;
  }

  @Override
  public Map<String, String> quickSettings() {
    return Map.of(
        "langevin_steps", "20",
        "steps", "200",
        "batch", "32",
        "filters", "8",
        "ema", "0",
        "images", "500");
  }

  /**
   * Two cores, about 15 minutes: the paper's chains at 14 × 14, a ConvNet of 16 filters, batch 64,
   * 3 000 steps.
   */
  @Override
  public Map<String, String> cpuSettings() {
    return Map.of("side", "14", "steps", "3000", "batch", "64", "filters", "16");
  }

  @Override
  public Report run(Options o, Path out, PrintStream log) throws IOException {
    FashionMnist data = FashionMnist.installed();
    ImageSide side = Runs.side(o);
    Set<Integer> classes =
        Arrays.stream(o.string("classes").split(":"))
            .map(Integer::parseInt)
            .collect(Collectors.toSet());
    FashionMnist.Labelled train = data.train(Integer.MAX_VALUE);
    Path trainFile =
        side.writeImages(
            train.pixelsOf(classes::contains, Integer.MAX_VALUE),
            out.resolve("data"),
            "train-" + o.string("classes").replace(':', '-'));
    Path run = out.resolve("runs/energy");
    LangevinStep step = Runs.chainStep(o);
    Training.Builder training =
        Runs.imageTraining(
            Runs.training(
                "idx:" + trainFile,
                Runs.withClampedChains(o.string("method"), o.integer("langevin_steps"), step),
                run),
            "convnet:filters=" + o.integer("filters"),
            o.integer("steps"),
            o);

    int n = o.integer("images");
    FashionMnist.Labelled test = data.test(Integer.MAX_VALUE);
    float[] inside = side.pool(test.pixelsOf(classes::contains, n));
    Map<String, float[]> outside = new LinkedHashMap<>();
    outside.put("held-out classes", side.pool(test.pixelsOf(c -> !classes.contains(c), n)));
    SplittableRandom random = new SplittableRandom(o.integer("seed"));
    int pixels = side.pixels();
    outside.put("Gaussian noise N(0.5, 0.5²) clipped to [0, 1]", gaussianNoise(n * pixels, random));
    outside.put("uniform noise", uniformNoise(n * pixels, random));
    outside.put("constant images", constants(n, pixels, random));
    outside.put("flipped left to right", flipped(inside, side.side()));

    Map<String, Object> results = new LinkedHashMap<>();
    List<Report.Finding> findings = new ArrayList<>();
    Path picture = run.resolve("samples.png");
    try (TrainedEnergy energy = Runs.train(training)) {
      ImageGridPng.write(
          Runs.sampleFromNoise(
              energy, o.integer("langevin_steps"), step, PICTURE_IMAGES, o.integer("seed")),
          side.shape(PICTURE_IMAGES),
          PICTURE_IMAGES,
          0,
          1,
          picture);
      double[] inEnergies = energy.energy(Rows.of(toDoubles(inside), side.pixels()));
      results.put("mean_energy_in_distribution", mean(inEnergies));
      for (Map.Entry<String, float[]> kind : outside.entrySet()) {
        double[] energies = energy.energy(Rows.of(toDoubles(kind.getValue()), side.pixels()));
        double auroc = Auroc.of(energies, inEnergies);
        log.printf(Locale.ROOT, "AUROC against %s: %.4f%n", kind.getKey(), auroc);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("auroc", auroc);
        row.put("mean_energy", mean(energies));
        results.put(kind.getKey(), row);
        boolean noise = kind.getKey().contains("noise");
        findings.add(
            new Report.Finding(
                "AUROC > 0.5 against " + kind.getKey(),
                noise ? "high (noise is far from the data)" : "",
                String.format(Locale.ROOT, "%.4f", auroc),
                auroc > 0.5));
      }
    }
    return new Report(findings, results, List.of(out.relativize(picture).toString()));
  }

  /** {@code values} pixels of N(0.5, 0.5²) clipped to [0, 1]. */
  private static float[] gaussianNoise(int values, SplittableRandom random) {
    float[] out = new float[values];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) Math.min(1, Math.max(0, 0.5 + 0.5 * random.nextGaussian()));
    }
    return out;
  }

  private static float[] uniformNoise(int values, SplittableRandom random) {
    float[] out = new float[values];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) random.nextDouble();
    }
    return out;
  }

  /** {@code n} images of {@code pixels} pixels, each of one uniform grey level. */
  private static float[] constants(int n, int pixels, SplittableRandom random) {
    float[] out = new float[n * pixels];
    for (int k = 0; k < n; k++) {
      Arrays.fill(out, k * pixels, (k + 1) * pixels, (float) random.nextDouble());
    }
    return out;
  }

  /** Square images of {@code side} pixels, row-major, mirrored left to right. */
  private static float[] flipped(float[] images, int side) {
    float[] out = new float[images.length];
    int pixels = side * side;
    for (int k = 0; k < images.length / pixels; k++) {
      for (int row = 0; row < side; row++) {
        for (int col = 0; col < side; col++) {
          out[k * pixels + row * side + col] = images[k * pixels + row * side + side - 1 - col];
        }
      }
    }
    return out;
  }

  private static double[] toDoubles(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  private static double mean(double[] values) {
    return Arrays.stream(values).average().orElse(Double.NaN);
  }
}
