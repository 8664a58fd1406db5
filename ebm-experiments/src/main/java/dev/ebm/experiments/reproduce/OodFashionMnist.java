package dev.ebm.experiments.reproduce;

import dev.ebm.api.TrainedEnergy;
import dev.ebm.api.Training;
import dev.ebm.core.config.OptionSchema;
import dev.ebm.core.config.OptionSpec;
import dev.ebm.core.config.Options;
import dev.ebm.core.data.IdxFile;
import dev.ebm.core.data.Rows;
import dev.ebm.experiments.quality.Auroc;
import dev.ebm.experiments.quality.FashionMnist;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

/**
 * {@code ood-fmnist}: the energy as an out-of-distribution score (Du &amp; Mordatch 2019, §4.3). An
 * energy is trained with {@code ebm train} on the Fashion-MNIST training images of some classes;
 * its energies of test images of those classes are compared with those of test images of the other
 * classes, Gaussian noise, uniform noise, constant images and the in-distribution test images
 * flipped left to right, by the AUROC of "higher energy means out of distribution".
 */
public final class OodFashionMnist implements Reproduction {

  private static final OptionSchema SETTINGS =
      OptionSchema.of(
          "ood-fmnist",
          OptionSpec.text("classes", "0:1:2:3:4", "the training classes, by ':'"),
          OptionSpec.text(
              "method", "ml:chains=replay", "the training method and its options (ebm list)"),
          OptionSpec.integer("steps", 20_000, "training steps"),
          OptionSpec.integer("batch", 128, "batch size"),
          OptionSpec.integer("filters", 32, "channels of the ConvNet's first layer"),
          OptionSpec.number("ema", 0.999, "moving-average decay of the parameters (0: none)"),
          OptionSpec.integer("images", 2000, "test images of each kind"),
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
        "method", "ml:chains=replay,steps=20",
        "steps", "200",
        "batch", "32",
        "filters", "8",
        "ema", "0",
        "images", "500");
  }

  @Override
  public Report run(Options o, Path out, PrintStream log) throws IOException {
    FashionMnist data = FashionMnist.installed();
    Set<Integer> classes =
        Arrays.stream(o.string("classes").split(":"))
            .map(Integer::parseInt)
            .collect(Collectors.toSet());
    Path trainFile =
        out.resolve("data/train-" + o.string("classes").replace(':', '-') + "-idx3-ubyte.gz");
    Files.createDirectories(trainFile.getParent());
    FashionMnist.Labelled train = data.train(Integer.MAX_VALUE);
    float[] chosen = select(train, classes::contains, Integer.MAX_VALUE);
    for (int i = 0; i < chosen.length; i++) {
      chosen[i] = Math.round(chosen[i] * 255);
    }
    new IdxFile(new int[] {chosen.length / FashionMnist.PIXELS, 28, 28}, chosen)
        .writeUnsignedBytes(trainFile);
    Path run = out.resolve("runs/energy");
    Training.Builder training =
        Runs.imageTraining(
            Runs.training("idx:" + trainFile, o.string("method"), run),
            "convnet:filters=" + o.integer("filters"),
            o.integer("steps"),
            o);

    int n = o.integer("images");
    FashionMnist.Labelled test = data.test(Integer.MAX_VALUE);
    float[] inside = select(test, classes::contains, n);
    Map<String, float[]> outside = new LinkedHashMap<>();
    outside.put("held-out classes", select(test, c -> !classes.contains(c), n));
    SplittableRandom random = new SplittableRandom(o.integer("seed"));
    outside.put("Gaussian noise N(0.5, 0.5²) clipped to [0, 1]", gaussianNoise(n, random));
    outside.put("uniform noise", uniformNoise(n, random));
    outside.put("constant images", constants(n, random));
    outside.put("flipped left to right", flipped(inside));

    Map<String, Object> results = new LinkedHashMap<>();
    List<Report.Finding> findings = new ArrayList<>();
    try (TrainedEnergy energy = Runs.train(training)) {
      double[] inEnergies = energy.energy(Rows.of(toDoubles(inside), FashionMnist.PIXELS));
      results.put("mean_energy_in_distribution", mean(inEnergies));
      for (Map.Entry<String, float[]> kind : outside.entrySet()) {
        double[] energies = energy.energy(Rows.of(toDoubles(kind.getValue()), FashionMnist.PIXELS));
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
    return new Report(findings, results, List.of());
  }

  /** The first {@code limit} images whose class passes {@code keep}, row-major. */
  private static float[] select(FashionMnist.Labelled images, IntPredicate keep, int limit) {
    List<Integer> indices = new ArrayList<>();
    for (int i = 0; i < images.count() && indices.size() < limit; i++) {
      if (keep.test(images.labels()[i])) {
        indices.add(i);
      }
    }
    float[] out = new float[indices.size() * FashionMnist.PIXELS];
    for (int k = 0; k < indices.size(); k++) {
      System.arraycopy(
          images.pixels(),
          indices.get(k) * FashionMnist.PIXELS,
          out,
          k * FashionMnist.PIXELS,
          FashionMnist.PIXELS);
    }
    return out;
  }

  private static float[] gaussianNoise(int n, SplittableRandom random) {
    float[] out = new float[n * FashionMnist.PIXELS];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) Math.min(1, Math.max(0, 0.5 + 0.5 * random.nextGaussian()));
    }
    return out;
  }

  private static float[] uniformNoise(int n, SplittableRandom random) {
    float[] out = new float[n * FashionMnist.PIXELS];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) random.nextDouble();
    }
    return out;
  }

  private static float[] constants(int n, SplittableRandom random) {
    float[] out = new float[n * FashionMnist.PIXELS];
    for (int k = 0; k < n; k++) {
      Arrays.fill(
          out, k * FashionMnist.PIXELS, (k + 1) * FashionMnist.PIXELS, (float) random.nextDouble());
    }
    return out;
  }

  private static float[] flipped(float[] images) {
    float[] out = new float[images.length];
    for (int k = 0; k < images.length / FashionMnist.PIXELS; k++) {
      for (int row = 0; row < 28; row++) {
        for (int col = 0; col < 28; col++) {
          out[k * FashionMnist.PIXELS + row * 28 + col] =
              images[k * FashionMnist.PIXELS + row * 28 + 27 - col];
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
