package dev.ebm.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.checkpoint.CheckpointStore;
import dev.ebm.core.config.Options;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.ParameterSnapshot;
import dev.ebm.core.method.TrainingMethodProvider;
import dev.ebm.core.testing.TestDenoisingMethod;
import dev.ebm.core.testing.TrainingFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.types.TFloat64;

class TrainerTest {

  @TempDir Path dir;

  private static void assertSameParameters(ParameterSnapshot expected, ParameterSnapshot actual) {
    assertEquals(expected.values().keySet(), actual.values().keySet());
    for (String name : expected.values().keySet()) {
      assertArrayEquals(expected.values().get(name), actual.values().get(name), 0.0, name);
    }
  }

  @Test
  void lossFallsWhileTraining() throws IOException {
    try (ModelGraph<TFloat64> graph = ModelGraph.create(TFloat64.class, 7)) {
      TrainingProgram<TFloat64> program = TrainingFixture.program(graph, 0.05);
      List<Double> losses = new java.util.ArrayList<>();
      TrainingListener record =
          new TrainingListener() {
            @Override
            public void onStep(TrainingRun run, StepResult result) {
              losses.add(result.loss());
            }
          };
      TrainingSummary summary =
          TrainingFixture.trainer(program, Optional.empty(), 300, 0, List.of(record)).train();
      assertEquals(300, summary.lastStep());
      // The denoising loss carries an irreducible noise term d/(2σ²) ≈ 11 that hides its fall in
      // batch noise; what must happen is that the mean parameter travels from (0, 0) to the data
      // mean (1, −1).
      assertEquals(300, losses.size());
      double[] mean =
          ParameterSnapshot.read(graph, program.modelVariables().detachedRead(graph.ops()))
              .values()
              .get(dev.ebm.core.analytic.GaussianEnergy.MEAN);
      assertEquals(1.0, mean[0], 0.3);
      assertEquals(-1.0, mean[1], 0.3);
    }
  }

  @Test
  void tenStepsThenResumeThenTenStepsEqualsTwentySteps() throws IOException {
    ParameterSnapshot atOnce = TrainingFixture.train(dir.resolve("at-once"), 20, 5);
    TrainingFixture.train(dir.resolve("in-pieces"), 10, 5);
    ParameterSnapshot inPieces = TrainingFixture.train(dir.resolve("in-pieces"), 20, 5);
    assertSameParameters(atOnce, inPieces);
  }

  @Test
  void aKilledRunResumesFromItsLastCheckpoint() throws Exception {
    Path killed = dir.resolve("killed");
    long reached = TrainingFixture.trainAndKill(killed, 20, 150, 1, 1, 6);
    assertTrue(reached >= 6 && reached < 20, "killed at step " + reached);

    ParameterSnapshot resumed = TrainingFixture.train(killed, 20, 5);
    ParameterSnapshot uninterrupted = TrainingFixture.train(dir.resolve("uninterrupted"), 20, 5);
    assertSameParameters(uninterrupted, resumed);
  }

  @Test
  void divergenceNamesTheStepAndKeepsTheLastGoodCheckpoint() throws IOException {
    Path run = dir.resolve("diverging");
    try (ModelGraph<TFloat64> graph = ModelGraph.create(TFloat64.class, 7)) {
      TrainingProgram<TFloat64> program =
          TrainingProgram.build(
              graph,
              dev.ebm.core.analytic.GaussianEnergy.standard(2),
              new TestDenoisingMethod(0.3),
              ProgramConfig.of(OptimizerConfig.sgd(1e3)),
              dev.ebm.core.data.DataStatistics.of(TrainingFixture.data()),
              TrainingFixture.BATCH);
      Trainer<TFloat64> trainer =
          new Trainer<>(
              program,
              new dev.ebm.core.data.Batcher(TrainingFixture.data(), TrainingFixture.BATCH, 5, true),
              new TrainerConfig(200, 10, 1, 2, Optional.of(run), true),
              List.of());
      TrainingDivergedException e = assertThrows(TrainingDivergedException.class, trainer::train);
      assertTrue(
          e.getMessage().startsWith("training diverged at step " + e.step() + ": "),
          e.getMessage());
      assertTrue(e.getMessage().contains("the last finite loss was "), e.getMessage());
      CheckpointStore store = new CheckpointStore(run.resolve("checkpoints"), 2);
      CheckpointStore.Checkpoint last = store.latest().orElseThrow();
      assertEquals(e.step() - 1, last.step(), "the diverged step is not checkpointed");
      assertTrue(e.getMessage().contains("(step " + last.step() + ") is intact"), e.getMessage());
      assertEquals(2, store.complete().size(), "only the last two checkpoints are kept");
    }
  }

  @Test
  void writesMetricsProvenanceAndTensorBoardEvents() throws IOException {
    Path run = dir.resolve("logged");
    try (ModelGraph<TFloat64> graph = ModelGraph.create(TFloat64.class, 7)) {
      TrainingProgram<TFloat64> program = TrainingFixture.program(graph, 0.05);
      TrainingFixture.trainer(
              program,
              Optional.of(run),
              20,
              0,
              List.of(new MetricsFile(), TensorBoardLogger.scalars()))
          .train();
    }
    List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
    assertEquals(4, lines.size(), "a line every 5 steps");
    assertTrue(lines.get(0).startsWith("{\"step\":5,"), lines.get(0));
    assertTrue(lines.get(0).contains("\"score_norm\":"), lines.get(0));
    assertTrue(
        Files.readString(run.resolve("provenance.json"))
            .contains("\"method\": \"test-denoising\""));
    List<TensorBoardEvents.Scalar> scalars =
        TensorBoardEvents.readScalars(run.resolve("tensorboard"));
    assertEquals(
        List.of(5L, 10L, 15L, 20L),
        scalars.stream()
            .filter(s -> s.tag().equals("loss"))
            .map(TensorBoardEvents.Scalar::step)
            .toList());
    assertTrue(scalars.stream().anyMatch(s -> s.tag().equals("score_norm")));
  }

  @Test
  void findsAMethodDefinedOnlyInTestCodeByName() {
    TrainingMethodProvider provider = TrainingMethodProvider.byName("test-denoising");
    assertEquals(
        "test-denoising", provider.create(Options.parse("test-denoising", "sigma=0.5")).name());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TrainingMethodProvider.byName("nope"));
    assertTrue(
        e.getMessage().startsWith("unknown training method 'nope'; available: "), e.getMessage());
    assertTrue(e.getMessage().contains("test-denoising"), e.getMessage());
  }
}
