package dev.ebm.core.train;

import dev.ebm.core.graph.Initializer;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.ParameterSpec;
import dev.ebm.core.graph.VariableSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.family.TFloating;

/**
 * The exponential moving average of the model's parameters, {@code θ̄ ← θ̄ − (1−d)(θ̄ − θ)} after
 * each update, and with it the same average of a learned {@code log Z} (NCE's {@code c}): NCE only
 * fixes {@code E + c}, so the live {@code c} does not normalise the averaged energy. The
 * parameters' average starts where the parameters start (variables under the scope {@code ema});
 * state parameters (a spectral norm's power-iteration vector) are copied, not averaged. The average
 * of {@code log Z} starts from 0 (the variable {@code ema_log_z/log_z}).
 *
 * @param <T> the model's floating-point type
 */
final class ParameterAveraging<T extends TFloating> {

  /** The name of the moving average of a learned {@code log Z}, under the scope ema_log_z. */
  private static final String LOG_Z_AVERAGE = "log_z";

  private final ModelGraph<T> graph;
  private final VariableSet<T> model;
  private final double decay;
  private final VariableSet<T> parameters;
  private Optional<Variable<T>> logPartition = Optional.empty();

  /** Creates the average of {@code model}'s variables, of decay {@code decay}, in {@code graph}. */
  ParameterAveraging(ModelGraph<T> graph, VariableSet<T> model, double decay) {
    this.graph = graph;
    this.model = model;
    this.decay = decay;
    this.parameters = graph.createVariablesLike("ema", model);
  }

  /**
   * The assignments that move the averages toward the parameters as {@code tf} reads them and
   * toward {@code stepLogPartition}, if the method learns one. The first update with a {@code log
   * Z} creates its average, after the parameters' assignments: the order in which checkpoints of
   * earlier versions were built.
   */
  List<Op> update(Ops tf, Optional<Operand<T>> stepLogPartition) {
    List<Op> assigns = new ArrayList<>();
    Operand<T> rate = tf.constant(graph.type(), 1 - decay);
    for (String name : model.read().names()) {
      Operand<T> current = tf.identity(model.variable(name));
      Variable<T> average = parameters.variable(name);
      boolean trainable = model.trainableNames().contains(name);
      Operand<T> next =
          trainable
              ? tf.math.sub(average, tf.math.mul(rate, tf.math.sub(average, current)))
              : current;
      assigns.add(tf.assign(average, next));
    }
    if (stepLogPartition.isPresent() && logPartition.isEmpty()) {
      logPartition =
          Optional.of(
              graph
                  .createVariables(
                      "ema_log_z",
                      List.of(
                          ParameterSpec.state(LOG_Z_AVERAGE, Shape.scalar(), Initializer.zeros())))
                  .variable(LOG_Z_AVERAGE));
    }
    logPartition.ifPresent(
        average ->
            assigns.add(
                tf.assign(
                    average,
                    tf.math.sub(
                        average,
                        tf.math.mul(
                            tf.constant(graph.type(), 1 - decay),
                            tf.math.sub(average, stepLogPartition.orElseThrow()))))));
    return assigns;
  }

  /** The average of the model's variables. */
  VariableSet<T> parameters() {
    return parameters;
  }

  /** The average of the learned {@code log Z}, once an update with one has created it. */
  Optional<Variable<T>> logPartition() {
    return logPartition;
  }
}
