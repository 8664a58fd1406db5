package dev.ebm.core.train;

import dev.ebm.core.checkpoint.CheckpointStore;
import java.io.IOException;
import java.util.Optional;

/**
 * Stops training at the first step whose loss or updated parameters are not finite, naming the
 * step, the last finite loss and the last good checkpoint (which it leaves intact: the trainer runs
 * this guard before anything that writes).
 */
final class DivergenceGuard implements TrainingListener {

  private final Optional<CheckpointStore> checkpoints;
  private double lastFiniteLoss = Double.NaN;
  private long lastFiniteStep = -1;

  DivergenceGuard(
      Optional<CheckpointStore> checkpoints, double lastFiniteLoss, long lastFiniteStep) {
    this.checkpoints = checkpoints;
    this.lastFiniteLoss = lastFiniteLoss;
    this.lastFiniteStep = lastFiniteStep;
  }

  double lastFiniteLoss() {
    return lastFiniteLoss;
  }

  @Override
  public void onStep(TrainingRun run, StepResult result) throws IOException {
    boolean lossFinite = Double.isFinite(result.loss());
    if (lossFinite && result.parametersFinite()) {
      lastFiniteLoss = result.loss();
      lastFiniteStep = result.step();
      return;
    }
    String what =
        !lossFinite
            ? "the loss is " + result.loss()
            : "a parameter became non-finite after the update";
    String last =
        lastFiniteStep < 0
            ? "no finite loss was seen"
            : "the last finite loss was " + lastFiniteLoss + " at step " + lastFiniteStep;
    String checkpoint = "no checkpoint was written";
    if (checkpoints.isPresent()) {
      Optional<CheckpointStore.Checkpoint> latest = checkpoints.get().latest();
      if (latest.isPresent()) {
        checkpoint =
            "the last good checkpoint (step "
                + latest.get().step()
                + ") is intact at "
                + latest.get().directory();
      }
    }
    throw new TrainingDivergedException(
        "training diverged at step "
            + result.step()
            + ": "
            + what
            + "; "
            + last
            + "; "
            + checkpoint
            + ". Lower the learning rate, clip the gradient norm, or regularise the energy.",
        result.step());
  }
}
