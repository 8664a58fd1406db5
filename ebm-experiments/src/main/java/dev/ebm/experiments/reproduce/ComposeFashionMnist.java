package dev.ebm.experiments.reproduce;

import dev.ebm.api.TrainedEnergy;
import dev.ebm.core.config.OptionSchema;
import dev.ebm.core.config.OptionSpec;
import dev.ebm.core.config.Options;
import dev.ebm.core.run.Composition;
import dev.ebm.core.sampling.LangevinStep;
import dev.ebm.experiments.plot.ImageGridPng;
import dev.ebm.experiments.quality.FashionMnist;
import dev.ebm.experiments.quality.FeatureClassifier;
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
import java.util.stream.Collectors;

/**
 * {@code compose-fmnist}: zero-shot composition on images. Two energies are trained with {@code ebm
 * train} on two attributes of Fashion-MNIST — the <em>upper</em> expert on the upper-body garment
 * classes (T-shirt/top, pullover, coat, shirt), the <em>bright</em> expert on the images of every
 * class whose mean intensity lies above the training images' median — and composed as {@code ebm
 * compose} does, {@code E = E_upper + E_bright}, a product of experts whose samples should have
 * both attributes. Each expert and the composition are sampled with the same chains (Du &amp;
 * Mordatch's update from uniform noise, clamped to [0, 1]); each sample is judged <em>upper</em>
 * when the offline classifier ({@link FeatureClassifier}) gives it an upper-body class and
 * <em>bright</em> when its mean intensity lies above the median. Both experts are trained with the
 * paper's chains (replay buffer, K = 60 steps of {@code x ← x − λ∇E + σz}, λ = 10, σ = 0.005, α(E⁺²
 * + E⁻²) with α = 1).
 */
public final class ComposeFashionMnist implements Reproduction {

  /** Images in each picture of samples. */
  private static final int PICTURE_IMAGES = 64;

  private static final OptionSchema SETTINGS =
      OptionSchema.of(
          "compose-fmnist",
          OptionSpec.text(
              "upper_classes",
              "0:2:4:6",
              "the upper expert's classes, by ':' (T-shirt/top, pullover, coat, shirt)"),
          OptionSpec.text(
              "method",
              "ml:chains=replay,alpha=1",
              "both experts' training method and its options, less its chains' update"),
          OptionSpec.integer("steps", 20_000, "training steps of each expert"),
          OptionSpec.integer("batch", 128, "batch size"),
          OptionSpec.integer("filters", 32, "channels of the ConvNet's first layer"),
          OptionSpec.number("ema", 0.999, "moving-average decay of the parameters (0: none)"),
          OptionSpec.integer("langevin_steps", 60, "Langevin steps K of the training chains"),
          Runs.DRIFT,
          Runs.NOISE,
          OptionSpec.integer("chains", 1000, "images drawn from each expert and the composition"),
          OptionSpec.integer(
              "sample_steps", 100, "Langevin steps of the chains drawn for judging, from noise"),
          Runs.SIDE,
          QualityCache.SETTING,
          OptionSpec.integer("seed", 2020, "seed"),
          Runs.DEVICE);

  @Override
  public String name() {
    return "compose-fmnist";
  }

  @Override
  public String claim() {
    return "The sum of an energy trained on upper-body garments and one trained on bright images"
        + " generates images that are both upper-body garments and bright more often than either"
        + " energy's own samples are.";
  }

  @Override
  public String source() {
    return "Du, Li & Mordatch 2020, Compositional visual generation with energy based models, §3"
        + " (conjunction as a sum of energies; their attributes are of faces and objects)";
  }

  @Override
  public OptionSchema settings() {
    return SETTINGS;
  }

  @Override
  public Map<String, String> quickSettings() {
    return Map.of(
        "steps", "150",
        "batch", "32",
        "filters", "8",
        "ema", "0",
        "langevin_steps", "20",
        "chains", "100",
        "sample_steps", "60");
  }

  /**
   * Two cores, about 20 minutes: both experts at 14 × 14 with the paper's chains, a ConvNet of 16
   * filters, batch 64, 1 200 steps each; 500 images from each expert and the composition.
   */
  @Override
  public Map<String, String> cpuSettings() {
    return Map.of("side", "14", "steps", "1200", "batch", "64", "filters", "16", "chains", "500");
  }

  /**
   * How often a set of images has each attribute.
   *
   * @param upper the share the classifier gives an upper-body class
   * @param bright the share brighter than the median
   * @param both the share with both
   */
  record Attributes(double upper, double bright, double both) {

    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("upper", upper);
      m.put("bright", bright);
      m.put("both", both);
      return m;
    }

    String describe() {
      return String.format(Locale.ROOT, "upper %.3f, bright %.3f, both %.3f", upper, bright, both);
    }
  }

  /**
   * Judges images of one side: upper-body by the classifier, bright by their mean intensity.
   *
   * @param classifier the offline classifier, on 28 × 28 images
   * @param upperClasses the upper-body classes
   * @param threshold the median of the training images' mean intensities
   * @param side the images' side
   */
  record Judge(
      FeatureClassifier classifier, Set<Integer> upperClasses, double threshold, ImageSide side) {

    Attributes judge(float[] images) {
      int n = images.length / side.pixels();
      int[] classes = classifier.classes(side.restore(images), n);
      double[] intensity = meanIntensities(images, side.pixels());
      int upper = 0;
      int bright = 0;
      int both = 0;
      for (int i = 0; i < n; i++) {
        boolean isUpper = upperClasses.contains(classes[i]);
        boolean isBright = intensity[i] > threshold;
        upper += isUpper ? 1 : 0;
        bright += isBright ? 1 : 0;
        both += isUpper && isBright ? 1 : 0;
      }
      return new Attributes((double) upper / n, (double) bright / n, (double) both / n);
    }
  }

  @Override
  public Report run(Options o, Path out, PrintStream log) throws IOException {
    FashionMnist data = FashionMnist.installed();
    ImageSide side = Runs.side(o);
    Set<Integer> upperClasses =
        Arrays.stream(o.string("upper_classes").split(":"))
            .map(Integer::parseInt)
            .collect(Collectors.toSet());
    FashionMnist.Labelled train = data.train(Integer.MAX_VALUE);
    double[] trainIntensity = meanIntensities(train.pixels(), FashionMnist.PIXELS);
    double threshold = median(trainIntensity);
    Path dataDirectory = out.resolve("data");
    Map<String, Path> experts = new LinkedHashMap<>();
    experts.put(
        "upper",
        side.writeImages(
            train.pixelsOf(upperClasses::contains, Integer.MAX_VALUE),
            dataDirectory,
            "train-upper"));
    float[] brightImages = brightImages(train, trainIntensity, threshold);
    experts.put("bright", side.writeImages(brightImages, dataDirectory, "train-bright"));
    LangevinStep step = Runs.chainStep(o);
    String method = Runs.withClampedChains(o.string("method"), o.integer("langevin_steps"), step);
    int n = o.integer("chains");
    Map<String, Attributes> judged = new LinkedHashMap<>();
    List<String> figures = new ArrayList<>();
    try (FeatureClassifier classifier =
        FeatureClassifier.load(
            FeatureClassifier.Recipe.standard(), data, QualityCache.root(o), log::println)) {
      Judge judge = new Judge(classifier, upperClasses, threshold, side);
      judged.put("test images", judge.judge(side.pool(data.test(n).pixels())));
      List<Composition.Member> members = new ArrayList<>();
      Path composed = out.resolve("runs/composed");
      for (Map.Entry<String, Path> expert : experts.entrySet()) {
        Path run = out.resolve("runs").resolve(expert.getKey());
        try (TrainedEnergy energy =
            Runs.train(
                Runs.imageTraining(
                    Runs.training("idx:" + expert.getValue(), method, run),
                    "convnet:filters=" + o.integer("filters"),
                    o.integer("steps"),
                    o))) {
          judged.put(
              expert.getKey(),
              drawAndJudge(energy, expert.getKey(), run, step, judge, figures, out, o, log));
        }
        members.add(
            new Composition.Member(
                composed
                    .toAbsolutePath()
                    .normalize()
                    .relativize(run.toAbsolutePath().normalize())
                    .toString(),
                1));
      }
      new Composition(members).save(composed);
      try (TrainedEnergy composition = TrainedEnergy.load(composed)) {
        judged.put(
            "composed",
            drawAndJudge(composition, "composed", composed, step, judge, figures, out, o, log));
      }
    }
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("brightness_threshold", threshold);
    judged.forEach((what, attributes) -> results.put(what, attributes.toMap()));
    return new Report(findings(judged), results, figures);
  }

  /** Draws the energy's images, writes their picture and judges them. */
  private static Attributes drawAndJudge(
      TrainedEnergy energy,
      String label,
      Path run,
      LangevinStep step,
      Judge judge,
      List<String> figures,
      Path out,
      Options o,
      PrintStream log)
      throws IOException {
    int n = o.integer("chains");
    double[] samples =
        Runs.sampleFromNoise(energy, o.integer("sample_steps"), step, n, o.integer("seed"));
    Path picture = run.resolve("samples.png");
    ImageGridPng.write(samples, judge.side().shape(n), PICTURE_IMAGES, 0, 1, picture);
    figures.add(out.relativize(picture).toString());
    float[] images = new float[samples.length];
    for (int i = 0; i < images.length; i++) {
      images[i] = (float) Math.min(1, Math.max(0, samples[i]));
    }
    Attributes attributes = judge.judge(images);
    log.printf(Locale.ROOT, "%s samples: %s%n", label, attributes.describe());
    return attributes;
  }

  private static List<Report.Finding> findings(Map<String, Attributes> judged) {
    Attributes composed = judged.get("composed");
    Attributes upper = judged.get("upper");
    Attributes bright = judged.get("bright");
    Attributes data = judged.get("test images");
    return List.of(
        new Report.Finding(
            "the composition's samples have both attributes more often than either expert's",
            "the sum of energies generates the conjunction of the attributes",
            String.format(
                Locale.ROOT,
                "both: %.3f composed, %.3f upper expert, %.3f bright expert (test images %.3f)",
                composed.both(),
                upper.both(),
                bright.both(),
                data.both()),
            composed.both() > Math.max(upper.both(), bright.both())),
        new Report.Finding(
            "each expert's samples carry its own attribute more often than the test images do",
            "each energy models its attribute",
            String.format(
                Locale.ROOT,
                "upper %.3f (test images %.3f); bright %.3f (test images %.3f)",
                upper.upper(),
                data.upper(),
                bright.bright(),
                data.bright()),
            upper.upper() > data.upper() && bright.bright() > data.bright()));
  }

  /** The images of {@code train} whose mean intensity lies above {@code threshold}. */
  private static float[] brightImages(
      FashionMnist.Labelled train, double[] intensity, double threshold) {
    int bright = (int) Arrays.stream(intensity).filter(v -> v > threshold).count();
    float[] out = new float[bright * FashionMnist.PIXELS];
    int k = 0;
    for (int i = 0; i < train.count(); i++) {
      if (intensity[i] > threshold) {
        System.arraycopy(
            train.pixels(),
            i * FashionMnist.PIXELS,
            out,
            k++ * FashionMnist.PIXELS,
            FashionMnist.PIXELS);
      }
    }
    return out;
  }

  /** The mean pixel of each image of {@code pixels} values. */
  static double[] meanIntensities(float[] images, int pixels) {
    double[] out = new double[images.length / pixels];
    for (int k = 0; k < out.length; k++) {
      double sum = 0;
      for (int i = 0; i < pixels; i++) {
        sum += images[k * pixels + i];
      }
      out[k] = sum / pixels;
    }
    return out;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
