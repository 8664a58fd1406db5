package dev.ebm.core.graph;

import java.nio.file.Path;

/**
 * Writes every variable of one graph to a TensorFlow checkpoint (files {@code prefix.index} and
 * {@code prefix.data-*}, the format of {@code tf.train.Saver}) and restores them from one. On a
 * cluster the master task's process writes and reads the files from its own working directory, so
 * the prefix it is given is absolute.
 */
final class VariableCheckpoint {

  private final SessionRunner runner;
  private final boolean onCluster;

  /** The checkpoints of the graph {@code runner} runs, on a cluster when {@code onCluster}. */
  VariableCheckpoint(SessionRunner runner, boolean onCluster) {
    this.runner = runner;
    this.onCluster = onCluster;
  }

  /** Writes every variable to the checkpoint {@code prefix}, initialising those not yet set. */
  void save(Path prefix) {
    runner.save(resolve(prefix));
  }

  /** Restores every variable from the checkpoint {@code prefix}. */
  void restore(Path prefix) {
    runner.restore(resolve(prefix));
  }

  private String resolve(Path prefix) {
    return onCluster ? prefix.toAbsolutePath().toString() : prefix.toString();
  }
}
