package dev.ebm.core.train;

import dev.ebm.core.autodiff.Gradients;
import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.graph.Initializer;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.ParameterSpec;
import dev.ebm.core.graph.Parameters;
import dev.ebm.core.graph.VariableSet;
import dev.ebm.core.method.TrainingContext;
import dev.ebm.core.method.TrainingMethod;
import dev.ebm.core.method.TrainingObjective;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.random.RandomStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;
import org.tensorflow.types.family.TNumber;

/**
 * The training step built into a graph, repeated K times ({@link #stepsPerRun()}) so that one
 * {@code Session.run} executes up to K consecutive steps. Each step takes its own batch (row k of
 * the fed {@code [K, B] + sampleShape} tensor) and runs the method's objective on it, the gradient
 * of its loss with respect to the trainable variables (the model's and the method's own), optional
 * global-norm clipping, the optimiser update, the model's state updates, the moving average, and
 * the increment of the step counter that keys every random number. Every update waits for
 * everything its step reads, and each step waits for the previous one to finish, so a run of K
 * steps computes exactly what K runs of one step compute, whatever the op scheduling.
 *
 * @param <T> the model's floating-point type
 */
public final class TrainingProgram<T extends TFloating> {

  /**
   * What one of the K steps builds.
   *
   * @param loss the loss, computed before the update
   * @param gradientNorm the global norm of the loss gradient, before clipping
   * @param diagnostics the method's diagnostics
   * @param samples the step's model samples, if the method draws any
   * @param parametersFinite whether every trainable value is finite after the update
   * @param report loss, gradient norm, parameters-finite (1 or 0) and the diagnostics, in that
   *     order, as one float64 vector: what the trainer fetches
   * @param done the op that finishes the step (the next step waits for it)
   * @param <T> the model's floating-point type
   */
  public record Step<T extends TFloating>(
      Operand<T> loss,
      Operand<T> gradientNorm,
      Map<String, Operand<? extends TNumber>> diagnostics,
      Optional<Operand<T>> samples,
      Operand<TBool> parametersFinite,
      Operand<TFloat64> report,
      Op done) {}

  private final ModelGraph<T> graph;
  private final EnergyModel model;
  private final TrainingMethod method;
  private final ProgramConfig config;
  private final DataStatistics statistics;
  private final int batchSize;
  private final Placeholder<T> data;
  private final VariableSet<T> modelVariables;
  private final Variable<TInt64> step;
  private final List<Step<T>> steps = new ArrayList<>();
  private Optional<VariableSet<T>> emaVariables = Optional.empty();
  private OptimizerConfig.Updater<T> updater;
  private Optional<Operand<T>> logPartition = Optional.empty();
  private Optional<Variable<T>> logPartitionAverage = Optional.empty();
  private final Optional<Operand<T>> averagedLogPartition;
  private long trainableSize;
  private final int opsPerStep;

  /**
   * Asks {@link #build} to choose the steps per run from the size of one step: as many as make one
   * session call hold about {@link #OPS_PER_CALL} graph ops, between 1 and {@link
   * #MAX_AUTO_STEPS_PER_RUN}. A call costs a fixed overhead (about 0.5–0.8 ms on a CPU) that small
   * steps pay many times over, while a large step already hides it and would only make the graph
   * slower to build. Chosen by measurement (docs/BENCHMARK-RESULTS.md).
   */
  public static final int AUTO_STEPS_PER_RUN = 0;

  /** The graph ops one session call should hold when the steps per run are chosen. */
  public static final int OPS_PER_CALL = 4000;

  /** The most steps per run chosen automatically. */
  public static final int MAX_AUTO_STEPS_PER_RUN = 10;

  /**
   * The name of the moving average of a learned {@code log Z}, under the scope {@code ema_log_z}.
   */
  private static final String LOG_Z_AVERAGE = "log_z";

  private TrainingProgram(
      ModelGraph<T> graph,
      EnergyModel model,
      TrainingMethod method,
      ProgramConfig config,
      DataStatistics statistics,
      int batchSize,
      int stepsPerRun) {
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
              + " workers; choose a multiple of "
              + graph.replicas());
    }
    if (stepsPerRun < 0) {
      throw new IllegalArgumentException(
          "steps per run must be at least 1 (or AUTO_STEPS_PER_RUN), got " + stepsPerRun);
    }
    this.graph = graph;
    this.model = model;
    this.method = method;
    this.config = config;
    this.statistics = statistics;
    this.batchSize = batchSize;
    Ops tf = graph.ops();
    this.modelVariables = graph.createVariables("model", model.parameterSpecs());
    Ops trainer = tf.withSubScope("trainer");
    this.step =
        trainer.withInitScope().withName("step").variable(trainer.withInitScope().constant(0L));
    this.data =
        graph.placeholder(
            "data", Shape.of(Shape.UNKNOWN_SIZE, batchSize).append(model.sampleShape()));
    int opsBefore = countOps(graph);
    steps.add(buildStep(UnaryOperator.identity(), 0));
    this.opsPerStep = countOps(graph) - opsBefore;
    int count =
        stepsPerRun == AUTO_STEPS_PER_RUN
            ? (int)
                Math.max(
                    1,
                    Math.min(
                        MAX_AUTO_STEPS_PER_RUN, Math.round(OPS_PER_CALL / (double) opsPerStep)))
            : stepsPerRun;
    for (int k = 1; k < count; k++) {
      int index = k;
      Op previous = steps.get(k - 1).done();
      steps.add(
          graph.repeatAfter(
              List.of(previous), () -> buildStep(ops -> ops.withSubScope("step" + index), index)));
    }
    this.averagedLogPartition = logPartitionAverage.map(v -> (Operand<T>) tf.identity(v));
  }

  /**
   * What one replica of a step builds: the objective on its share of the batch, the model's
   * parameters as it reads them, its trainable variables (with those reads) and the gradient of its
   * loss with respect to them.
   */
  private record ReplicaPart<T extends TFloating>(
      TrainingObjective<T> objective,
      Parameters<T> parameters,
      List<TrainableVariable<T>> trainables,
      List<Operand<T>> gradients) {}

  /**
   * Builds step {@code k} of a run with the builder {@code scoping} makes of {@link
   * ModelGraph#ops()}; step 0 also creates the state all steps share (optimiser slots, moving
   * averages). On a graph with N replicas, each replica computes the objective on rows {@code
   * [i·B/N, (i+1)·B/N)} of the batch, with the random numbers a single process draws for those
   * rows, and the step applies the mean of the replicas' gradients once.
   */
  private Step<T> buildStep(UnaryOperator<Ops> scoping, int k) {
    Ops tf = scoping.apply(graph.ops());
    Ops trainer = tf.withSubScope("trainer");
    Operand<TInt64> stepRead = trainer.withName("step_read").identity(step);
    Operand<T> batch = tf.withName("batch").gather(data, tf.constant(k), tf.constant(0));
    int replicas = graph.replicas();
    List<Operand<T>> shards =
        replicas == 1
            ? List.of(batch)
            : List.copyOf(
                tf.withName("shards").split(tf.constant(0), batch, (long) replicas).output());
    List<ReplicaPart<T>> parts = new ArrayList<>();
    for (int i = 0; i < replicas; i++) {
      int index = i;
      parts.add(
          graph.onReplica(
              i,
              () -> {
                Ops replicaOps = scoping.apply(graph.ops());
                return buildReplica(
                    replicas == 1 ? replicaOps : replicaOps.withSubScope("replica" + index),
                    k,
                    index,
                    shards.get(index),
                    stepRead);
              }));
    }
    ReplicaPart<T> first = parts.get(0);
    TrainingObjective<T> objective = first.objective();
    Parameters<T> parameters = first.parameters();
    List<TrainableVariable<T>> trainables = first.trainables();
    // The replicas' means, on the parameter task (one replica: its own values, no op added).
    Ops acrossReplicas = tf.withSubScope("replicas");
    Operand<T> loss = mean(acrossReplicas, parts.stream().map(p -> p.objective().loss()).toList());
    List<Operand<T>> gradients = new ArrayList<>();
    for (int g = 0; g < first.gradients().size(); g++) {
      int at = g;
      gradients.add(mean(acrossReplicas, parts.stream().map(p -> p.gradients().get(at)).toList()));
    }
    // Each diagnostic gets its own identity, so that fetching it beside the loss (or beside another
    // diagnostic that is the same tensor) never names one output twice in a run.
    Map<String, Operand<? extends TNumber>> diagnostics = new LinkedHashMap<>();
    Ops diagnosticScope = tf.withSubScope("diagnostics");
    for (String name : objective.diagnostics().keySet()) {
      Operand<? extends TNumber> value =
          mean(
              acrossReplicas,
              parts.stream().map(p -> p.objective().diagnostics().get(name)).toList());
      diagnostics.put(name, diagnosticScope.identity(value));
    }
    Optional<Operand<T>> samples =
        replicas == 1 || objective.samples().isEmpty()
            ? objective.samples()
            : Optional.of(
                acrossReplicas.concat(
                    parts.stream().map(p -> p.objective().samples().orElseThrow()).toList(),
                    tf.constant(0)));

    Ops optimizerScope = tf.withSubScope("optimizer");
    if (k == 0) {
      this.trainableSize = trainables.stream().mapToLong(v -> v.variable().shape().size()).sum();
      this.updater = config.optimizer().create(graph, optimizerScope, trainables);
      this.logPartition = objective.logPartition();
    }
    Operand<T> gradientNorm = globalNorm(optimizerScope, gradients);
    if (config.clipNorm().isPresent()) {
      gradients = clip(optimizerScope, gradients, gradientNorm, config.clipNorm().getAsDouble());
    }
    Map<String, Operand<T>> stateUpdates = model.stateUpdates(tf, parameters);

    // Updates wait for every value this step reads, so no read sees an updated variable.
    List<Operation> reads = new ArrayList<>();
    reads.add(loss.op());
    diagnostics.values().forEach(d -> reads.add(d.op()));
    gradients.forEach(g -> reads.add(g.op()));
    parts.forEach(p -> p.gradients().forEach(g -> reads.add(g.op())));
    stateUpdates.values().forEach(s -> reads.add(s.op()));
    samples.ifPresent(s -> reads.add(s.op()));
    reads.add(gradientNorm.op());
    Operand<T> learningRate =
        config
            .schedule()
            .learningRate(
                optimizerScope, config.optimizer().learningRate(), stepRead, graph.type());
    Op update = updater.apply(gradients, learningRate, reads);

    Ops afterUpdate = tf.withSubScope("after_update").withControlDependencies(List.of(update));
    List<Op> finished = new ArrayList<>();
    parts.forEach(p -> finished.addAll(p.objective().stepOps()));
    finished.add(update);
    stateUpdates.forEach(
        (name, value) -> finished.add(afterUpdate.assign(modelVariables.variable(name), value)));
    if (k == 0 && config.emaDecay().isPresent()) {
      emaVariables = Optional.of(graph.createVariablesLike("ema", modelVariables));
    }
    emaVariables.ifPresent(
        ema -> finished.addAll(movingAverage(afterUpdate, ema, config.emaDecay().getAsDouble())));
    // A learned log Z is averaged with the parameters it normalises: NCE only fixes E + c, so the
    // live c and the averaged energy would not belong together.
    if (k == 0 && emaVariables.isPresent() && objective.logPartition().isPresent()) {
      logPartitionAverage =
          Optional.of(
              graph
                  .createVariables(
                      "ema_log_z",
                      List.of(
                          ParameterSpec.state(LOG_Z_AVERAGE, Shape.scalar(), Initializer.zeros())))
                  .variable(LOG_Z_AVERAGE));
    }
    Optional<Operand<T>> stepLogPartition = objective.logPartition();
    logPartitionAverage.ifPresent(
        average ->
            finished.add(
                afterUpdate.assign(
                    average,
                    afterUpdate.math.sub(
                        average,
                        afterUpdate.math.mul(
                            afterUpdate.constant(graph.type(), 1 - config.emaDecay().getAsDouble()),
                            afterUpdate.math.sub(average, stepLogPartition.orElseThrow()))))));
    Op increment = trainer.withControlDependencies(finished).assignAdd(step, trainer.constant(1L));
    Operand<TBool> parametersFinite =
        allFinite(trainer.withControlDependencies(List.of(increment)), trainables);
    Operand<TFloat64> report = report(trainer, loss, gradientNorm, parametersFinite, diagnostics);
    Op done = trainer.withControlDependencies(List.of(report)).withName("train").noOp();
    return new Step<>(loss, gradientNorm, diagnostics, samples, parametersFinite, report, done);
  }

  /** Builds replica {@code index}'s objective on {@code shard} and its gradient. */
  private ReplicaPart<T> buildReplica(
      Ops tf, int k, int index, Operand<T> shard, Operand<TInt64> stepRead) {
    int replicas = graph.replicas();
    Parameters<T> parameters =
        k == 0 && replicas == 1
            ? modelVariables.read()
            : modelVariables.detachedRead(tf.withSubScope("step_read"));
    RandomStream random = RandomStream.of(tf, graph.seed("training"), stepRead);
    TrainingContext<T> context =
        new TrainingContext<>(
            graph,
            tf.withSubScope(method.name()),
            model,
            parameters,
            modelVariables.detachedRead(tf),
            shard,
            batchSize / replicas,
            replicas == 1 ? random : random.shard(index, replicas),
            statistics,
            method.name());
    TrainingObjective<T> objective = method.build(context);
    List<TrainableVariable<T>> trainables = new ArrayList<>();
    addTrainables(trainables, modelVariables, parameters);
    context.methodVariables().forEach(v -> addTrainables(trainables, v, v.read()));
    List<Operand<T>> gradients =
        Gradients.gradients(
            objective.loss(), trainables.stream().map(TrainableVariable::read).toList());
    return new ReplicaPart<>(objective, parameters, trainables, gradients);
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

  private static int countOps(ModelGraph<?> graph) {
    int n = 0;
    for (Iterator<GraphOperation> ops = graph.graph().operations(); ops.hasNext(); ops.next()) {
      n++;
    }
    return n;
  }

  private static <T extends TFloating> Operand<TFloat64> report(
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
    return build(graph, model, method, config, statistics, batchSize, 1);
  }

  /**
   * Builds the training step, repeated {@code stepsPerRun} times so that one session call runs up
   * to that many steps ({@link #AUTO_STEPS_PER_RUN} chooses how many from the size of a step).
   *
   * @throws IllegalArgumentException if the method cannot train this model, saying why, or for
   *     fewer than one step per run
   */
  public static <T extends TFloating> TrainingProgram<T> build(
      ModelGraph<T> graph,
      EnergyModel model,
      TrainingMethod method,
      ProgramConfig config,
      DataStatistics statistics,
      int batchSize,
      int stepsPerRun) {
    return new TrainingProgram<>(graph, model, method, config, statistics, batchSize, stepsPerRun);
  }

  private static <T extends TFloating> void addTrainables(
      List<TrainableVariable<T>> out, VariableSet<T> set, Parameters<T> reads) {
    for (String name : set.trainableNames()) {
      out.add(
          new TrainableVariable<>(set.scope() + "/" + name, set.variable(name), reads.get(name)));
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

  /** The most steps one run executes (K). */
  public int stepsPerRun() {
    return steps.size();
  }

  /** The graph ops one step adds (the ops of the whole step, gradients included). */
  public int opsPerStep() {
    return opsPerStep;
  }

  /** The K steps of a run, in order. */
  public List<Step<T>> steps() {
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
    return emaVariables;
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
        + (config.schedule().isConstant() ? "" : ", learning rate " + config.schedule().describe())
        + config.clipNorm().stream().mapToObj(c -> ", clip " + c).findFirst().orElse("")
        + config.emaDecay().stream().mapToObj(d -> ", EMA " + d).findFirst().orElse("")
        + (steps.size() > 1 ? ", " + steps.size() + " steps per session call" : "");
  }
}
