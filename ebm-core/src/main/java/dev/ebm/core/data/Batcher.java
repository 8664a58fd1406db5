package dev.ebm.core.data;

import dev.ebm.core.random.Seeds;
import java.util.SplittableRandom;

/**
 * Cuts a dataset into batches of a fixed size, epoch after epoch, in an order shuffled per epoch
 * from a seed: epoch {@code e} uses the permutation drawn from {@code Seeds.derive(seed, "epoch" +
 * e)}. Batches never straddle epochs: the last {@code size mod batchSize} samples of each shuffled
 * epoch are skipped (they come first in another epoch's order). Its position ({@link #state()}) is
 * two integers, which checkpoints save so that a resumed run sees the same batches.
 */
public final class Batcher {

  /**
   * Where a batcher stands: the epoch and the index of the next batch within it.
   *
   * @param epoch the current epoch, from 0
   * @param batch the next batch within the epoch, from 0
   */
  public record State(long epoch, int batch) {
    public State {
      if (epoch < 0 || batch < 0) {
        throw new IllegalArgumentException(
            "batcher state must be non-negative: " + epoch + ", " + batch);
      }
    }
  }

  private final Dataset dataset;
  private final int batchSize;
  private final long seed;
  private final boolean shuffle;
  private final int batchesPerEpoch;
  private int[] order;
  private long epoch;
  private int batch;

  /**
   * A batcher over {@code dataset}.
   *
   * @param shuffle whether each epoch uses a fresh permutation (else the dataset order)
   * @throws IllegalArgumentException if the batch is larger than the dataset
   */
  public Batcher(Dataset dataset, int batchSize, long seed, boolean shuffle) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
    }
    if (batchSize > dataset.size()) {
      throw new IllegalArgumentException(
          "batch size "
              + batchSize
              + " is larger than the dataset ("
              + dataset.size()
              + " samples); use a batch size of at most "
              + dataset.size());
    }
    this.dataset = dataset;
    this.batchSize = batchSize;
    this.seed = seed;
    this.shuffle = shuffle;
    this.batchesPerEpoch = dataset.size() / batchSize;
    restore(new State(0, 0));
  }

  /** The batch size. */
  public int batchSize() {
    return batchSize;
  }

  /** The dataset batched. */
  public Dataset dataset() {
    return dataset;
  }

  /** The position of the next batch. */
  public State state() {
    return new State(epoch, batch);
  }

  /** Moves to a saved position. */
  public void restore(State state) {
    if (state.batch() >= batchesPerEpoch) {
      throw new IllegalArgumentException(
          "batch " + state.batch() + " does not exist: an epoch has " + batchesPerEpoch);
    }
    if (order == null || state.epoch() != epoch) {
      order = permutation(state.epoch());
    }
    epoch = state.epoch();
    batch = state.batch();
  }

  /** Fills {@code destination} (batchSize × sample size floats) with the next batch. */
  public void next(float[] destination) {
    if (destination.length != batchSize * dataset.sampleSize()) {
      throw new IllegalArgumentException(
          "destination holds "
              + destination.length
              + " floats, a batch needs "
              + batchSize * dataset.sampleSize());
    }
    next(destination, 0);
  }

  /**
   * Writes the next batch (batchSize × sample size floats) into {@code destination} from {@code
   * offset} on, e.g. as one of several batches of a session call.
   */
  public void next(float[] destination, int offset) {
    int sampleSize = dataset.sampleSize();
    if (offset < 0 || offset + batchSize * sampleSize > destination.length) {
      throw new IllegalArgumentException(
          "a batch of "
              + batchSize * sampleSize
              + " floats does not fit at "
              + offset
              + " into "
              + destination.length);
    }
    for (int i = 0; i < batchSize; i++) {
      dataset.copySample(order[batch * batchSize + i], destination, offset + i * sampleSize);
    }
    batch++;
    if (batch == batchesPerEpoch) {
      epoch++;
      batch = 0;
      order = permutation(epoch);
    }
  }

  /** A new array holding the next batch. */
  public float[] next() {
    float[] out = new float[batchSize * dataset.sampleSize()];
    next(out);
    return out;
  }

  private int[] permutation(long forEpoch) {
    int n = dataset.size();
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    if (shuffle) {
      SplittableRandom random = new SplittableRandom(Seeds.derive(seed, "epoch" + forEpoch));
      for (int i = n - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = p[i];
        p[i] = p[j];
        p[j] = t;
      }
    }
    return p;
  }
}
