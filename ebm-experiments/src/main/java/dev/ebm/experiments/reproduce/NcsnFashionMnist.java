package dev.ebm.experiments.reproduce;

import dev.ebm.api.Samples;
import dev.ebm.api.Sampling;
import dev.ebm.api.TrainedEnergy;
import dev.ebm.core.config.OptionSchema;
import dev.ebm.core.config.OptionSpec;
import dev.ebm.core.config.Options;
import dev.ebm.core.sampling.AnnealedLangevinSampler;
import dev.ebm.experiments.output.QualityFile;
import dev.ebm.experiments.output.SampleFiles;
import dev.ebm.experiments.plot.LinePlot;
import dev.ebm.experiments.quality.FashionMnist;
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
import java.util.Optional;

/**
 * {@code ncsn-fmnist}: NCSN (Song &amp; Ermon 2019) on Fashion-MNIST. A noise-conditional ConvNet
 * energy is trained by {@code ebm train --method ncsn} at the paper's ten geometric noise levels
 * from σ = 1 to 0.01; at each checkpoint, {@code ebm sample --quality} draws images by annealed
 * Langevin dynamics with the paper's image convention ({@code α_i = ε σ_i²/σ_L²}, {@code x ← x +
 * α_i/2·s + √α_i·z}, T steps per level, ε = 2·10⁻⁵) and measures them with the offline metric: the
 * Fréchet distance in a cached classifier's features, beside held-out real images (the floor) and
 * noise (the ceiling).
 */
public final class NcsnFashionMnist implements Reproduction {

  private static final String METHOD = "ncsn:sigma_max=1,sigma_min=0.01,levels=10,epsilon=2e-5";

  private static final OptionSchema SETTINGS =
      OptionSchema.of(
          "ncsn-fmnist",
          OptionSpec.text(
              "checkpoints",
              "5000:10000:20000:40000",
              "training steps after which samples are drawn and measured, by ':'"),
          OptionSpec.integer("batch", 128, "batch size"),
          OptionSpec.integer("filters", 32, "channels of the ConvNet's first layer"),
          OptionSpec.number("ema", 0.999, "moving-average decay of the parameters (0: none)"),
          OptionSpec.integer("chains", 1000, "images drawn at each checkpoint (the metric's n)"),
          OptionSpec.integer("steps_per_level", 100, "annealed Langevin steps per level (T)"),
          QualityCache.SETTING,
          OptionSpec.integer("seed", 2019, "seed"),
          Runs.DEVICE);

  @Override
  public String name() {
    return "ncsn-fmnist";
  }

  @Override
  public String claim() {
    return "A noise-conditional score network trained by denoising score matching at 10 noise levels"
        + " from 1 to 0.01 generates Fashion-MNIST images by annealed Langevin dynamics: their"
        + " Fréchet distance in classifier features lies far below noise's and falls over training.";
  }

  @Override
  public String source() {
    return "Song & Ermon 2019, Generative modeling by estimating gradients of the data"
        + " distribution, Section 4 and Fig. 5 (samples; their FID is for CIFAR-10)";
  }

  @Override
  public OptionSchema settings() {
    return SETTINGS;
  }

  @Override
  public Map<String, String> quickSettings() {
    return Map.of(
        "checkpoints", "250:1000",
        "batch", "32",
        "filters", "8",
        "ema", "0",
        "chains", "100",
        "steps_per_level", "20");
  }

  /**
   * The paper's levels, sampler and step at a size two CPU cores finish in about an hour: the
   * ConvNet at 16 filters (a quarter of the full setting's products), batch 64, 30 000 steps, 500
   * images per checkpoint, T = 100 as the paper.
   */
  @Override
  public Map<String, String> cpuSettings() {
    return Map.of(
        "checkpoints", "5000:10000:20000:30000",
        "batch", "64",
        "filters", "16",
        "chains", "500");
  }

  @Override
  public Report run(Options o, Path out, PrintStream log) throws IOException {
    FashionMnist.installed();
    String data = "idx:" + FashionMnist.INSTALLED.resolve("train-images-idx3-ubyte.gz");
    long[] checkpoints =
        Arrays.stream(o.string("checkpoints").split(":")).mapToLong(Long::parseLong).toArray();
    Path run = out.resolve("runs/ncsn");
    List<SampleQuality> measured = new ArrayList<>();
    List<String> figures = new ArrayList<>();
    for (long steps : checkpoints) {
      Path samples = out.resolve("samples-" + steps);
      SampleQuality quality;
      try (TrainedEnergy energy =
          Runs.train(
              Runs.imageTraining(
                  Runs.training(data, METHOD, run),
                  "convnet:noise_conditional=true,filters=" + o.integer("filters"),
                  steps,
                  o))) {
        AnnealedLangevinSampler own = energy.annealedSampler();
        Samples drawn =
            energy.sample(
                Sampling.annealed(
                        new AnnealedLangevinSampler(
                            own.schedule(),
                            o.integer("steps_per_level"),
                            own.epsilon(),
                            own.convention(),
                            own.denoise(),
                            Optional.empty()))
                    .chains(o.integer("chains"))
                    .seed(o.integer("seed")));
        SampleFiles.write(samples, energy, drawn);
        quality =
            QualityFile.measure(
                drawn.flattened(),
                energy.sampleSize(),
                QualityCache.root(o),
                o.integer("seed"),
                System.err);
        QualityFile.write(samples, quality);
      }
      measured.add(quality);
      figures.add(out.relativize(samples.resolve("samples.png")).toString());
      log.printf(
          Locale.ROOT,
          "step %d: Fréchet distance %.3f (held-out real %.3f, noise %.3f)%n",
          steps,
          quality.samples(),
          quality.floor(),
          quality.ceiling());
    }
    double[] steps = Arrays.stream(checkpoints).asDoubleStream().toArray();
    double[] distance = measured.stream().mapToDouble(SampleQuality::samples).toArray();
    double[] floor = measured.stream().mapToDouble(SampleQuality::floor).toArray();
    double[] ceiling = measured.stream().mapToDouble(SampleQuality::ceiling).toArray();
    new LinePlot()
        .panel("Fréchet distance in classifier features")
        .series("samples", steps, distance)
        .series("held-out real images", steps, floor)
        .series("uniform noise", steps, ceiling)
        .write(out.resolve("quality.png"));
    figures.add(0, "quality.png");
    int last = measured.size() - 1;
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("steps", checkpoints);
    results.put("frechet_distance", distance);
    results.put("frechet_distance_held_out_real", floor);
    results.put("frechet_distance_noise", ceiling);
    results.put("classifier", measured.get(last).classifier());
    results.put("classifier_test_accuracy", measured.get(last).classifierAccuracy());
    return new Report(
        List.of(
            new Report.Finding(
                "samples' Fréchet distance below uniform noise's",
                "samples resemble the data (Fig. 5)",
                String.format(
                    Locale.ROOT,
                    "%.3f against %.3f for noise and %.3f for held-out real images, after %d steps",
                    distance[last],
                    ceiling[last],
                    floor[last],
                    checkpoints[last]),
                distance[last] < ceiling[last]),
            new Report.Finding(
                "the distance falls over training",
                "",
                String.format(
                    Locale.ROOT,
                    "%.3f after %d steps, %.3f after %d",
                    distance[0],
                    checkpoints[0],
                    distance[last],
                    checkpoints[last]),
                distance[last] < distance[0])),
        results,
        figures);
  }
}
