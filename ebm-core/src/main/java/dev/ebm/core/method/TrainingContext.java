package dev.ebm.core.method;

import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.ParameterSpec;
import dev.ebm.core.graph.Parameters;
import dev.ebm.core.graph.VariableSet;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.random.RandomStream;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;

/**
 * Everything a {@link TrainingMethod} builds its objective from: the model and its parameters (the
 * differentiated ones, and detached copies for samplers), the data batch, a random stream keyed by
 * the training step, statistics of the training data, and a way to create the method's own
 * variables (a learned log Z, a replay buffer), which the trainer then trains (if trainable),
 * checkpoints and restores with everything else.
 *
 * @param <T> the model's floating-point type
 */
public final class TrainingContext<T extends TFloating> {

  private final ModelGraph<T> graph;
  private final Ops tf;
  private final EnergyModel model;
  private final Parameters<T> parameters;
  private final Parameters<T> samplingParameters;
  private final Operand<T> data;
  private final int batchSize;
  private final RandomStream random;
  private final Operand<TInt64> step;
  private final DataStatistics statistics;
  private final String methodName;
  private final List<VariableSet<T>> methodVariables = new ArrayList<>();

  /** Built by the trainer; tests may build one directly. */
  public TrainingContext(
      ModelGraph<T> graph,
      Ops tf,
      EnergyModel model,
      Parameters<T> parameters,
      Parameters<T> samplingParameters,
      Operand<T> data,
      int batchSize,
      RandomStream random,
      Operand<TInt64> step,
      DataStatistics statistics,
      String methodName) {
    this.graph = graph;
    this.tf = tf;
    this.model = model;
    this.parameters = parameters;
    this.samplingParameters = samplingParameters;
    this.data = data;
    this.batchSize = batchSize;
    this.random = random;
    this.step = step;
    this.statistics = statistics;
    this.methodName = methodName;
  }

  /** The op builder, under the method's name scope. */
  public Ops tf() {
    return tf;
  }

  /** The graph (for its type and seeds). */
  public ModelGraph<T> graph() {
    return graph;
  }

  /** The floating-point type. */
  public Class<T> type() {
    return graph.type();
  }

  /** The model being trained. */
  public EnergyModel model() {
    return model;
  }

  /** The model's parameters, as the optimiser differentiates them. */
  public Parameters<T> parameters() {
    return parameters;
  }

  /**
   * The same values read without a gradient path to {@link #parameters()}: what samplers run on
   * (their chains are constants to the objective).
   */
  public Parameters<T> samplingParameters() {
    return samplingParameters;
  }

  /** This step's data batch, {@code [B] + sampleShape}. */
  public Operand<T> data() {
    return data;
  }

  /** The batch size B. */
  public int batchSize() {
    return batchSize;
  }

  /** Random numbers for this step (a child stream per use: {@code random().child(tf, name)}). */
  public RandomStream random() {
    return random;
  }

  /**
   * The number of the step being trained (0 at the first), for terms that change over training,
   * e.g. improved CD's entropy, which waits until its buffer has received enough chains.
   */
  public Operand<TInt64> step() {
    return step;
  }

  /** Statistics of the whole training set. */
  public DataStatistics statistics() {
    return statistics;
  }

  /**
   * Creates variables owned by the method under the scope {@code <method>_<name>}; trainable ones
   * are trained with the model's parameters.
   */
  public VariableSet<T> createVariables(String name, List<ParameterSpec> specs) {
    VariableSet<T> variables = graph.createVariables(methodName + "_" + name, specs);
    methodVariables.add(variables);
    return variables;
  }

  /** The variables the method created. */
  public List<VariableSet<T>> methodVariables() {
    return List.copyOf(methodVariables);
  }
}
