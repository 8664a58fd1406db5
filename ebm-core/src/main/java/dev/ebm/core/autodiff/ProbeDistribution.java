package dev.ebm.core.autodiff;

import dev.ebm.core.random.RandomStream;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;
import org.tensorflow.types.family.TNumber;

/**
 * The distribution of Hutchinson's probe vectors {@code v}, each with {@code E[v vᵀ] = I}:
 * Rademacher (±1, the lower-variance choice for the trace) or standard Gaussian (needed by sliced
 * score matching's variance-reduced form).
 */
public enum ProbeDistribution {
  RADEMACHER,
  GAUSSIAN;

  /** Draws probes of the given shape from {@code stream}. */
  public <T extends TFloating> Operand<T> sample(
      Ops tf, RandomStream stream, Operand<? extends TNumber> shape, Class<T> type) {
    return switch (this) {
      case RADEMACHER -> stream.rademacher(tf, shape, type);
      case GAUSSIAN -> stream.normal(tf, shape, type);
    };
  }
}
