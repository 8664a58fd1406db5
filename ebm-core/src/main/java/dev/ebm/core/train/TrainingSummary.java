package dev.ebm.core.train;

/**
 * The outcome of {@link Trainer#train()}.
 *
 * @param firstStep the step the run started (or resumed) from
 * @param lastStep the step it ended at
 * @param lastLoss the loss of the last step (NaN if no step ran)
 * @param seconds wall time of the steps run
 */
public record TrainingSummary(long firstStep, long lastStep, double lastLoss, double seconds) {

  /** Steps per second over this run. */
  public double stepsPerSecond() {
    return seconds > 0 ? (lastStep - firstStep) / seconds : 0;
  }
}
