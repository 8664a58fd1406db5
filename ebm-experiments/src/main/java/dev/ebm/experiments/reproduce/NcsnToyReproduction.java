package dev.ebm.experiments.reproduce;

import dev.ebm.core.analytic.GaussianMixture;
import dev.ebm.core.data.Batcher;
import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.data.Dataset;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.Parameters;
import dev.ebm.core.model.NoiseConditionalEnergyModel;
import dev.ebm.core.random.RandomStream;
import dev.ebm.core.sampling.AnnealedLangevinSampler;
import dev.ebm.core.sampling.ChainInit;
import dev.ebm.core.sampling.LangevinSampler;
import dev.ebm.core.sampling.LangevinStep;
import dev.ebm.core.sampling.NoiseSchedule;
import dev.ebm.core.train.OptimizerConfig;
import dev.ebm.core.train.ProgramConfig;
import dev.ebm.core.train.Trainer;
import dev.ebm.core.train.TrainerConfig;
import dev.ebm.core.train.TrainingProgram;
import dev.ebm.experiments.output.RunListeners;
import dev.ebm.experiments.plot.ScatterPlot;
import dev.ebm.methods.NoiseConditionalScoreMatching;
import dev.ebm.models.MlpEnergy;
import dev.ebm.models.NoiseConditionalEnergy;
import dev.ebm.models.layers.Activation;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Song &amp; Ermon 2019 ("Generative modeling by estimating gradients of the data distribution"),
 * Section 3 and Fig. 3, on the mixture {@code 0.8·N((5,5), I) + 0.2·N((−5,−5), I)}: Langevin
 * dynamics started uniformly on {@code [−8, 8]²} cannot recover the mixture weights (the score
 * carries no information about them between the modes), annealed Langevin over {@code σ = 20 → 1}
 * can. We show it twice: with the exact scores (the paper's figure) and with a noise-conditional
 * MLP trained by NCSN on samples of the mixture. Writes {@code results.json}, the figure {@code
 * fig3.png}, the samples as CSV and the training run's metrics and TensorBoard logs.
 */
public final class NcsnToyReproduction {

  /** The experiment's settings; the defaults run in about a minute on two cores. */
  public record Settings(
      int trainingSamples,
      long steps,
      int batch,
      double learningRate,
      int[] hidden,
      int chains,
      long seed) {

    /** Small defaults: 10 000 samples, 3 000 steps of batch 128, 1 280 chains. */
    public static Settings defaults() {
      return new Settings(10_000, 3_000, 128, 1e-3, new int[] {128, 128}, 1280, 2019);
    }
  }

  /** The share of chains in the heavy mode for each sampler. */
  public record Result(Map<String, Double> heavyModeFraction, Path directory) {}

  /** The paper's mixture, 0.8·N((5,5), I) + 0.2·N((−5,−5), I). */
  static final GaussianMixture MIXTURE =
      GaussianMixture.isotropic(new double[] {0.8, 0.2}, new double[][] {{5, 5}, {-5, -5}}, 1.0);

  private static final NoiseSchedule SCHEDULE = NoiseSchedule.geometric(20, 1, 10);
  private static final double EPSILON = 0.1;

  private NcsnToyReproduction() {}

  /** Runs the experiment into {@code directory}, reporting progress on {@code out}. */
  public static Result run(Settings settings, Path directory, PrintStream out) throws IOException {
    Files.createDirectories(directory);
    double[] data =
        MIXTURE.sample(settings.trainingSamples(), new SplittableRandom(settings.seed()));
    NoiseConditionalEnergyModel model =
        new NoiseConditionalEnergy(
            new MlpEnergy(Shape.of(3), settings.hidden(), Activation.SOFTPLUS, false),
            SCHEDULE.smallest(),
            NoiseConditionalEnergy.Conditioning.INPUT,
            Shape.of(2));
    Map<String, double[]> samples = new LinkedHashMap<>();
    samples.put("data", java.util.Arrays.copyOf(data, 2 * settings.chains()));
    try (ModelGraph<TFloat32> graph = ModelGraph.create(TFloat32.class, settings.seed())) {
      out.println(
          "NCSN toy (Song & Ermon 2019, Fig. 3): training "
              + model.name()
              + " by ncsn on "
              + settings.trainingSamples()
              + " samples, sigma "
              + SCHEDULE);
      Dataset dataset = Dataset.of(data, Shape.of(2));
      TrainingProgram<TFloat32> program =
          TrainingProgram.build(
              graph,
              model,
              NoiseConditionalScoreMatching.withPaperSampling(SCHEDULE),
              ProgramConfig.of(OptimizerConfig.adam(settings.learningRate())).withEma(0.999),
              DataStatistics.of(dataset),
              settings.batch());
      new Trainer<>(
              program,
              new Batcher(dataset, settings.batch(), settings.seed(), true),
              new TrainerConfig(
                  settings.steps(), 100, 0, 1, Optional.of(directory.resolve("train")), false),
              RunListeners.standard(out, 0))
          .train();
      Ops tf = graph.ops();
      RandomStream stream = RandomStream.of(tf, graph.seed("fig3"), tf.constant(0L));
      Operand<TFloat32> starts =
          ChainInit.uniform(-8, 8)
              .sample(
                  tf,
                  stream.child(tf, "init"),
                  tf.constant(new long[] {settings.chains(), 2}),
                  TFloat32.class);
      Parameters<TFloat32> learned = program.finalParameters();
      Parameters<TFloat32> none = Parameters.of(Map.of());
      AnnealedLangevinSampler annealed =
          new AnnealedLangevinSampler(
              SCHEDULE,
              100,
              EPSILON,
              AnnealedLangevinSampler.Convention.NCSN_TOY,
              false,
              Optional.empty());
      LangevinSampler plain = LangevinSampler.of(1000, LangevinStep.fromNcsnToy(EPSILON));
      Map<String, Operand<TFloat32>> chains = new LinkedHashMap<>();
      chains.put(
          "exact_annealed", annealed.sample(tf, MIXTURE, none, starts, stream.child(tf, "a")));
      chains.put("exact_langevin", plain.sample(tf, MIXTURE, none, starts, stream.child(tf, "b")));
      chains.put(
          "learned_annealed", annealed.sample(tf, model, learned, starts, stream.child(tf, "c")));
      chains.put(
          "learned_langevin", plain.sample(tf, model, learned, starts, stream.child(tf, "d")));
      out.println(
          "sampling: annealed Langevin "
              + annealed.describe()
              + "; plain Langevin "
              + plain.describe());
      for (Map.Entry<String, Operand<TFloat32>> chain : chains.entrySet()) {
        samples.put(chain.getKey(), graph.evaluate(chain.getValue()));
      }
    }
    Map<String, Double> fractions = new LinkedHashMap<>();
    samples.forEach((name, points) -> fractions.put(name, heavyModeFraction(points)));
    write(directory, settings, samples, fractions);
    out.println();
    out.println(
        "share of samples in the heavy mode (the truth is 0.80; the paper: annealed ~0.8, Langevin ~0.5)");
    fractions.forEach((name, f) -> out.printf("  %-18s %.3f%n", name, f));
    out.println("figure: " + directory.resolve("fig3.png"));
    return new Result(fractions, directory);
  }

  /** The share of points nearer (5, 5) than (−5, −5). */
  static double heavyModeFraction(double[] points) {
    int heavy = 0;
    for (int i = 0; i + 1 < points.length; i += 2) {
      heavy += points[i] + points[i + 1] > 0 ? 1 : 0;
    }
    return heavy / (points.length / 2.0);
  }

  private static void write(
      Path directory,
      Settings settings,
      Map<String, double[]> samples,
      Map<String, Double> fractions)
      throws IOException {
    ScatterPlot plot = new ScatterPlot(9);
    for (Map.Entry<String, double[]> s : samples.entrySet()) {
      plot.panel(
          String.format("%s (heavy %.2f)", s.getKey().replace('_', ' '), fractions.get(s.getKey())),
          s.getValue());
      StringBuilder csv = new StringBuilder("x,y\n");
      double[] p = s.getValue();
      for (int i = 0; i + 1 < p.length; i += 2) {
        csv.append(p[i]).append(',').append(p[i + 1]).append('\n');
      }
      Files.writeString(directory.resolve("samples_" + s.getKey() + ".csv"), csv);
    }
    plot.write(directory.resolve("fig3.png"));
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("experiment", "ncsn-toy (Song & Ermon 2019, Fig. 3)");
    results.put("mixture", "0.8 N((5,5), I) + 0.2 N((-5,-5), I)");
    results.put("sigmas", SCHEDULE.toString());
    results.put("steps", settings.steps());
    results.put("batch", settings.batch());
    results.put("chains", settings.chains());
    results.put("heavy_mode_fraction", fractions);
    Files.writeString(
        directory.resolve("results.json"),
        new com.google.gson.GsonBuilder().setPrettyPrinting().create().toJson(results));
  }
}
