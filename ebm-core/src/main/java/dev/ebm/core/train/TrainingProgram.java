package dev.ebm.core.train;

import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.Parameters;
import dev.ebm.core.graph.VariableSet;
import dev.ebm.core.method.TrainingMethod;
import dev.ebm.core.model.EnergyModel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;

/**
 * The training step ({@link StepBuilder}) built into a graph and repeated K times ({@link
 * #stepsPerRun()}, as {@link StepsPerRun} chooses), so that one {@code Session.run} executes up to
 * K consecutive steps, step k on row k of the fed {@code [K, B] + sampleShape} tensor. Each step
 * waits for the previous one to finish, so a run of K steps computes exactly what K runs of one
 * step compute, whatever the op scheduling.
 *
 * @param <T> the model's floating-point type
 */
public final class TrainingProgram<T extends TFloating> {

  private final ModelGraph<T> graph;
  private final EnergyModel model;
  private final TrainingMethod method;
  private final ProgramConfig config;
  private final int batchSize;
  private final Placeholder<T> data;
  private final VariableSet<T> modelVariables;
  private final Variable<TInt64> step;
  private final List<TrainingStep<T>> steps = new ArrayList<>();
  private final StepBuilder<T> builder;
  private final Optional<Operand<T>> averagedLogPartition;
  private final int opsPerStep;

  private TrainingProgram(
      ModelGraph<T> graph,
      EnergyModel model,
      TrainingMethod method,
      ProgramConfig config,
      DataStatistics statistics,
      int batchSize,
      StepsPerRun stepsPerRun) {
    method.requirements().check(method.name(), model);
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
    }
    if (batchSize % graph.replicas() != 0) {
      throw new IllegalArgumentException(
          "batch "
              + batchSize
              + " does not split evenly over "
              + graph.replicas()
              + " replicas; choose a multiple of "
              + graph.replicas());
    }
    this.graph = graph;
    this.model = model;
    this.method = method;
    this.config = config;
    this.batchSize = batchSize;
    Ops tf = graph.ops();
    this.modelVariables = graph.createVariables("model", model.parameterSpecs());
    Ops trainer = tf.withSubScope("trainer");
    this.step =
        trainer.withInitScope().withName("step").variable(trainer.withInitScope().constant(0L));
    this.data =
        graph.placeholder(
            "data", Shape.of(Shape.UNKNOWN_SIZE, batchSize).append(model.sampleShape()));
    this.builder =
        new StepBuilder<>(
            graph, model, method, config, statistics, batchSize, data, modelVariables, step);
    int opsBefore = countOps(graph);
    steps.add(builder.build(0));
    this.opsPerStep = countOps(graph) - opsBefore;
    int count = stepsPerRun.resolve(opsPerStep);
    for (int k = 1; k < count; k++) {
      int index = k;
      Op previous = steps.get(k - 1).done();
      steps.add(graph.repeatAfter(List.of(previous), () -> builder.build(index)));
    }
    this.averagedLogPartition =
        builder
            .averaging()
            .flatMap(ParameterAveraging::logPartition)
            .map(v -> (Operand<T>) tf.identity(v));
  }

  private static int countOps(ModelGraph<?> graph) {
    int n = 0;
    for (Iterator<GraphOperation> ops = graph.graph().operations(); ops.hasNext(); ops.next()) {
      n++;
    }
    return n;
  }

  /**
   * Builds the training step for {@code model} trained by {@code method} in {@code graph}, one step
   * per run.
   *
   * @throws IllegalArgumentException if the method cannot train this model, saying why
   */
  public static <T extends TFloating> TrainingProgram<T> build(
      ModelGraph<T> graph,
      EnergyModel model,
      TrainingMethod method,
      ProgramConfig config,
      DataStatistics statistics,
      int batchSize) {
    return build(graph, model, method, config, statistics, batchSize, StepsPerRun.fixed(1));
  }

  /**
   * Builds the training step, repeated as {@code stepsPerRun} says so that one session call runs up
   * to that many steps ({@link StepsPerRun#auto()} chooses how many from the size of a step).
   *
   * @throws IllegalArgumentException if the method cannot train this model, saying why
   */
  public static <T extends TFloating> TrainingProgram<T> build(
      ModelGraph<T> graph,
      EnergyModel model,
      TrainingMethod method,
      ProgramConfig config,
      DataStatistics statistics,
      int batchSize,
      StepsPerRun stepsPerRun) {
    return new TrainingProgram<>(graph, model, method, config, statistics, batchSize, stepsPerRun);
  }

  /** The graph. */
  public ModelGraph<T> graph() {
    return graph;
  }

  /** The model trained. */
  public EnergyModel model() {
    return model;
  }

  /** The method training it. */
  public TrainingMethod method() {
    return method;
  }

  /** The update configuration. */
  public ProgramConfig config() {
    return config;
  }

  /** The batch size the step was built for. */
  public int batchSize() {
    return batchSize;
  }

  /** The most steps one run executes (K). */
  public int stepsPerRun() {
    return steps.size();
  }

  /** The graph ops one step adds (the ops of the whole step, gradients included). */
  public int opsPerStep() {
    return opsPerStep;
  }

  /** The K steps of a run, in order. */
  public List<TrainingStep<T>> steps() {
    return List.copyOf(steps);
  }

  /** The op after which the first {@code count} steps of a run have finished (1 ≤ count ≤ K). */
  public Op trainOp(int count) {
    if (count < 1 || count > steps.size()) {
      throw new IllegalArgumentException(
          "a run executes 1 to " + steps.size() + " steps, not " + count);
    }
    return steps.get(count - 1).done();
  }

  /**
   * The placeholder the batches of a run are fed to, {@code [r, B] + sampleShape} for a run of r
   * steps.
   */
  public Placeholder<T> data() {
    return data;
  }

  /** The model's variables. */
  public VariableSet<T> modelVariables() {
    return modelVariables;
  }

  /** The moving average of the model's variables, if kept. */
  public Optional<VariableSet<T>> emaVariables() {
    return builder.averaging().map(ParameterAveraging::parameters);
  }

  /** The step counter (the number of completed steps). */
  public Variable<TInt64> step() {
    return step;
  }

  /** The names of the method's diagnostics, in the order of each step's report. */
  public List<String> diagnosticNames() {
    return List.copyOf(steps.get(0).diagnostics().keySet());
  }

  /** Whether the method draws model samples in each step. */
  public boolean drawsSamples() {
    return steps.get(0).samples().isPresent();
  }

  /** The method's learned {@code log Z}, if it learns one ({@code log p = −E − logZ}). */
  public Optional<Operand<T>> logPartition() {
    return builder.logPartition();
  }

  /**
   * The learned {@code log Z} that normalises {@link #finalParameters()}: its moving average when
   * the parameters are averaged (with the same decay, starting from 0), else the live value.
   */
  public Optional<Operand<T>> finalLogPartition() {
    return averagedLogPartition.isPresent() ? averagedLogPartition : logPartition();
  }

  /** The number of trained scalars. */
  public long trainableSize() {
    return builder.trainableSize();
  }

  /**
   * The parameters to sample from and export: the moving average when kept, else the live values,
   * read without a gradient path.
   */
  public Parameters<T> finalParameters() {
    return emaVariables().orElse(modelVariables).detachedRead(graph.ops());
  }

  /** One line describing the step, for logs and provenance. */
  public String describe() {
    return method.name()
        + " on "
        + model.name()
        + ", batch "
        + batchSize
        + ", "
        + config.optimizer().describe()
        + (config.schedule().isConstant() ? "" : ", learning rate " + config.schedule().describe())
        + config.clipNorm().stream().mapToObj(c -> ", clip " + c).findFirst().orElse("")
        + config.emaDecay().stream().mapToObj(d -> ", EMA " + d).findFirst().orElse("")
        + (steps.size() > 1 ? ", " + steps.size() + " steps per session call" : "");
  }
}
