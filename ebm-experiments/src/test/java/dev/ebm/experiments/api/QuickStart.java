package dev.ebm.experiments.api;

import dev.ebm.api.Evaluation;
import dev.ebm.api.Measurements;
import dev.ebm.api.Samples;
import dev.ebm.api.Sampling;
import dev.ebm.api.TrainedEnergy;
import dev.ebm.api.Training;
import dev.ebm.api.TrainingData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The README's Java example, kept here so that a test runs exactly it: the README shows the lines
 * between the markers, and {@link ReadmeExampleTest} checks that it does.
 */
public final class QuickStart {

  private QuickStart() {}

  /** Trains, samples, scores, evaluates and exports into {@code out}; prints one line. */
  public static void run(Path out) throws IOException {
    // README:begin
    // out: a directory of yours, e.g. Path.of("runs")
    Training training =
        Training.on(TrainingData.toy("swissroll"))
            .model("mlp")
            .method("ssm-vr")
            .steps(3000)
            .build();
    try (TrainedEnergy energy = training.run()) {
      Samples samples = energy.sample(Sampling.defaults().chains(500));
      double[] logP = energy.logDensity(samples.points());
      Measurements measured = energy.evaluate(Evaluation.standard().withoutMmd());
      energy.export(out.resolve("swissroll-export"));
      System.out.printf(
          "%d samples, mean log p %.3f; KL(data || model) %.3f nats; exported step %d%n",
          samples.count(),
          Arrays.stream(logP).average().orElseThrow(),
          measured.kl().orElseThrow(),
          energy.provenance().step().orElseThrow());
    }
    // README:end
  }
}
