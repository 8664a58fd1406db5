package dev.ebm.methods;

import dev.ebm.core.random.RandomStream;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;

/**
 * NCE's noise density {@code q}, whose samples the model is contrasted with and whose exact {@code
 * log q} enters the log-odds.
 *
 * @param <T> the floating-point type of samples and densities
 */
interface NoiseDistribution<T extends TFloating> {

  /** {@code count} samples, {@code [count] + sampleShape}. */
  Operand<T> sample(Ops tf, RandomStream stream, Operand<TInt64> count);

  /** {@code log q(y)} per sample of {@code y}, shape {@code [n]}. */
  Operand<T> logDensity(Ops tf, Operand<T> y);
}
