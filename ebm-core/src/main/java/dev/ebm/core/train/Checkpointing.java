package dev.ebm.core.train;

import dev.ebm.core.checkpoint.CheckpointState;
import dev.ebm.core.checkpoint.CheckpointStore;
import dev.ebm.core.data.Batcher;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.run.RunDirectory;
import java.io.IOException;
import java.time.Instant;
import java.util.function.DoubleSupplier;

/** Writes a checkpoint every N steps and after the last step. */
final class Checkpointing implements TrainingListener {

  private final CheckpointStore store;
  private final ModelGraph<?> graph;
  private final Batcher batcher;
  private final int every;
  private final DoubleSupplier lastFiniteLoss;

  Checkpointing(
      CheckpointStore store,
      ModelGraph<?> graph,
      Batcher batcher,
      int every,
      DoubleSupplier lastFiniteLoss) {
    this.store = store;
    this.graph = graph;
    this.batcher = batcher;
    this.every = every;
    this.lastFiniteLoss = lastFiniteLoss;
  }

  /** Where the checkpoints go. */
  CheckpointStore store() {
    return store;
  }

  @Override
  public void onStep(TrainingRun run, StepResult result) throws IOException {
    boolean due = (every > 0 && result.step() % every == 0) || result.step() == run.totalSteps();
    if (due) {
      save(run, result.step());
    }
  }

  /**
   * Writes the checkpoint of {@code step}, which must be the step the graph's variables and the
   * batcher's position hold.
   */
  CheckpointStore.Checkpoint save(TrainingRun run, long step) throws IOException {
    Batcher.State position = batcher.state();
    return store.save(
        graph,
        new CheckpointState(
            RunDirectory.FORMAT_VERSION,
            step,
            position.epoch(),
            position.batch(),
            lastFiniteLoss.getAsDouble(),
            Instant.now().toString(),
            run.provenance()));
  }
}
