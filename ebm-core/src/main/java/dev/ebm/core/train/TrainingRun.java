package dev.ebm.core.train;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What listeners know about the run they observe.
 *
 * @param description the training step, in one line
 * @param firstStep the step the run (re)starts from
 * @param totalSteps the step it ends at
 * @param logEvery the log interval
 * @param runDirectory where files go, if anywhere
 * @param provenance what is trained how, for files that record it
 */
public record TrainingRun(
    String description,
    long firstStep,
    long totalSteps,
    int logEvery,
    Optional<Path> runDirectory,
    Map<String, String> provenance) {

  /** Whether listeners should log at {@code step}: every {@code logEvery} steps and the last. */
  public boolean isLogStep(long step) {
    return step % logEvery == 0 || step == totalSteps;
  }
}
