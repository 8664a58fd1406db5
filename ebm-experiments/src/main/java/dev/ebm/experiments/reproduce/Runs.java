package dev.ebm.experiments.reproduce;

import dev.ebm.api.Evaluation;
import dev.ebm.api.Samples;
import dev.ebm.api.Sampling;
import dev.ebm.api.TrainedEnergy;
import dev.ebm.api.Training;
import dev.ebm.api.TrainingData;
import dev.ebm.core.config.OptionSpec;
import dev.ebm.core.config.Options;
import dev.ebm.core.graph.Device;
import dev.ebm.core.sampling.LangevinSampler;
import dev.ebm.core.sampling.LangevinStep;
import dev.ebm.core.train.TrainingDivergedException;
import dev.ebm.experiments.output.EvaluationFiles;
import dev.ebm.experiments.output.RunListeners;
import dev.ebm.experiments.output.SampleFiles;
import dev.ebm.experiments.process.StopSignals;
import dev.ebm.experiments.quality.ImageSide;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How the reproductions train, sample and evaluate through the library's API, keeping in each run
 * directory what {@code ebm train}, {@code ebm sample} and {@code ebm eval} keep there: progress on
 * the terminal, {@code metrics.jsonl}, TensorBoard events, the samples' files and {@code eval.json}
 * with its density figure.
 */
final class Runs {

  private Runs() {}

  /**
   * A training of {@code method} on {@code data} into the run directory {@code run}, on the data's
   * own coordinates as the papers train (no standardisation), at the learning rate every
   * reproduction was measured at ({@value Training#DEFAULT_LEARNING_RATE}, whatever the method's
   * own default) unless it sets another. The batch is the method's own unless set ({@value
   * Training#DEFAULT_BATCH}; {@code ncsn}'s 512 goes with its fitted smallest noise level).
   */
  static Training.Builder training(String data, String method, Path run) {
    return withDefaults(data, method, run)
        .standardize(false)
        .learningRate(Training.DEFAULT_LEARNING_RATE);
  }

  /**
   * A training of {@code method} on {@code data} into the run directory {@code run} with every
   * other setting at the library's default, as a user's first run would be.
   */
  static Training.Builder withDefaults(String data, String method, Path run) {
    return Training.on(TrainingData.parse(data))
        .method(method)
        .runDirectory(run)
        .stopWhen(StopSignals.request());
  }

  /**
   * Trains (resuming the run directory's run, if it holds this one) with the standard listeners: a
   * progress bar, the metrics file, and TensorBoard scalars (with sample images for images).
   */
  static TrainedEnergy train(Training.Builder builder) throws IOException {
    Training training = builder.build();
    int imageEvery = training.data().isImages() ? training.logEvery() : 0;
    return training.toBuilder()
        .listeners(RunListeners.standard(System.err, imageEvery))
        .build()
        .run();
  }

  /**
   * Trains as {@link #train} does; empty if the run diverged: its divergence guard stopped it, or
   * the last mean energies of data or samples that it logged lie beyond {@code energyBound} in
   * magnitude ({@link RunMetrics#energiesDiverged}).
   */
  static Optional<TrainedEnergy> trainUnlessDiverged(Training.Builder builder, double energyBound)
      throws IOException {
    Path run =
        builder
            .build()
            .runDirectory()
            .orElseThrow(() -> new IllegalArgumentException("a run directory is needed"));
    TrainedEnergy trained;
    try {
      trained = train(builder);
    } catch (TrainingDivergedException e) {
      System.err.println("training diverged: " + e.getMessage());
      return Optional.empty();
    }
    if (RunMetrics.energiesDiverged(run, energyBound)) {
      trained.close();
      return Optional.empty();
    }
    return Optional.of(trained);
  }

  /** The image reproductions' {@code device} setting: where their trainings run. */
  static final OptionSpec DEVICE =
      OptionSpec.text(
          "device",
          "cpu",
          "where the trainings run: cpu, or gpu:N on a machine with an NVIDIA GPU and the -Pgpu"
              + " build");

  /** The {@code step} setting: the drift λ of Du &amp; Mordatch's update, 10 in their code. */
  static final OptionSpec DRIFT =
      OptionSpec.number("step", 10, "Langevin drift λ of x ← x − λ∇E + σz");

  /** The {@code noise} setting: the noise σ of Du &amp; Mordatch's update, 0.005 in their code. */
  static final OptionSpec NOISE =
      OptionSpec.number("noise", 0.005, "Langevin noise σ of x ← x − λ∇E + σz");

  /** The update {@code x ← x − λ∇E + σz} of the {@link #DRIFT step} and {@link #NOISE noise}. */
  static LangevinStep chainStep(Options settings) {
    return LangevinStep.fromDriftAndNoise(
        settings.number(DRIFT.key()), settings.number(NOISE.key()));
  }

  /**
   * {@code method} (e.g. {@code ml:chains=replay}) with Du &amp; Mordatch's image chains: {@code
   * steps} steps of {@code step}'s update, states clamped to the pixels' [0, 1] after each.
   */
  static String withClampedChains(String method, int steps, LangevinStep step) {
    return String.format(
        Locale.ROOT,
        "%s%ssteps=%d,epsilon=%s,tau=%s,clamp_low=0,clamp_high=1",
        method,
        method.contains(":") ? "," : ":",
        steps,
        step.epsilon(),
        step.tau());
  }

  /**
   * {@code chains} images drawn with Du &amp; Mordatch's sampler: {@code steps} steps of {@code
   * step}'s update from uniform noise on [0, 1], clamped to it; row-major.
   */
  static double[] sampleFromNoise(
      TrainedEnergy energy, int steps, LangevinStep step, int chains, long seed) {
    return energy
        .sample(
            Sampling.with(LangevinSampler.of(steps, step).withClamp(0, 1))
                .chains(chains)
                .startUniform(0, 1)
                .seed(seed)
                .withoutDiagnostics())
        .flattened();
  }

  /** The image reproductions' {@code side} setting: the Fashion-MNIST images' side in pixels. */
  static final OptionSpec SIDE =
      OptionSpec.integer(
          "side",
          28,
          "the images' side in pixels: 28, or 14 (2x2 average-pooled, a quarter the cost)");

  /** The {@link #SIDE side} of the settings. */
  static ImageSide side(Options settings) {
    return new ImageSide(settings.integer(SIDE.key()));
  }

  /**
   * The settings the image reproductions share: {@code model}, {@code steps}, and the {@code
   * batch}, {@code ema}, {@code seed} and {@link #DEVICE device} of their settings, with a log line
   * every tenth of the run.
   */
  static Training.Builder imageTraining(
      Training.Builder builder, String model, long steps, Options settings) {
    return builder
        .model(model)
        .steps(steps)
        .batch(settings.integer("batch"))
        .ema(settings.number("ema"))
        .seed(settings.integer("seed"))
        .device(Device.parse(settings.string("device")))
        .logEvery((int) Math.max(1, steps / 10));
  }

  /**
   * Draws {@code chains} samples with the energy's default sampler and seed {@code seed}, and
   * writes them into {@code run}'s {@code samples/} as {@code ebm sample} does.
   */
  static Samples sample(TrainedEnergy energy, Path run, int chains, long seed) throws IOException {
    Samples samples = energy.sample(Sampling.defaults().chains(chains).seed(seed));
    SampleFiles.write(run.resolve("samples"), energy, samples);
    return samples;
  }

  /** Evaluates the run as {@code ebm eval} does, writing its {@code eval.json} and figure. */
  static Map<String, Object> evaluate(TrainedEnergy energy, Path run, Evaluation evaluation)
      throws IOException {
    return EvaluationFiles.write(run, energy, evaluation, Optional.empty(), OptionalDouble.empty());
  }

  /** The evaluation without MMD samples: grid {@code log Z}, KL, TV, NCE's {@code |c − log Z|}. */
  static Evaluation withoutMmd() {
    return Evaluation.standard().withoutMmd();
  }

  /** A number {@code eval.json} holds. */
  static double number(Map<String, Object> evaluation, String key) {
    if (!(evaluation.get(key) instanceof Number n)) {
      throw new IllegalStateException("the evaluation has no number '" + key + "': " + evaluation);
    }
    return n.doubleValue();
  }
}
