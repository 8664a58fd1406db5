package dev.ebm.core.train;

import dev.ebm.core.run.RunDirectory;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How long to train and what to keep.
 *
 * @param steps the total number of steps (a resumed run continues up to it)
 * @param logEvery how often listeners log (progress line, metrics file, TensorBoard)
 * @param checkpointEvery how often to checkpoint; 0 checkpoints only at the end
 * @param keepCheckpoints how many checkpoints to keep
 * @param runDirectory where checkpoints, metrics and event files go; none keeps nothing on disk
 * @param resume whether to continue from the newest checkpoint in the run directory
 */
public record TrainerConfig(
    long steps,
    int logEvery,
    int checkpointEvery,
    int keepCheckpoints,
    Optional<Path> runDirectory,
    boolean resume) {

  public TrainerConfig {
    if (steps < 1) {
      throw new IllegalArgumentException("train for at least one step, got " + steps);
    }
    if (logEvery < 1) {
      throw new IllegalArgumentException("log interval must be at least 1, got " + logEvery);
    }
    if (checkpointEvery < 0) {
      throw new IllegalArgumentException(
          "checkpoint interval must be >= 0, got " + checkpointEvery);
    }
    if (keepCheckpoints < 1) {
      throw new IllegalArgumentException("keep at least one checkpoint, got " + keepCheckpoints);
    }
    if (runDirectory == null) {
      throw new IllegalArgumentException("runDirectory must not be null; use Optional.empty()");
    }
  }

  /** {@code steps} steps in memory only, logging every 100. */
  public static TrainerConfig inMemory(long steps) {
    return new TrainerConfig(steps, 100, 0, 1, Optional.empty(), false);
  }

  /** {@code steps} steps written to {@code directory}, checkpointing every 1 000 and resuming. */
  public static TrainerConfig inDirectory(long steps, Path directory) {
    return new TrainerConfig(steps, 100, 1000, 3, Optional.of(directory), true);
  }

  /** This configuration with another log interval. */
  public TrainerConfig withLogEvery(int every) {
    return new TrainerConfig(steps, every, checkpointEvery, keepCheckpoints, runDirectory, resume);
  }

  /** This configuration with another checkpoint interval. */
  public TrainerConfig withCheckpointEvery(int every) {
    return new TrainerConfig(steps, logEvery, every, keepCheckpoints, runDirectory, resume);
  }

  /** This configuration with another total number of steps. */
  public TrainerConfig withSteps(long total) {
    return new TrainerConfig(
        total, logEvery, checkpointEvery, keepCheckpoints, runDirectory, resume);
  }

  /** Where checkpoints go. */
  public Optional<Path> checkpointDirectory() {
    return runDirectory.map(d -> RunDirectory.at(d).checkpoints());
  }
}
