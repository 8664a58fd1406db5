package dev.ebm.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.analytic.GaussianEnergy;
import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.data.Dataset;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.ParameterSnapshot;
import dev.ebm.core.run.RunDirectory;
import dev.ebm.core.testing.CapturedWarnings;
import dev.ebm.core.testing.TestDenoisingMethod;
import dev.ebm.core.testing.TrainingFixture;
import dev.ebm.core.train.OptimizerConfig;
import dev.ebm.core.train.ProgramConfig;
import dev.ebm.core.train.TrainingProgram;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat64;

/**
 * Checkpoints damaged on disk after they were written: restoring names them as damaged, falls back
 * to the newest intact one with a warning naming the step, and training from there ends where an
 * uninterrupted run ends; an intact checkpoint of another configuration is still refused as such.
 */
class DamagedCheckpointTest {

  @TempDir Path dir;

  private interface Damage {
    void apply(Path file) throws IOException;
  }

  private static void truncate(Path file) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(f.length() / 2);
    }
  }

  private static void flipOneBit(Path file) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      long position = f.length() / 3;
      f.seek(position);
      int b = f.read();
      f.seek(position);
      f.write(b ^ 0x10);
    }
  }

  private static Path variablesData(Path checkpoint) throws IOException {
    try (Stream<Path> files = Files.list(checkpoint)) {
      return files
          .filter(p -> p.getFileName().toString().startsWith("variables.data-"))
          .findFirst()
          .orElseThrow();
    }
  }

  private static Path checkpoint(Path run, long step) {
    return RunDirectory.at(run).checkpoints().resolve(String.format("ckpt-%012d", step));
  }

  private void resumesFromThePreviousCheckpointAfter(Damage damage) throws IOException {
    ParameterSnapshot uninterrupted = TrainingFixture.train(dir.resolve("at-once"), 30, 10);
    Path run = dir.resolve("damaged");
    TrainingFixture.train(run, 20, 10);
    damage.apply(variablesData(checkpoint(run, 20)));

    ParameterSnapshot resumed;
    List<String> warnings;
    try (CapturedWarnings captured = CapturedWarnings.of(CheckpointStore.class)) {
      resumed = TrainingFixture.train(run, 30, 10);
      warnings = captured.messages();
    }
    assertEquals(1, warnings.size(), warnings.toString());
    String warning = warnings.get(0);
    assertTrue(warning.contains("ckpt-000000000020"), warning);
    assertTrue(warning.contains("does not match its checksum"), warning);
    assertTrue(warning.contains("restored step 10"), warning);
    for (String name : uninterrupted.values().keySet()) {
      assertArrayEquals(uninterrupted.values().get(name), resumed.values().get(name), 0.0, name);
    }
    CheckpointStore store = new CheckpointStore(RunDirectory.at(run).checkpoints(), 3);
    assertEquals(
        List.of(10L, 20L, 30L),
        store.complete().stream().map(CheckpointStore.Checkpoint::step).toList());
    for (CheckpointStore.Checkpoint c : store.complete()) {
      assertTrue(store.damage(c).isEmpty(), "step " + c.step() + " was rewritten intact");
    }
  }

  @Test
  void aTruncatedCheckpointIsPassedOverForThePreviousOne() throws IOException {
    resumesFromThePreviousCheckpointAfter(DamagedCheckpointTest::truncate);
  }

  @Test
  void aBitFlippedCheckpointIsPassedOverForThePreviousOne() throws IOException {
    resumesFromThePreviousCheckpointAfter(DamagedCheckpointTest::flipOneBit);
  }

  @Test
  void everyCheckpointDamagedIsAnErrorThatSaysSo() throws IOException {
    Path run = dir.resolve("all-damaged");
    TrainingFixture.train(run, 20, 10);
    truncate(variablesData(checkpoint(run, 10)));
    flipOneBit(checkpoint(run, 20).resolve("state.json"));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> TrainingFixture.train(run, 30, 10));
    assertTrue(e.getMessage().startsWith("every checkpoint in "), e.getMessage());
    assertTrue(e.getMessage().contains("ckpt-000000000010 (variables.data-"), e.getMessage());
    assertTrue(
        e.getMessage().contains("ckpt-000000000020 (state.json does not match"), e.getMessage());
  }

  @Test
  void anIntactCheckpointOfAnotherConfigurationIsRefusedAsSuch() throws IOException {
    // A 2-D model's checkpoint restored into a 3-D model's graph.
    Path run = dir.resolve("two-d");
    TrainingFixture.train(run, 10, 10);
    CheckpointStore store = new CheckpointStore(RunDirectory.at(run).checkpoints(), 3);
    try (ModelGraph<TFloat64> graph = ModelGraph.create(TFloat64.class, 7)) {
      TrainingProgram.build(
          graph,
          GaussianEnergy.standard(3),
          new TestDenoisingMethod(0.3),
          ProgramConfig.of(OptimizerConfig.adam(0.05)).withEma(0.9),
          DataStatistics.of(Dataset.of(new double[] {0, 1, 2, 3, 4, 5}, Shape.of(3))),
          TrainingFixture.BATCH);
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> store.restoreNewestIntact(graph));
      assertTrue(e.getMessage().contains("its variables do not match this graph"), e.getMessage());
      assertFalse(e.getMessage().contains("damaged"), e.getMessage());
    }
  }

  @Test
  void aCheckpointOfANewerFormatIsRefusedByVersion() throws IOException {
    Path run = dir.resolve("future");
    TrainingFixture.train(run, 10, 10);
    Path state = checkpoint(run, 10).resolve("state.json");
    Files.writeString(
        state,
        Files.readString(state, StandardCharsets.UTF_8)
            .replace("\"formatVersion\": " + RunDirectory.FORMAT_VERSION, "\"formatVersion\": 99"));
    CheckpointChecksums.write(checkpoint(run, 10));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> TrainingFixture.train(run, 20, 10));
    assertTrue(e.getMessage().contains("run format 99 by a newer ebm"), e.getMessage());
  }
}
