package dev.ebm.core.method;

import java.util.Map;
import org.tensorflow.types.family.TFloating;

/**
 * A way to train an energy model, e.g. denoising score matching or maximum likelihood with Langevin
 * sampling: from any {@link dev.ebm.core.model.EnergyModel} and a data batch it builds the loss
 * whose parameter gradient the optimiser follows, and its diagnostics. Methods are configured when
 * created (by a {@link TrainingMethodProvider}) and stateless afterwards: any state a method keeps
 * across steps lives in graph variables it creates through the context.
 */
public interface TrainingMethod {

  /** The name it is found by, e.g. {@code dsm}. */
  String name();

  /** What it needs of the model; the trainer checks this before building anything. */
  MethodRequirements requirements();

  /** Its configuration, for provenance and reports. */
  Map<String, Object> configuration();

  /** Builds the objective for one training step. */
  <T extends TFloating> TrainingObjective<T> build(TrainingContext<T> context);
}
