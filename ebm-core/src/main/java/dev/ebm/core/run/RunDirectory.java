package dev.ebm.core.run;

import com.google.gson.JsonElement;
import dev.ebm.core.io.JsonFiles;
import java.nio.file.Path;

/**
 * The layout of a training run's directory, the one place that names its files:
 *
 * <pre>
 *   run.json          the settings the run was started with, and the format version
 *   data.json         the statistics of the training data (and its standardisation), so that
 *                     reading the run back does not read the data again
 *   run.lock          held by the one process that writes the run ({@link RunLock})
 *   checkpoints/      ckpt-&lt;step&gt;/ with variables.*, state.json and checksums.sha256
 *   metrics.jsonl     one JSON object per log step
 *   provenance.json   what was trained how (method, model, optimiser, seed, versions)
 *   tensorboard/      TensorBoard event files
 *   figures/          plots made from the run
 *   eval.json         the run's evaluation (ebm eval)
 * </pre>
 *
 * <p>{@link #FORMAT_VERSION} is written into {@code run.json} and into every checkpoint's state, so
 * that a later version can read an older run or refuse it by number ({@link #requireReadable}).
 * Format 0 is a run written before the version was recorded; it differs from format 1 only in
 * having no checkpoint checksums.
 *
 * @param root the directory
 */
public record RunDirectory(Path root) {

  /** The format this version of the code writes. */
  public static final int FORMAT_VERSION = 1;

  /** The oldest format this version of the code reads. */
  public static final int OLDEST_READABLE_FORMAT = 0;

  public RunDirectory {
    if (root == null) {
      throw new IllegalArgumentException("the run directory must not be null");
    }
  }

  /** The run directory at {@code root}. */
  public static RunDirectory at(Path root) {
    return new RunDirectory(root);
  }

  /** {@code run.json}: the run's settings and format version. */
  public Path settings() {
    return root.resolve("run.json");
  }

  /** {@code data.json}: the training data's statistics ({@link DataSummary}). */
  public Path dataSummary() {
    return root.resolve("data.json");
  }

  /** {@code run.lock}: the one writer's lock ({@link RunLock}). */
  public Path lock() {
    return root.resolve("run.lock");
  }

  /** {@code checkpoints/}. */
  public Path checkpoints() {
    return root.resolve("checkpoints");
  }

  /** {@code metrics.jsonl}. */
  public Path metrics() {
    return root.resolve("metrics.jsonl");
  }

  /** {@code provenance.json}. */
  public Path provenance() {
    return root.resolve("provenance.json");
  }

  /** {@code tensorboard/}. */
  public Path tensorBoard() {
    return root.resolve("tensorboard");
  }

  /** {@code eval.json}: the run's evaluation. */
  public Path evaluation() {
    return root.resolve("eval.json");
  }

  /** {@code figures/}. */
  public Path figures() {
    return root.resolve("figures");
  }

  /**
   * Returns normally if the format version a file records — {@code version}, a JSON whole number,
   * or {@code null} where the file records none (format 0) — is one this version reads.
   *
   * @throws IllegalStateException naming {@code what}, if the version is not a whole number (the
   *     file is damaged), or is not readable ({@link #requireReadable(int, Path)})
   */
  public static void requireReadable(JsonElement version, Path what) {
    if (version == null) {
      requireReadable(0, what);
      return;
    }
    requireReadable(
        JsonFiles.wholeNumber(version)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        what
                            + " records run format "
                            + version
                            + ", which is not a whole number; is the file damaged?")),
        what);
  }

  /**
   * Returns normally if this code reads files of format {@code version}.
   *
   * @param what the file that records the version, for the message
   * @throws IllegalStateException naming the version and what to do, if it cannot
   */
  public static void requireReadable(int version, Path what) {
    if (version > FORMAT_VERSION) {
      throw new IllegalStateException(
          what
              + " was written in run format "
              + version
              + " by a newer ebm; this one reads formats "
              + OLDEST_READABLE_FORMAT
              + " to "
              + FORMAT_VERSION
              + ". Use the newer ebm, or start a new run directory");
    }
    if (version < OLDEST_READABLE_FORMAT) {
      throw new IllegalStateException(
          what + " records run format " + version + ", which no ebm writes; is the file damaged?");
    }
  }
}
