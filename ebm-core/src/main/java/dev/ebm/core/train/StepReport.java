package dev.ebm.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TFloating;
import org.tensorflow.types.family.TNumber;

/**
 * What a training step reports to the trainer in one fetch: the float64 vector {@code [loss,
 * gradient norm, parameters finite (1 or 0), diagnostics…]}, and the check behind its third entry,
 * that every trained value is finite after the update (the trainer's divergence guard stops on 0).
 */
final class StepReport {

  private StepReport() {}

  /** Whether every element of every trainable variable is finite, read after {@code tf}'s deps. */
  static <T extends TFloating> Operand<TBool> allFinite(
      Ops tf, List<TrainableVariable<T>> trainables) {
    List<Operand<TBool>> checks = new ArrayList<>();
    for (TrainableVariable<T> v : trainables) {
      Operand<T> value = tf.identity(v.variable());
      checks.add(tf.reduceAll(tf.math.isFinite(value), Axes.all(tf, value)));
    }
    return tf.reduceAll(tf.stack(checks), tf.constant(0));
  }

  /** The report vector, named {@code report} in {@code tf}'s scope. */
  static <T extends TFloating> Operand<TFloat64> of(
      Ops tf,
      Operand<T> loss,
      Operand<T> gradientNorm,
      Operand<TBool> parametersFinite,
      Map<String, Operand<? extends TNumber>> diagnostics) {
    List<Operand<TFloat64>> values = new ArrayList<>();
    values.add(tf.dtypes.cast(loss, TFloat64.class));
    values.add(tf.dtypes.cast(gradientNorm, TFloat64.class));
    values.add(tf.dtypes.cast(parametersFinite, TFloat64.class));
    diagnostics.values().forEach(d -> values.add(tf.dtypes.cast(d, TFloat64.class)));
    return tf.withName("report").stack(values);
  }
}
