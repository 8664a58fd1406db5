package dev.ebm.core.method;

import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.sampling.Sampler;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.types.family.TFloating;

/**
 * A way to train an energy model, e.g. denoising score matching or maximum likelihood with Langevin
 * sampling: from any {@link dev.ebm.core.model.EnergyModel} and a data batch it builds the loss
 * whose parameter gradient the optimiser follows, and its diagnostics. Methods are configured when
 * created (by a {@link TrainingMethodProvider}) and stateless afterwards: any state a method keeps
 * across steps lives in graph variables it creates through the context.
 */
public interface TrainingMethod {

  /** The learning rate of a method that recommends none of its own (Adam's usual 1e-3). */
  double DEFAULT_LEARNING_RATE = 1e-3;

  /** The batch size of a method that recommends none of its own. */
  int DEFAULT_BATCH = 128;

  /** The name it is found by, e.g. {@code dsm}. */
  String name();

  /** What it needs of the model; the trainer checks this before building anything. */
  MethodRequirements requirements();

  /** Its configuration, for provenance and reports. */
  Map<String, Object> configuration();

  /** Builds the objective for one training step. */
  <T extends TFloating> TrainingObjective<T> build(TrainingContext<T> context);

  /**
   * The sampler that draws from a model this method trained on data of these statistics, if the
   * method has one of its own (NCSN: annealed Langevin over its noise levels); empty leaves the
   * choice to the caller (plain Langevin fitted to the data, {@link
   * dev.ebm.core.trained.DefaultSampling}). A plugin method brings its own sampler here.
   */
  default Optional<Sampler> defaultSampler(DataStatistics data) {
    return Optional.empty();
  }

  /**
   * Model options this method implies for data of these statistics, applied where the user did not
   * set them and the model declares them (NCSN gives a noise-conditional model its smallest noise
   * level as the σ at which its energy is scored, sampled and exported). By default none.
   */
  default Map<String, String> impliedModelOptions(DataStatistics data) {
    return Map.of();
  }

  /**
   * The learning rate a training that sets none uses with this method (a resumed run keeps its
   * own): {@link #DEFAULT_LEARNING_RATE} unless the method's measurements favour another.
   */
  default double defaultLearningRate() {
    return DEFAULT_LEARNING_RATE;
  }

  /**
   * The batch size a training that sets none uses with this method (a resumed run keeps its own):
   * {@link #DEFAULT_BATCH} unless the method's measurements favour another.
   */
  default int defaultBatch() {
    return DEFAULT_BATCH;
  }
}
