package dev.ebm.core.checkpoint;

import java.util.Map;

/**
 * The Java-side state saved beside a checkpoint's variables.
 *
 * @param formatVersion the run format it was written in ({@code RunDirectory.FORMAT_VERSION}; 0 for
 *     checkpoints written before the version was recorded)
 * @param step completed training steps
 * @param batcherEpoch the data batcher's epoch
 * @param batcherBatch the data batcher's next batch within the epoch
 * @param lastFiniteLoss the last finite loss seen (NaN if none yet)
 * @param savedAt when it was written (ISO-8601)
 * @param provenance what was trained how (method, model, optimiser, seed, versions)
 */
public record CheckpointState(
    int formatVersion,
    long step,
    long batcherEpoch,
    int batcherBatch,
    double lastFiniteLoss,
    String savedAt,
    Map<String, String> provenance) {

  public CheckpointState {
    provenance = Map.copyOf(provenance);
  }
}
