package dev.ebm.api;

import dev.ebm.core.checkpoint.CheckpointStore;
import dev.ebm.core.data.Batcher;
import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.data.DataWarnings;
import dev.ebm.core.data.Dataset;
import dev.ebm.core.data.Standardization;
import dev.ebm.core.distributed.ClusterPlacement;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.Parameters;
import dev.ebm.core.graph.SessionOptions;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.model.EnergyModelProvider;
import dev.ebm.core.run.DataSummary;
import dev.ebm.core.run.RunDirectory;
import dev.ebm.core.run.RunDirectoryRollback;
import dev.ebm.core.run.RunLock;
import dev.ebm.core.run.RunSettings;
import dev.ebm.core.train.Trainer;
import dev.ebm.core.train.TrainerConfig;
import dev.ebm.core.train.TrainingProgram;
import dev.ebm.core.train.TrainingSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * A {@link Training} built and ready to run: its graph, model, method and training step exist,
 * nothing has been written. {@link #description()} and {@link #notes()} say what will run; {@link
 * #run()} trains once. A fresh run that fails before its first checkpoint leaves its run directory
 * as it found it. Close it to free the graph.
 */
public final class PreparedTraining implements AutoCloseable {

  private final Training training;
  private final RunSettings recorded;
  private final ModelGraph<TFloat32> graph;
  private final RunAssembly<TFloat32> assembly;
  private final Trainer<TFloat32> trainer;
  private final boolean resuming;
  private final Optional<RunLock> lock;
  private final Optional<RunDirectoryRollback> rollback;
  private final Parameters<TFloat32> finalParameters;
  private final Optional<Operand<TFloat32>> finalLogPartition;
  private final List<String> notes = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private boolean ran;

  private PreparedTraining(
      Training training,
      RunSettings recorded,
      ModelGraph<TFloat32> graph,
      RunAssembly<TFloat32> assembly,
      Trainer<TFloat32> trainer,
      boolean resuming,
      Optional<RunLock> lock,
      Optional<RunDirectoryRollback> rollback) {
    this.training = training;
    this.recorded = recorded;
    this.graph = graph;
    this.assembly = assembly;
    this.trainer = trainer;
    this.resuming = resuming;
    this.lock = lock;
    this.rollback = rollback;
    // Built before the first run: a graph on a cluster takes no ops once its session is open.
    this.finalParameters = assembly.program().finalParameters();
    this.finalLogPartition = assembly.program().finalLogPartition();
  }

  /**
   * Builds {@code training}; see {@link Training#prepare()}. The run directory's lock is taken
   * first, so that no other writer starts or resumes it meanwhile.
   */
  static PreparedTraining of(Training training) throws IOException {
    Optional<Path> directory = training.runDirectory();
    Optional<RunDirectoryRollback> rollback = Optional.empty();
    if (directory.isPresent()) {
      rollback =
          Optional.of(RunDirectoryRollback.recordingStateOf(RunDirectory.at(directory.get())));
    }
    Optional<RunLock> lock =
        directory.isPresent() ? Optional.of(RunLock.acquire(directory.get())) : Optional.empty();
    try {
      return build(training, lock, rollback);
    } catch (IOException | RuntimeException | Error e) {
      release(lock);
      if (rollback.isPresent()) {
        // Preparing writes nothing but the lock: leave the directory as it was.
        rollback.get().undo();
      }
      throw e;
    }
  }

  private static PreparedTraining build(
      Training training, Optional<RunLock> lock, Optional<RunDirectoryRollback> rollback)
      throws IOException {
    boolean resuming = training.runDirectory().map(RunSettings::existsIn).orElse(false);
    Optional<RunSettings> existing =
        resuming ? Optional.of(RunSettings.load(training.runDirectory().get())) : Optional.empty();
    Dataset dataset = training.data().load(training.seed());
    DataStatistics statistics = DataStatistics.of(dataset);
    boolean standardize =
        training
            .standardize()
            .or(() -> existing.map(RunSettings::standardize))
            .orElseGet(() -> Training.standardizesByDefault(dataset.sampleShape(), statistics));
    double learningRate =
        training
            .learningRate()
            .orElseGet(
                () ->
                    existing
                        .map(RunSettings::learningRate)
                        .orElseGet(() -> training.method().defaultLearningRate()));
    int batch =
        training
            .batch()
            .orElseGet(
                () ->
                    existing
                        .map(RunSettings::batch)
                        .orElseGet(() -> training.method().defaultBatch()));
    RunSettings recorded = training.recorded(standardize, learningRate, batch);
    if (existing.isPresent()) {
      Path directory = training.runDirectory().get();
      if (!existing.get().equals(recorded)) {
        throw new IllegalArgumentException(
            directory
                + " holds a different run ("
                + existing.get()
                + "); choose another run directory to start a new one");
      }
    }
    SessionOptions session = SessionOptions.defaults().withDevice(training.device());
    if (training.replicas() > 1) {
      if (training.cluster().isPresent()) {
        throw new IllegalArgumentException(
            "replicas split a step on this machine's device; on a cluster each worker task is a"
                + " replica: leave replicas at 1 with a cluster");
      }
      session = session.withLocalReplicas(training.replicas()).withThreads(1, training.replicas());
    }
    if (training.cluster().isPresent()) {
      ClusterPlacement placement = ClusterPlacement.of(training.cluster().get());
      placement.requireReachable(Training.CONNECT_TIMEOUT);
      session = session.onCluster(placement).withClusterTimeouts(training.clusterTimeouts());
    }
    DataSummary.Prepared data =
        DataSummary.prepare(
            dataset,
            statistics,
            standardization(training, recorded, resuming, statistics, dataset.sampleShape()));
    ModelGraph<TFloat32> graph = ModelGraph.create(TFloat32.class, training.seed(), session);
    try {
      RunAssembly<TFloat32> assembly =
          RunAssembly.build(
              graph,
              recorded,
              training.modelInstance(),
              training.methodInstance(),
              data.summary(),
              training.stepsPerRun().forRunOf(training.steps()));
      TrainerConfig config =
          new TrainerConfig(
              training.steps(),
              training.logEvery(),
              training.checkpointEvery(),
              Training.KEEP_CHECKPOINTS,
              training.runDirectory(),
              true);
      Trainer<TFloat32> trainer =
          new Trainer<>(
                  assembly.program(),
                  new Batcher(data.trainingData(), recorded.batch(), training.seed(), true),
                  config,
                  training.listeners())
              .recording(assembly.resolvedOptions())
              .stoppingWhen(training.stopRequest());
      PreparedTraining prepared =
          new PreparedTraining(
              training, recorded, graph, assembly, trainer, resuming, lock, rollback);
      prepared.collectNotes();
      if (standardize && training.standardize().isEmpty() && existing.isEmpty()) {
        prepared.notes.add(
            "the data is far from unit scale, so the model trains on it standardised per"
                + " coordinate (turn standardisation off to train on it as it is); samples,"
                + " scores, log densities and exports stay in the data's units");
      }
      prepared.warnings.addAll(DataWarnings.of(dataset, statistics, standardize));
      return prepared;
    } catch (RuntimeException | Error e) {
      graph.close();
      throw e;
    }
  }

  /**
   * The map from the data to what the model trains on: none unless {@code recorded} standardises; a
   * resumed run's own, as its {@code data.json} recorded it (so that a run standardised under an
   * earlier rule resumes on the same coordinates); else the one the current rule computes, to the
   * scale the model asks for ({@link EnergyModel#standardizedScale()}).
   */
  private static Optional<Standardization> standardization(
      Training training,
      RunSettings recorded,
      boolean resuming,
      DataStatistics statistics,
      Shape sampleShape)
      throws IOException {
    if (!recorded.standardize()) {
      return Optional.empty();
    }
    Optional<Standardization> own =
        resuming
            ? DataSummary.load(training.runDirectory().get()).flatMap(DataSummary::standardization)
            : Optional.empty();
    if (own.isPresent()) {
      return own;
    }
    double scale =
        training
            .modelInstance()
            .map(EnergyModel::standardizedScale)
            .orElseGet(() -> EnergyModelProvider.byName(recorded.modelName()).standardizedScale());
    return Optional.of(Standardization.of(statistics, sampleShape, scale));
  }

  /** What the step does, in one line: method, model, batch, optimiser, schedule, averaging. */
  public String description() {
    return assembly.program().describe();
  }

  /**
   * What a user may want to know before the run: that the learning rate reaches 0 before the last
   * step, or how many bytes a step sends between a cluster's tasks.
   */
  public List<String> notes() {
    return List.copyOf(notes);
  }

  /**
   * What in the data the defaults cannot serve ({@link DataWarnings}): constant coordinates,
   * repeated rows, unstandardised data far from unit scale. The training runs all the same.
   */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  private void collectNotes() {
    training
        .learningRateDecay()
        .ifPresent(
            decay -> {
              if (training.steps() > decay) {
                notes.add(
                    String.format(
                        Locale.ROOT,
                        "the learning rate reaches 0 at step %d (the end of its decay), so the %d"
                            + " step(s) after it leave the parameters where they are",
                        decay,
                        training.steps() - decay));
              }
            });
    TrainingProgram<TFloat32> program = assembly.program();
    int k = program.stepsPerRun();
    List<Operand<?>> reports = new ArrayList<>();
    program.steps().forEach(step -> reports.add(step.report()));
    graph
        .crossTaskTraffic(reports, List.of(program.trainOp(k)))
        .map(traffic -> traffic.per(k))
        .ifPresent(
            traffic ->
                notes.add(
                    String.format(
                        Locale.ROOT,
                        "on the cluster, a step sends %,d bytes between tasks: %s",
                        traffic.total(),
                        traffic.bytes())));
  }

  /**
   * Trains (from the run directory's newest checkpoint, when resuming) and returns the trained
   * energy at the last step.
   *
   * @throws IllegalStateException if this training already ran
   * @throws dev.ebm.core.train.TrainingDivergedException at the first non-finite loss or parameter
   * @throws IOException if the run directory cannot be written
   */
  public TrainedEnergy run() throws IOException {
    if (ran) {
      throw new IllegalStateException("a prepared training runs once; prepare it again");
    }
    ran = true;
    Optional<Path> directory = training.runDirectory();
    TrainingSummary summary;
    try {
      if (directory.isPresent()) {
        recorded.save(directory.get());
        assembly.data().save(directory.get());
      }
      summary = trainer.train();
    } catch (Exception | Error e) {
      if (!resuming
          && directory.isPresent()
          && new CheckpointStore(RunDirectory.at(directory.get()).checkpoints(), 1)
              .complete()
              .isEmpty()) {
        rollback.orElseThrow().undo();
      }
      throw e;
    }
    return TrainedEnergy.trained(
        assembly.trainedModel(graph, finalParameters, finalLogPartition, summary.lastStep()),
        recorded,
        assembly.method(),
        training.data(),
        directory.map(Path::toString).orElse("training in memory"),
        summary);
  }

  /** Frees the graph and releases the run directory's lock. */
  @Override
  public void close() throws IOException {
    graph.close();
    release(lock);
  }

  private static void release(Optional<RunLock> lock) throws IOException {
    if (lock.isPresent()) {
      lock.get().close();
    }
  }
}
