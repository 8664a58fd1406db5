package dev.ebm.core.train;

import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TFloating;
import org.tensorflow.types.family.TNumber;

/**
 * What one of the K steps of a {@link TrainingProgram} builds: the values the trainer fetches and
 * the op that finishes the step.
 *
 * @param loss the loss, computed before the update
 * @param gradientNorm the global norm of the loss gradient, before clipping
 * @param diagnostics the method's diagnostics
 * @param samples the step's model samples, if the method draws any
 * @param parametersFinite whether every trainable value is finite after the update
 * @param report loss, gradient norm, parameters-finite (1 or 0) and the diagnostics, in that order,
 *     as one float64 vector: what the trainer fetches
 * @param done the op that finishes the step (the next step waits for it)
 * @param <T> the model's floating-point type
 */
public record TrainingStep<T extends TFloating>(
    Operand<T> loss,
    Operand<T> gradientNorm,
    Map<String, Operand<? extends TNumber>> diagnostics,
    Optional<Operand<T>> samples,
    Operand<TBool> parametersFinite,
    Operand<TFloat64> report,
    Op done) {}
