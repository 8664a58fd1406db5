package dev.ebm.experiments.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ebm.api.TrainedEnergy;
import dev.ebm.api.Training;
import dev.ebm.api.TrainingData;
import dev.ebm.core.run.RunSettings;
import dev.ebm.methods.DenoisingScoreMatching;
import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training that sets no learning rate takes its method's own ({@code dsm}: 3e-3, others 1e-3); a
 * rate given wins; a run recorded at another rate resumes at it rather than being refused as a
 * different run.
 */
class MethodLearningRateTest {

  @TempDir Path dir;

  private static Training.Builder small(String method, Path run) {
    return Training.on(TrainingData.toy("moons"))
        .model("mlp:hidden=8")
        .method(method)
        .steps(2)
        .batch(16)
        .runDirectory(run);
  }

  private static double trainedRate(Training.Builder training, Path run) throws IOException {
    try (TrainedEnergy energy = training.build().run()) {
      assertEquals(2, energy.provenance().step().getAsLong());
      return RunSettings.load(run).learningRate();
    }
  }

  @Test
  void anUnsetRateIsTheMethodsOwnAndAGivenOneWins() throws IOException {
    assertEquals(OptionalDouble.empty(), small("dsm", dir).build().learningRate());
    assertEquals(
        DenoisingScoreMatching.LEARNING_RATE,
        trainedRate(small("dsm", dir.resolve("dsm")), dir.resolve("dsm")));
    assertEquals(
        Training.DEFAULT_LEARNING_RATE,
        trainedRate(small("ssm", dir.resolve("ssm")), dir.resolve("ssm")));
    assertEquals(
        0.01,
        trainedRate(small("dsm", dir.resolve("given")).learningRate(0.01), dir.resolve("given")));
  }

  @Test
  void aRunRecordedAtAnotherRateResumesAtIt() throws IOException {
    Path run = dir.resolve("old");
    assertEquals(0.001, trainedRate(small("dsm", run).learningRate(0.001), run));
    try (TrainedEnergy resumed = small("dsm", run).steps(4).build().run()) {
      assertEquals(4, resumed.provenance().step().getAsLong());
    }
    assertEquals(0.001, RunSettings.load(run).learningRate());
  }
}
