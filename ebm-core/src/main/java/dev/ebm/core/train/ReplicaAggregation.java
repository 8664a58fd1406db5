package dev.ebm.core.train;

import dev.ebm.core.method.TrainingObjective;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;
import org.tensorflow.types.family.TNumber;

/**
 * One training step's values combined across its N replicas, each of which computed the objective
 * on an equal share of the batch: the mean loss, the mean of each gradient (so the step applies the
 * gradient of the mean loss once), the mean of each diagnostic, and the replicas' model samples
 * concatenated in replica order. With one replica the loss, gradients and samples are its own, with
 * no op added.
 *
 * @param loss the mean of the replicas' losses
 * @param gradients the mean of the replicas' gradients, variable by variable
 * @param diagnostics the mean of each of the first replica's diagnostics, in its order, each under
 *     its own identity, so that fetching it beside the loss (or beside another diagnostic that is
 *     the same tensor) never names one output twice in a run
 * @param samples the replicas' samples along the first axis, if the method draws any
 * @param <T> the model's floating-point type
 */
record ReplicaAggregation<T extends TFloating>(
    Operand<T> loss,
    List<Operand<T>> gradients,
    Map<String, Operand<? extends TNumber>> diagnostics,
    Optional<Operand<T>> samples) {

  /**
   * Combines the replicas' {@code objectives} and {@code gradients} (one list per replica, in the
   * same variable order) with ops under the sub-scopes {@code replicas} and {@code diagnostics} of
   * {@code tf}.
   */
  static <T extends TFloating> ReplicaAggregation<T> across(
      Ops tf, List<TrainingObjective<T>> objectives, List<List<Operand<T>>> gradients) {
    TrainingObjective<T> first = objectives.get(0);
    Ops acrossReplicas = tf.withSubScope("replicas");
    Operand<T> loss = mean(acrossReplicas, objectives.stream().map(o -> o.loss()).toList());
    List<Operand<T>> means = new ArrayList<>();
    for (int g = 0; g < gradients.get(0).size(); g++) {
      int at = g;
      means.add(mean(acrossReplicas, gradients.stream().map(r -> r.get(at)).toList()));
    }
    Map<String, Operand<? extends TNumber>> diagnostics = new LinkedHashMap<>();
    Ops diagnosticScope = tf.withSubScope("diagnostics");
    for (String name : first.diagnostics().keySet()) {
      Operand<? extends TNumber> value =
          mean(acrossReplicas, objectives.stream().map(o -> o.diagnostics().get(name)).toList());
      diagnostics.put(name, diagnosticScope.identity(value));
    }
    Optional<Operand<T>> samples =
        objectives.size() == 1 || first.samples().isEmpty()
            ? first.samples()
            : Optional.of(
                acrossReplicas.concat(
                    objectives.stream().map(o -> o.samples().orElseThrow()).toList(),
                    tf.constant(0)));
    return new ReplicaAggregation<>(loss, means, diagnostics, samples);
  }

  /** The element-wise mean of equally shaped values; a single value itself. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <V extends TNumber> Operand<V> mean(Ops tf, List<? extends Operand<?>> values) {
    if (values.size() == 1) {
      return (Operand<V>) values.get(0);
    }
    Operand sum = tf.math.addN((Iterable) values);
    return tf.math.div(sum, tf.dtypes.cast(tf.constant(values.size()), sum.type()));
  }
}
