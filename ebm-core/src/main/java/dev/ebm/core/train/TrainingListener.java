package dev.ebm.core.train;

import java.io.IOException;

/**
 * Observes a training run: progress display, metrics files, TensorBoard, divergence checks and
 * checkpoints are listeners, not code inside the training loop.
 */
public interface TrainingListener {

  /** Called once before the first step. */
  default void onStart(TrainingRun run) throws IOException {}

  /** Called after every step. */
  default void onStep(TrainingRun run, StepResult result) throws IOException {}

  /** Whether this listener wants the model samples of {@code step} (fetched only if some does). */
  default boolean wantsSamples(TrainingRun run, long step) {
    return false;
  }

  /** The samples of a step that some listener asked for, row-major {@code [B] + sampleShape}. */
  default void onSamples(TrainingRun run, long step, double[] samples, long[] shape)
      throws IOException {}

  /** Called once after the last step (also after a failure, with the last result seen). */
  default void onEnd(TrainingRun run, StepResult last) throws IOException {}
}
