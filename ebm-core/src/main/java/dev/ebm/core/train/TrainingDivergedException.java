package dev.ebm.core.train;

/**
 * Thrown when a step produces a non-finite loss or parameter: training stops, and the last good
 * checkpoint is left as it was.
 */
public final class TrainingDivergedException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final long step;

  TrainingDivergedException(String message, long step) {
    super(message);
    this.step = step;
  }

  /** The step that diverged. */
  public long step() {
    return step;
  }
}
