package dev.ebm.core.train;

import dev.ebm.core.checkpoint.CheckpointState;
import dev.ebm.core.checkpoint.CheckpointStore;
import dev.ebm.core.data.Batcher;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.run.RunDirectory;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/** Writes a checkpoint every N steps, after the last step, and when asked ({@link #saveAt}). */
final class Checkpointing implements TrainingListener {

  private final CheckpointStore store;
  private final ModelGraph<?> graph;
  private final Batcher batcher;
  private final int every;
  private final DoubleSupplier lastFiniteLoss;
  private Optional<CheckpointStore.Checkpoint> lastSaved = Optional.empty();

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
      saveAt(run, result.step());
    }
  }

  /**
   * The checkpoint of {@code step}, which must be the step the graph's variables and the batcher's
   * position hold: written now, unless it already was.
   */
  CheckpointStore.Checkpoint saveAt(TrainingRun run, long step) throws IOException {
    if (lastSaved.isEmpty() || lastSaved.get().step() != step) {
      Batcher.State position = batcher.state();
      lastSaved =
          Optional.of(
              store.save(
                  graph,
                  new CheckpointState(
                      RunDirectory.FORMAT_VERSION,
                      step,
                      position.epoch(),
                      position.batch(),
                      lastFiniteLoss.getAsDouble(),
                      Instant.now().toString(),
                      run.provenance())));
    }
    return lastSaved.get();
  }
}
