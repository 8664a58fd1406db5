package dev.ebm.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.checkpoint.CheckpointStore;
import dev.ebm.core.data.Batcher;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.ParameterSnapshot;
import dev.ebm.core.testing.TrainingFixture;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.types.TFloat64;

/**
 * Several training steps per session call ({@link TrainingProgram#stepsPerRun()} = K > 1) compute
 * bit for bit what one step per call computes: the same parameters, moving averages and logged
 * values, checkpoints at the same steps, the same divergence step, and exact resumption, also after
 * a killed process.
 */
class StepsPerRunTest {

  @TempDir Path dir;

  /** What a run of {@code steps} steps leaves: live parameters, averages and every step's loss. */
  private record Outcome(ParameterSnapshot live, ParameterSnapshot averaged, List<Double> losses) {}

  private static Outcome train(Optional<Path> run, long steps, int checkpointEvery, int k)
      throws IOException {
    try (ModelGraph<TFloat64> graph = ModelGraph.create(TFloat64.class, 7)) {
      TrainingProgram<TFloat64> program = TrainingFixture.program(graph, 0.05, k);
      List<Double> losses = new ArrayList<>();
      TrainingListener record =
          new TrainingListener() {
            @Override
            public void onStep(TrainingRun r, StepResult result) {
              losses.add(result.loss());
            }
          };
      TrainingFixture.trainer(program, run, steps, checkpointEvery, List.of(record)).train();
      return new Outcome(
          ParameterSnapshot.read(graph, program.modelVariables().detachedRead(graph.ops())),
          ParameterSnapshot.read(graph, program.finalParameters()),
          losses);
    }
  }

  private static void assertSame(ParameterSnapshot expected, ParameterSnapshot actual) {
    assertEquals(expected.values().keySet(), actual.values().keySet());
    for (String name : expected.values().keySet()) {
      assertArrayEquals(expected.values().get(name), actual.values().get(name), 0.0, name);
    }
  }

  @Test
  void severalStepsPerCallComputeExactlyWhatOneStepPerCallComputes() throws IOException {
    Outcome one = train(Optional.of(dir.resolve("one")), 23, 10, 1);
    // Runs of 4, 4, 2 (checkpoint at 10), 4, 4, 2 (checkpoint at 20), 3.
    Outcome four = train(Optional.of(dir.resolve("four")), 23, 10, 4);
    assertSame(one.live(), four.live());
    assertSame(one.averaged(), four.averaged());
    assertEquals(one.losses(), four.losses());
    // Without a run directory nothing bounds the runs: 5 × 5 steps, the last one partial.
    Outcome five = train(Optional.empty(), 23, 10, 5);
    assertSame(one.live(), five.live());
  }

  @Test
  void checkpointsHoldTheStepTheyName() throws IOException {
    Path run = dir.resolve("run");
    train(Optional.of(run), 20, 6, 4);
    CheckpointStore store = new CheckpointStore(run.resolve("checkpoints"), 3);
    assertEquals(
        List.of(12L, 18L, 20L),
        store.complete().stream().map(CheckpointStore.Checkpoint::step).sorted().toList());
    // Resuming from step 20's checkpoint with one step per call continues the same sequence.
    Outcome resumed = train(Optional.of(run), 26, 6, 1);
    Outcome atOnce = train(Optional.of(dir.resolve("at-once")), 26, 6, 1);
    assertSame(atOnce.live(), resumed.live());
  }

  @Test
  void aRunResumedWithAnotherStepsPerCallEndsWhereAnUninterruptedRunEnds() throws IOException {
    Outcome atOnce = train(Optional.of(dir.resolve("at-once")), 20, 5, 1);
    train(Optional.of(dir.resolve("pieces")), 10, 5, 4);
    Outcome pieces = train(Optional.of(dir.resolve("pieces")), 20, 5, 3);
    assertSame(atOnce.live(), pieces.live());
    assertSame(atOnce.averaged(), pieces.averaged());
  }

  @Test
  void aKilledRunOfSeveralStepsPerCallResumesFromItsLastCheckpoint() throws Exception {
    Path killed = dir.resolve("killed");
    long reached = TrainingFixture.trainAndKill(killed, 20, 100, 4, 2, 6);
    assertTrue(reached >= 6 && reached < 20, "killed at step " + reached);

    Outcome resumed = train(Optional.of(killed), 20, 2, 4);
    Outcome uninterrupted = train(Optional.of(dir.resolve("uninterrupted")), 20, 2, 1);
    assertSame(uninterrupted.live(), resumed.live());
  }

  @Test
  void divergenceInsideARunNamesTheSameStepAndCheckpoint() throws IOException {
    long[] one = diverge(dir.resolve("one"), 1);
    long[] eight = diverge(dir.resolve("eight"), 8);
    assertArrayEquals(one, eight, "diverged step and last checkpoint");
    // Runs of steps 1–3 and 4–6: step 4 diverges with steps 5 and 6 after it in the same call.
    assertEquals(4, eight[0], "diverged step");
    assertEquals(3, eight[1], "last checkpoint");
  }

  /**
   * Trains with an exploding SGD step, checkpointing every 3 steps; returns the diverged step and
   * the last checkpoint's.
   */
  private static long[] diverge(Path run, int k) throws IOException {
    try (ModelGraph<TFloat64> graph = ModelGraph.create(TFloat64.class, 7)) {
      TrainingProgram<TFloat64> program =
          TrainingFixture.program(graph, ProgramConfig.of(OptimizerConfig.sgd(1e3)), k);
      Trainer<TFloat64> trainer =
          new Trainer<>(
              program,
              new Batcher(TrainingFixture.data(), TrainingFixture.BATCH, 5, true),
              new TrainerConfig(200, 10, 3, 2, Optional.of(run), true),
              List.of());
      TrainingDivergedException e = assertThrows(TrainingDivergedException.class, trainer::train);
      long checkpoint =
          new CheckpointStore(run.resolve("checkpoints"), 2)
              .latest()
              .map(CheckpointStore.Checkpoint::step)
              .orElse(-1L);
      return new long[] {e.step(), checkpoint};
    }
  }
}
