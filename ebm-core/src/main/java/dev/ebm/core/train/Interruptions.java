package dev.ebm.core.train;

import dev.ebm.core.checkpoint.CheckpointStore;
import dev.ebm.core.data.Batcher;
import dev.ebm.core.distributed.ClusterFailureException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a run that ends early says and keeps: stopped on request, a checkpoint of the step it
 * finished and how to resume; unable to write its files, the last complete checkpoint and what to
 * do; failed on a cluster, a checkpoint of the last completed step where one can still be written,
 * else the last complete one.
 */
final class Interruptions {

  private static final System.Logger LOG = System.getLogger(Interruptions.class.getName());

  private Interruptions() {}

  /** Where a stopped run stands (after writing a checkpoint of its step), and how to go on. */
  static String whereStopped(TrainingRun run, long step, Optional<Checkpointing> checkpointing)
      throws IOException {
    if (checkpointing.isEmpty()) {
      return "at step " + step + " (training in memory: nothing was kept)";
    }
    Path checkpoint = checkpointing.get().saveAt(run, step).directory();
    return "at step "
        + step
        + "; its checkpoint is "
        + checkpoint
        + ": run the same command again to resume from it";
  }

  /** Where a run that could not write its files stands, and what to do. */
  static String resumeAdvice(Optional<CheckpointStore> store) throws IOException {
    if (store.isEmpty()) {
      return "nothing of this run was kept on disk";
    }
    Optional<CheckpointStore.Checkpoint> latest = store.get().latest();
    return latest.isEmpty()
        ? "no checkpoint was written yet: free space (or choose another run directory) and start"
            + " again"
        : "the last complete checkpoint is step "
            + latest.get().step()
            + " ("
            + latest.get().directory()
            + "): free space (or move the run), then run the same command again to resume from it";
  }

  /**
   * {@code failure} with what became of the checkpoints: when the run stopped between calls with
   * the variables at {@code completed} (the last step of the last completed call, the batcher's
   * position before the failed call being {@code position}, to which {@code batcher} is set back)
   * and still saveable, a checkpoint of that step is written; otherwise the message names the last
   * complete checkpoint.
   */
  static ClusterFailureException afterClusterFailure(
      ClusterFailureException failure,
      Batcher batcher,
      Optional<Checkpointing> checkpointing,
      TrainingRun run,
      Optional<Long> completed,
      Batcher.State position) {
    if (checkpointing.isEmpty()) {
      return failure;
    }
    CheckpointStore store = checkpointing.get().store();
    String couldNot = "";
    try {
      Optional<CheckpointStore.Checkpoint> latest = store.latest();
      if (failure.checkpointable()
          && completed.isPresent()
          && (latest.isEmpty() || latest.get().step() < completed.get())) {
        batcher.restore(position);
        try {
          CheckpointStore.Checkpoint saved = checkpointing.get().saveAt(run, completed.get());
          LOG.log(
              System.Logger.Level.DEBUG, "wrote {0} after the cluster failed", saved.directory());
          return failure.withCheckpointNote(
              "wrote a checkpoint of step "
                  + saved.step()
                  + ", the last completed one ("
                  + saved.directory()
                  + ")");
        } catch (IOException | RuntimeException e) {
          couldNot =
              "could not write a checkpoint of step "
                  + completed.get()
                  + " ("
                  + (e instanceof ClusterFailureException c ? c.problem() : e.getMessage())
                  + "); ";
          latest = store.latest();
        }
      }
      return failure.withCheckpointNote(
          couldNot
              + latest
                  .map(
                      c ->
                          "the last complete checkpoint is of step "
                              + c.step()
                              + " ("
                              + c.directory()
                              + ")")
                  .orElse("no checkpoint was written"));
    } catch (IOException e) {
      return failure.withCheckpointNote(
          "the checkpoints in " + store.directory() + " cannot be read: " + e.getMessage());
    }
  }
}
