package dev.ebm.core.method;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.types.family.TFloating;
import org.tensorflow.types.family.TNumber;

/**
 * What a training method builds for one step: the scalar loss whose parameter gradient the
 * optimiser follows, named scalar diagnostics logged beside it, extra ops that must run every step
 * (e.g. writing finished chains back to a replay buffer), the chain samples of this step, if the
 * method draws any (shown as images in TensorBoard), and the method's estimate of the log partition
 * function, if it learns one (NCE's {@code c}: {@code log p(x) = −E(x) − c}).
 *
 * @param loss the scalar to minimise
 * @param diagnostics named scalars, in display order
 * @param stepOps ops to run with every step
 * @param samples this step's model samples, {@code [B] + sampleShape}
 * @param logPartition the learned {@code log Z}, a scalar
 * @param <T> the model's floating-point type
 */
public record TrainingObjective<T extends TFloating>(
    Operand<T> loss,
    Map<String, Operand<? extends TNumber>> diagnostics,
    List<Op> stepOps,
    Optional<Operand<T>> samples,
    Optional<Operand<T>> logPartition) {

  public TrainingObjective {
    if (loss == null) {
      throw new IllegalArgumentException("a training objective needs a loss");
    }
    if (loss.shape().numDimensions() != 0) {
      throw new IllegalArgumentException(
          "the loss must be a scalar, got shape " + loss.shape() + "; reduce it with a mean");
    }
    diagnostics = new LinkedHashMap<>(diagnostics);
    stepOps = List.copyOf(stepOps);
    if (logPartition.isPresent() && logPartition.get().shape().numDimensions() != 0) {
      throw new IllegalArgumentException(
          "the learned log partition function must be a scalar, got shape "
              + logPartition.get().shape());
    }
  }

  /** A loss with diagnostics and nothing else. */
  public static <T extends TFloating> TrainingObjective<T> of(
      Operand<T> loss, Map<String, Operand<? extends TNumber>> diagnostics) {
    return new TrainingObjective<>(
        loss, diagnostics, List.of(), Optional.empty(), Optional.empty());
  }

  /** This objective with the method's learned {@code log Z}. */
  public TrainingObjective<T> withLogPartition(Operand<T> logZ) {
    return new TrainingObjective<>(loss, diagnostics, stepOps, samples, Optional.of(logZ));
  }
}
