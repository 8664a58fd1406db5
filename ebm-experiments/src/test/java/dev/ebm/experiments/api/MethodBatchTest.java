package dev.ebm.experiments.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ebm.api.TrainedEnergy;
import dev.ebm.api.Training;
import dev.ebm.api.TrainingData;
import dev.ebm.core.run.RunSettings;
import dev.ebm.methods.NoiseConditionalScoreMatching;
import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training that sets no batch size takes its method's own ({@code ncsn}: 512, others 128); a size
 * given wins; a run recorded at another size resumes at it rather than being refused as a different
 * run.
 */
class MethodBatchTest {

  @TempDir Path dir;

  private static Training.Builder small(String method, Path run) {
    return Training.on(TrainingData.toy("moons"))
        .model("mlp:hidden=8")
        .method(method)
        .steps(1)
        .runDirectory(run);
  }

  private static int trainedBatch(Training.Builder training, Path run, long steps)
      throws IOException {
    try (TrainedEnergy energy = training.steps(steps).build().run()) {
      assertEquals(steps, energy.provenance().step().getAsLong());
      return RunSettings.load(run).batch();
    }
  }

  @Test
  void anUnsetBatchIsTheMethodsOwnAndAGivenOneWins() throws IOException {
    assertEquals(OptionalInt.empty(), small("ncsn", dir).build().batch());
    assertEquals(
        NoiseConditionalScoreMatching.BATCH,
        trainedBatch(small("ncsn", dir.resolve("ncsn")), dir.resolve("ncsn"), 1));
    assertEquals(
        Training.DEFAULT_BATCH,
        trainedBatch(small("dsm", dir.resolve("dsm")), dir.resolve("dsm"), 1));
    assertEquals(
        16, trainedBatch(small("ncsn", dir.resolve("given")).batch(16), dir.resolve("given"), 1));
  }

  @Test
  void aRunRecordedAtAnotherBatchResumesAtIt() throws IOException {
    Path run = dir.resolve("old");
    assertEquals(128, trainedBatch(small("ncsn", run).batch(128), run, 1));
    assertEquals(128, trainedBatch(small("ncsn", run), run, 2));
  }
}
