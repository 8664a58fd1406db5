package dev.ebm.core.train;

import dev.ebm.core.autodiff.Gradients;
import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.Parameters;
import dev.ebm.core.graph.VariableSet;
import dev.ebm.core.method.TrainingContext;
import dev.ebm.core.method.TrainingMethod;
import dev.ebm.core.method.TrainingObjective;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.random.RandomStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;

/**
 * Builds one training step into the graph, with its replicas: row k of the fed batches, split over
 * the graph's N replicas; on each replica, the method's objective on its share of the rows and the
 * gradient of its loss with respect to the trainable variables (the model's and the method's own);
 * the replicas' means ({@link ReplicaAggregation}); optional global-norm clipping ({@link
 * GradientClipping}); the optimiser update; the model's state updates; the moving averages ({@link
 * ParameterAveraging}); the increment of the step counter that keys every random number; and the
 * report the trainer fetches ({@link StepReport}). Every update waits for everything the step
 * reads, so no read sees an updated variable.
 *
 * <p>Step 0 also creates the state all steps share: the optimiser's slots and the moving averages.
 *
 * @param <T> the model's floating-point type
 */
final class StepBuilder<T extends TFloating> {

  private final ModelGraph<T> graph;
  private final EnergyModel model;
  private final TrainingMethod method;
  private final ProgramConfig config;
  private final DataStatistics statistics;
  private final int batchSize;
  private final Placeholder<T> data;
  private final VariableSet<T> modelVariables;
  private final Variable<TInt64> step;

  // Created while step 0 is built.
  private OptimizerConfig.Updater<T> updater;
  private long trainableSize;
  private Optional<Operand<T>> logPartition = Optional.empty();
  private Optional<ParameterAveraging<T>> averaging = Optional.empty();

  /**
   * A builder of the steps that train {@code modelVariables} of {@code model} by {@code method} on
   * batches of {@code batchSize} rows fed to {@code data}, counting steps in {@code step}.
   */
  StepBuilder(
      ModelGraph<T> graph,
      EnergyModel model,
      TrainingMethod method,
      ProgramConfig config,
      DataStatistics statistics,
      int batchSize,
      Placeholder<T> data,
      VariableSet<T> modelVariables,
      Variable<TInt64> step) {
    this.graph = graph;
    this.model = model;
    this.method = method;
    this.config = config;
    this.statistics = statistics;
    this.batchSize = batchSize;
    this.data = data;
    this.modelVariables = modelVariables;
    this.step = step;
  }

  /**
   * Builds step {@code k} of a run: step 0 in {@link ModelGraph#ops()}, step k > 0 under its
   * sub-scope {@code stepK}. On a graph with N replicas, each replica computes the objective on
   * rows {@code [i·B/N, (i+1)·B/N)} of the batch, with the random numbers a single process draws
   * for those rows, and the step applies the mean of the replicas' gradients once.
   */
  TrainingStep<T> build(int k) {
    UnaryOperator<Ops> scoping =
        k == 0 ? UnaryOperator.identity() : ops -> ops.withSubScope("step" + k);
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
    List<TrainableVariable<T>> trainables = first.trainables();
    // The replicas' means, on the parameter task (one replica: its own values, no op added).
    ReplicaAggregation<T> mean =
        ReplicaAggregation.across(
            tf,
            parts.stream().map(ReplicaPart::objective).toList(),
            parts.stream().map(ReplicaPart::gradients).toList());
    List<Operand<T>> gradients = mean.gradients();

    Ops optimizerScope = tf.withSubScope("optimizer");
    if (k == 0) {
      this.trainableSize = trainables.stream().mapToLong(v -> v.variable().shape().size()).sum();
      this.updater = config.optimizer().create(graph, optimizerScope, trainables);
      this.logPartition = objective.logPartition();
    }
    Operand<T> gradientNorm = GradientClipping.globalNorm(optimizerScope, gradients);
    if (config.clipNorm().isPresent()) {
      gradients =
          GradientClipping.clip(
              optimizerScope, gradients, gradientNorm, config.clipNorm().getAsDouble());
    }
    Map<String, Operand<T>> stateUpdates = model.stateUpdates(tf, first.parameters());

    // Updates wait for every value this step reads, so no read sees an updated variable.
    List<Operation> reads = new ArrayList<>();
    reads.add(mean.loss().op());
    mean.diagnostics().values().forEach(d -> reads.add(d.op()));
    gradients.forEach(g -> reads.add(g.op()));
    parts.forEach(p -> p.gradients().forEach(g -> reads.add(g.op())));
    stateUpdates.values().forEach(s -> reads.add(s.op()));
    mean.samples().ifPresent(s -> reads.add(s.op()));
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
      averaging =
          Optional.of(
              new ParameterAveraging<>(graph, modelVariables, config.emaDecay().getAsDouble()));
    }
    averaging.ifPresent(a -> finished.addAll(a.update(afterUpdate, objective.logPartition())));
    Op increment = trainer.withControlDependencies(finished).assignAdd(step, trainer.constant(1L));
    Operand<TBool> parametersFinite =
        StepReport.allFinite(trainer.withControlDependencies(List.of(increment)), trainables);
    Operand<TFloat64> report =
        StepReport.of(trainer, mean.loss(), gradientNorm, parametersFinite, mean.diagnostics());
    Op done = trainer.withControlDependencies(List.of(report)).withName("train").noOp();
    return new TrainingStep<>(
        mean.loss(),
        gradientNorm,
        mean.diagnostics(),
        mean.samples(),
        parametersFinite,
        report,
        done);
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
            stepRead,
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

  private static <T extends TFloating> void addTrainables(
      List<TrainableVariable<T>> out, VariableSet<T> set, Parameters<T> reads) {
    for (String name : set.trainableNames()) {
      out.add(
          new TrainableVariable<>(set.scope() + "/" + name, set.variable(name), reads.get(name)));
    }
  }

  /** The number of trained scalars (known once step 0 is built). */
  long trainableSize() {
    return trainableSize;
  }

  /** The method's learned {@code log Z} as step 0 reads it, if it learns one. */
  Optional<Operand<T>> logPartition() {
    return logPartition;
  }

  /** The moving averages, if kept (created by step 0). */
  Optional<ParameterAveraging<T>> averaging() {
    return averaging;
  }
}
