package dev.ebm.core.train;

import dev.ebm.core.autodiff.Gradients;
import dev.ebm.core.graph.Initializer;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.ParameterSpec;
import dev.ebm.core.graph.Parameters;
import dev.ebm.core.graph.VariableSet;
import dev.ebm.core.method.DataStatistics;
import dev.ebm.core.method.TrainingContext;
import dev.ebm.core.method.TrainingMethod;
import dev.ebm.core.method.TrainingObjective;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.random.RandomStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;
import org.tensorflow.types.family.TNumber;

/**
 * One training step built into a graph, run by one {@code Session.run}: the method's objective on
 * the fed batch, the gradient of its loss with respect to the trainable variables (the model's and
 * the method's own), optional global-norm clipping, the optimiser update, the model's state
 * updates, the moving average, and the increment of the step counter that keys every random number.
 * Every update waits for everything the step reads, so results do not depend on op scheduling.
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
  private final Optional<VariableSet<T>> emaVariables;
  private final Variable<TInt64> step;
  private final Op trainOp;
  private final Operand<T> loss;
  private final Map<String, Operand<? extends TNumber>> diagnostics;
  private final Operand<T> gradientNorm;
  private final Operand<TBool> parametersFinite;
  private final Optional<Operand<T>> samples;
  private final Optional<Operand<T>> logPartition;
  private final Optional<Operand<T>> averagedLogPartition;

  /**
   * The name of the moving average of a learned {@code log Z}, under the scope {@code ema_log_z}.
   */
  private static final String LOG_Z_AVERAGE = "log_z";

  private final long trainableSize;

  private TrainingProgram(
      ModelGraph<T> graph,
      EnergyModel model,
      TrainingMethod method,
      ProgramConfig config,
      DataStatistics statistics,
      int batchSize) {
    method.requirements().check(method.name(), model);
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
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
    Operand<TInt64> stepRead = trainer.withName("step_read").identity(step);
    this.data = graph.placeholder("data", Shape.of(batchSize).append(model.sampleShape()));

    TrainingContext<T> context =
        new TrainingContext<>(
            graph,
            tf.withSubScope(method.name()),
            model,
            modelVariables.read(),
            modelVariables.detachedRead(tf),
            data,
            batchSize,
            RandomStream.of(tf, graph.seed("training"), stepRead),
            statistics,
            method.name());
    TrainingObjective<T> objective = method.build(context);
    this.loss = objective.loss();
    // Each diagnostic gets its own identity, so that fetching it beside the loss (or beside another
    // diagnostic that is the same tensor) never names one output twice in a run.
    Map<String, Operand<? extends TNumber>> named = new LinkedHashMap<>();
    Ops diagnosticScope = tf.withSubScope("diagnostics");
    objective
        .diagnostics()
        .forEach((name, value) -> named.put(name, diagnosticScope.identity(value)));
    this.diagnostics = named;
    this.samples = objective.samples();
    this.logPartition = objective.logPartition();

    List<TrainableVariable<T>> trainables = new ArrayList<>();
    addTrainables(trainables, modelVariables);
    context.methodVariables().forEach(v -> addTrainables(trainables, v));
    this.trainableSize = trainables.stream().mapToLong(v -> v.variable().shape().size()).sum();
    List<Operand<T>> gradients =
        Gradients.gradients(loss, trainables.stream().map(TrainableVariable::read).toList());

    Ops optimizerScope = tf.withSubScope("optimizer");
    this.gradientNorm = globalNorm(optimizerScope, gradients);
    if (config.clipNorm().isPresent()) {
      gradients = clip(optimizerScope, gradients, gradientNorm, config.clipNorm().getAsDouble());
    }
    Map<String, Operand<T>> stateUpdates = model.stateUpdates(tf, modelVariables.read());

    // Updates wait for every value this step reads, so no read sees an updated variable.
    List<Operation> reads = new ArrayList<>();
    reads.add(loss.op());
    diagnostics.values().forEach(d -> reads.add(d.op()));
    gradients.forEach(g -> reads.add(g.op()));
    stateUpdates.values().forEach(s -> reads.add(s.op()));
    samples.ifPresent(s -> reads.add(s.op()));
    reads.add(gradientNorm.op());
    Op update = config.optimizer().apply(graph, optimizerScope, trainables, gradients, reads);

    Ops afterUpdate = tf.withSubScope("after_update").withControlDependencies(List.of(update));
    List<Op> finished = new ArrayList<>(objective.stepOps());
    finished.add(update);
    stateUpdates.forEach(
        (name, value) -> finished.add(afterUpdate.assign(modelVariables.variable(name), value)));
    this.emaVariables =
        config.emaDecay().isPresent()
            ? Optional.of(graph.createVariablesLike("ema", modelVariables))
            : Optional.empty();
    emaVariables.ifPresent(
        ema -> finished.addAll(movingAverage(afterUpdate, ema, config.emaDecay().getAsDouble())));
    // A learned log Z is averaged with the parameters it normalises: NCE only fixes E + c, so the
    // live c and the averaged energy would not belong together.
    Optional<Variable<T>> logPartitionAverage =
        emaVariables.isPresent() && logPartition.isPresent()
            ? Optional.of(
                graph
                    .createVariables(
                        "ema_log_z",
                        List.of(
                            ParameterSpec.state(
                                LOG_Z_AVERAGE, Shape.scalar(), Initializer.zeros())))
                    .variable(LOG_Z_AVERAGE))
            : Optional.empty();
    logPartitionAverage.ifPresent(
        average ->
            finished.add(
                afterUpdate.assign(
                    average,
                    afterUpdate.math.sub(
                        average,
                        afterUpdate.math.mul(
                            afterUpdate.constant(graph.type(), 1 - config.emaDecay().getAsDouble()),
                            afterUpdate.math.sub(average, logPartition.get()))))));
    this.averagedLogPartition = logPartitionAverage.map(v -> (Operand<T>) graph.ops().identity(v));
    Op increment = trainer.withControlDependencies(finished).assignAdd(step, trainer.constant(1L));
    this.trainOp = trainer.withControlDependencies(List.of(increment)).withName("train").noOp();
    this.parametersFinite =
        allFinite(trainer.withControlDependencies(List.of(increment)), trainables);
  }

  /**
   * Builds the training step for {@code model} trained by {@code method} in {@code graph}.
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
    return new TrainingProgram<>(graph, model, method, config, statistics, batchSize);
  }

  private static <T extends TFloating> void addTrainables(
      List<TrainableVariable<T>> out, VariableSet<T> set) {
    for (String name : set.trainableNames()) {
      out.add(
          new TrainableVariable<>(
              set.scope() + "/" + name, set.variable(name), set.read().get(name)));
    }
  }

  private static <T extends TFloating> Operand<T> globalNorm(Ops tf, List<Operand<T>> gradients) {
    List<Operand<T>> squares = new ArrayList<>();
    for (Operand<T> g : gradients) {
      squares.add(tf.reduceSum(tf.math.square(g), allAxes(tf, g)));
    }
    return tf.math.sqrt(squares.size() == 1 ? squares.get(0) : tf.math.addN(squares));
  }

  private static <T extends TFloating> List<Operand<T>> clip(
      Ops tf, List<Operand<T>> gradients, Operand<T> norm, double maxNorm) {
    Operand<T> limit = tf.constant(norm.type(), maxNorm);
    Operand<T> scale = tf.math.div(limit, tf.math.maximum(norm, limit));
    return gradients.stream().map(g -> (Operand<T>) tf.math.mul(g, scale)).toList();
  }

  private List<Op> movingAverage(Ops tf, VariableSet<T> ema, double decay) {
    List<Op> assigns = new ArrayList<>();
    Operand<T> rate = tf.constant(graph.type(), 1 - decay);
    for (String name : modelVariables.read().names()) {
      Operand<T> current = tf.identity(modelVariables.variable(name));
      Variable<T> average = ema.variable(name);
      boolean trainable = modelVariables.trainableNames().contains(name);
      Operand<T> next =
          trainable
              ? tf.math.sub(average, tf.math.mul(rate, tf.math.sub(average, current)))
              : current;
      assigns.add(tf.assign(average, next));
    }
    return assigns;
  }

  private static <T extends TFloating> Operand<TBool> allFinite(
      Ops tf, List<TrainableVariable<T>> trainables) {
    List<Operand<TBool>> checks = new ArrayList<>();
    for (TrainableVariable<T> v : trainables) {
      Operand<T> value = tf.identity(v.variable());
      checks.add(tf.reduceAll(tf.math.isFinite(value), allAxes(tf, value)));
    }
    return tf.reduceAll(tf.stack(checks), tf.constant(0));
  }

  private static Operand<org.tensorflow.types.TInt32> allAxes(Ops tf, Operand<?> x) {
    return tf.range(tf.constant(0), tf.rank(x), tf.constant(1));
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

  /** The placeholder the batch is fed to. */
  public Placeholder<T> data() {
    return data;
  }

  /** The model's variables. */
  public VariableSet<T> modelVariables() {
    return modelVariables;
  }

  /** The moving average of the model's variables, if kept. */
  public Optional<VariableSet<T>> emaVariables() {
    return emaVariables;
  }

  /** The step counter (the number of completed steps). */
  public Variable<TInt64> step() {
    return step;
  }

  /** The op that runs one step. */
  public Op trainOp() {
    return trainOp;
  }

  /** The loss, computed before the update. */
  public Operand<T> loss() {
    return loss;
  }

  /** The method's diagnostics. */
  public Map<String, Operand<? extends TNumber>> diagnostics() {
    return new LinkedHashMap<>(diagnostics);
  }

  /** The global norm of the loss gradient, before clipping. */
  public Operand<T> gradientNorm() {
    return gradientNorm;
  }

  /** Whether every trainable value is finite after the update. */
  public Operand<TBool> parametersFinite() {
    return parametersFinite;
  }

  /** This step's model samples, if the method draws any. */
  public Optional<Operand<T>> samples() {
    return samples;
  }

  /** The method's learned {@code log Z}, if it learns one ({@code log p = −E − logZ}). */
  public Optional<Operand<T>> logPartition() {
    return logPartition;
  }

  /**
   * The learned {@code log Z} that normalises {@link #finalParameters()}: its moving average when
   * the parameters are averaged (with the same decay, starting from 0), else the live value.
   */
  public Optional<Operand<T>> finalLogPartition() {
    return averagedLogPartition.isPresent() ? averagedLogPartition : logPartition;
  }

  /** The number of trained scalars. */
  public long trainableSize() {
    return trainableSize;
  }

  /**
   * The parameters to sample from and export: the moving average when kept, else the live values,
   * read without a gradient path.
   */
  public Parameters<T> finalParameters() {
    return emaVariables.orElse(modelVariables).detachedRead(graph.ops());
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
        + config.clipNorm().stream().mapToObj(c -> ", clip " + c).findFirst().orElse("")
        + config.emaDecay().stream().mapToObj(d -> ", EMA " + d).findFirst().orElse("");
  }
}
