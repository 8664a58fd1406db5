package dev.ebm.experiments;

import dev.ebm.core.checkpoint.CheckpointStore;
import dev.ebm.core.data.Batcher;
import dev.ebm.core.distributed.ClusterPlacement;
import dev.ebm.core.distributed.ClusterSpec;
import dev.ebm.core.export.SavedModelExport;
import dev.ebm.core.graph.Device;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.SessionOptions;
import dev.ebm.core.run.RunDirectory;
import dev.ebm.core.run.RunDirectoryRollback;
import dev.ebm.core.train.StepsPerRun;
import dev.ebm.core.train.Trainer;
import dev.ebm.core.train.TrainerConfig;
import dev.ebm.core.train.TrainingProgram;
import dev.ebm.core.train.TrainingSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code ebm train}: trains a model with a method on data, resuming a run directory if it holds
 * one.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train an energy model.",
      "Example: ebm train --data toy:8gaussians --model mlp --method dsm:sigma=0.1 --steps 2000",
      "Settings can also come from a file in run.json's format (--config), which options given on"
          + " the command line override."
    })
public final class TrainCommand implements Callable<Integer> {

  @Spec CommandSpec command;

  @Option(
      names = "--config",
      description =
          "a settings file in run.json's format (keys data, model, method, batch, optimizer,"
              + " learningRate, ema, clipNorm, seed, standardize, lrDecaySteps; any subset)")
  Path config;

  @Option(
      names = "--data",
      description = "toy:<name>, csv:<file> or idx:<file> (required, here or in --config)")
  String data;

  @Option(
      names = "--model",
      defaultValue = "mlp",
      description = "name[:key=value,...] (default: ${DEFAULT-VALUE}; see ebm list)")
  String model;

  @Option(
      names = "--method",
      defaultValue = "dsm",
      description = "name[:key=value,...] (default: ${DEFAULT-VALUE}; see ebm list)")
  String method;

  @Option(
      names = "--steps",
      defaultValue = "10000",
      description =
          "total training steps (default: ${DEFAULT-VALUE}, enough for every method on 2-D data"
              + " of any scale; see ebm reproduce defaults-check)")
  long steps;

  @Option(
      names = "--batch",
      defaultValue = "128",
      description = "batch size (default: ${DEFAULT-VALUE})")
  int batch;

  @Option(
      names = "--optimizer",
      defaultValue = "adam",
      description = "adam or sgd (default: ${DEFAULT-VALUE})")
  String optimizer;

  @Option(
      names = "--lr",
      defaultValue = "1e-3",
      description = "learning rate (default: ${DEFAULT-VALUE})")
  double learningRate;

  @Option(
      names = "--ema",
      defaultValue = "0.999",
      description =
          "moving-average decay of the parameters, 0 for none (default: ${DEFAULT-VALUE})")
  double ema;

  @Option(
      names = "--lr-decay",
      defaultValue = "0",
      description =
          "steps over which the learning rate falls to 0 along a half cosine, lr·½(1 + cos(π·t/N)),"
              + " then stays 0; 0 for a constant rate (default: ${DEFAULT-VALUE})")
  long lrDecaySteps;

  @Option(
      names = "--clip-norm",
      defaultValue = "0",
      description = "gradient-norm clip, 0 for none (default: ${DEFAULT-VALUE})")
  double clipNorm;

  @Option(names = "--seed", defaultValue = "0", description = "seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--device",
      defaultValue = "cpu",
      description = "cpu or gpu:N (default: ${DEFAULT-VALUE})")
  String device;

  @Option(
      names = "--run",
      defaultValue = "runs/train",
      description = "run directory; an existing run is resumed (default: ${DEFAULT-VALUE})")
  Path run;

  @Option(
      names = "--log-every",
      defaultValue = "100",
      description = "steps between log lines (default: ${DEFAULT-VALUE})")
  int logEvery;

  @Option(
      names = "--checkpoint-every",
      defaultValue = "1000",
      description = "steps between checkpoints (default: ${DEFAULT-VALUE})")
  int checkpointEvery;

  @Option(
      names = "--steps-per-run",
      description =
          "training steps per TensorFlow session call, or auto: as many as make a call hold about "
              + StepsPerRun.OPS_PER_CALL
              + " graph ops, at most "
              + StepsPerRun.MAX_AUTO_STEPS_PER_RUN
              + ", and one for runs of fewer than "
              + StepsPerRun.AUTO_MIN_STEPS
              + " steps (where building the larger graph costs more than it saves); changes the"
              + " speed, never the result (default: ${DEFAULT-VALUE})",
      defaultValue = "auto")
  String stepsPerRun;

  @Option(
      names = "--standardize",
      description =
          "train on data standardised to zero mean and unit scale; samples, scores, log densities"
              + " and exports stay in the data's own units")
  boolean standardize;

  @Option(names = "--export", description = "export the trained energy as a SavedModel here")
  Path export;

  @Option(
      names = "--cluster",
      description =
          "train data-parallel on the TensorFlow cluster this JSON file describes, e.g."
              + " {\"worker\": [\"h1:2222\", \"h2:2222\"]} (start each task with ebm worker"
              + " first): one replica of the step per worker task, each on an equal share of the"
              + " batch; the variables live on ps:0 if the cluster has a ps job, else on"
              + " worker:0, and that task's process writes the checkpoints into --run")
  Path cluster;

  /** How long {@code --cluster} waits for each task to accept a connection. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** The options of this command that set each {@link RunSpec} component. */
  private static final Map<String, String> OPTION_OF_SETTING =
      Map.ofEntries(
          Map.entry("data", "--data"),
          Map.entry("model", "--model"),
          Map.entry("method", "--method"),
          Map.entry("batch", "--batch"),
          Map.entry("optimizer", "--optimizer"),
          Map.entry("learningRate", "--lr"),
          Map.entry("ema", "--ema"),
          Map.entry("clipNorm", "--clip-norm"),
          Map.entry("seed", "--seed"),
          Map.entry("standardize", "--standardize"),
          Map.entry("lrDecaySteps", "--lr-decay"));

  /**
   * The run's settings: each from the command line when given there, else from {@code --config}
   * when it has it, else the option's default.
   */
  private RunSpec settings() throws IOException {
    Map<String, Object> file = config == null ? Map.of() : RunSpec.readSettings(config);
    ParseResult parsed = command.commandLine().getParseResult();
    java.util.function.Function<String, Object> pick =
        key -> {
          boolean onCommandLine = parsed.hasMatchedOption(OPTION_OF_SETTING.get(key));
          return onCommandLine || !file.containsKey(key)
              ? command.findOption(OPTION_OF_SETTING.get(key)).getValue()
              : file.get(key);
        };
    Object dataSpec = pick.apply("data");
    if (dataSpec == null) {
      throw new IllegalArgumentException(
          "no training data: give --data (toy:<name>, csv:<file> or idx:<file>) or a --config with"
              + " a data entry");
    }
    return new RunSpec(
        (String) dataSpec,
        (String) pick.apply("model"),
        (String) pick.apply("method"),
        (Integer) pick.apply("batch"),
        (String) pick.apply("optimizer"),
        (Double) pick.apply("learningRate"),
        (Double) pick.apply("ema"),
        (Double) pick.apply("clipNorm"),
        (Long) pick.apply("seed"),
        (Boolean) pick.apply("standardize"),
        (Long) pick.apply("lrDecaySteps"));
  }

  /** On a cluster, prints the bytes one training step sends between the tasks. */
  private static void printClusterTraffic(ModelGraph<TFloat32> graph, TrainingProgram<?> program) {
    int k = program.stepsPerRun();
    List<Operand<?>> reports = new ArrayList<>();
    program.steps().forEach(step -> reports.add(step.report()));
    graph
        .crossTaskTraffic(reports, List.of(program.trainOp(k)))
        .map(traffic -> traffic.per(k))
        .ifPresent(
            traffic ->
                System.out.printf(
                    "on the cluster, a step sends %,d bytes between tasks: %s%n",
                    traffic.total(), traffic.bytes()));
  }

  /**
   * Validates everything (data, model, method, options, their pairing, the export target) before
   * anything is written; a fresh run that fails before its first checkpoint leaves the run
   * directory as it was.
   */
  @Override
  public Integer call() throws Exception {
    RunSpec spec = settings();
    boolean resuming = RunSpec.existsIn(run);
    if (resuming && !RunSpec.load(run).equals(spec)) {
      throw new IllegalArgumentException(
          run
              + " holds a different run ("
              + RunSpec.load(run)
              + "); choose another --run directory to start a new one");
    }
    if (export != null && Files.exists(export)) {
      throw new IllegalArgumentException(
          "the export target "
              + export
              + " already exists; choose another --export path or remove it");
    }
    TrainerConfig trainerConfig =
        new TrainerConfig(steps, logEvery, checkpointEvery, 3, Optional.of(run), true);
    SessionOptions session = SessionOptions.defaults().withDevice(Device.parse(device));
    if (cluster != null) {
      ClusterPlacement placement = ClusterPlacement.of(ClusterSpec.read(cluster));
      placement.requireReachable(CONNECT_TIMEOUT);
      session = session.onCluster(placement);
    }
    try (ModelGraph<TFloat32> graph = ModelGraph.create(TFloat32.class, spec.seed(), session)) {
      RunSpec.Built<TFloat32> built =
          spec.build(graph, StepsPerRun.parse("--steps-per-run", stepsPerRun).forRunOf(steps));
      Trainer<TFloat32> trainer =
          new Trainer<>(
                  built.program(),
                  new Batcher(built.data(), spec.batch(), spec.seed(), true),
                  trainerConfig,
                  RunListeners.standard(
                      System.err, built.model().sampleShape().numDimensions() == 3 ? logEvery : 0))
              .recording(spec.resolvedOptions(built.statistics()));
      RunDirectoryRollback rollback = RunDirectoryRollback.recordingStateOf(RunDirectory.at(run));
      TrainingSummary summary;
      try {
        spec.save(run);
        System.out.println(built.program().describe());
        if (spec.lrDecaySteps() > 0 && steps > spec.lrDecaySteps()) {
          System.out.printf(
              "note: the learning rate reaches 0 at step %d (--lr-decay), so the %d step(s) after"
                  + " it leave the parameters where they are%n",
              spec.lrDecaySteps(), steps - spec.lrDecaySteps());
        }
        printClusterTraffic(graph, built.program());
        summary = trainer.train();
      } catch (Exception | Error e) {
        if (!resuming
            && new CheckpointStore(RunDirectory.at(run).checkpoints(), 1).complete().isEmpty()) {
          rollback.undo();
        }
        throw e;
      }
      System.out.printf(
          "trained from step %d to %d at %.1f steps/s, last loss %.5g; run in %s%n",
          summary.firstStep(),
          summary.lastStep(),
          summary.stepsPerSecond(),
          summary.lastLoss(),
          run);
      if (export != null) {
        // Exported from the checkpoint just written, as ebm export would: one path for both.
        TrainedRun trained = TrainedRun.load(run);
        SavedModelExport.export(
            trained.model(),
            trained.parameters(),
            trained.logPartition(),
            export,
            TFloat32.class,
            false);
        System.out.println("exported SavedModel to " + export);
      }
    }
    return 0;
  }
}
